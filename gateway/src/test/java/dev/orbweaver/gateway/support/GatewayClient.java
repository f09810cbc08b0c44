package dev.orbweaver.gateway.support;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.RestAssured;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Raw sockets to the gateway under test, and the usage counters an account sees. */
public final class GatewayClient {
  private GatewayClient() {}

  public static Socket open() throws IOException {
    Socket socket = new Socket("127.0.0.1", RestAssured.port);
    socket.setSoTimeout(10_000);
    return socket;
  }

  /** Writes a request head: the request line, the key, the client address and more headers. */
  public static void head(Socket socket, String requestLine, String key, String client, String more)
      throws IOException {
    String head =
        requestLine
            + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + (key == null ? "" : "Authorization: Bearer " + key + "\r\n")
            + "X-Forwarded-For: "
            + client
            + "\r\n"
            + more
            + "\r\n";
    socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
    socket.getOutputStream().flush();
  }

  /** Closes with a reset (RST), as a client that gives up does, rather than an orderly close. */
  public static void reset(Socket socket) throws IOException {
    socket.setSoLinger(true, 0);
    socket.close();
  }

  /** Reads until the text appears (or the socket times out) and returns all read so far. */
  public static String readUntil(InputStream in, String text) throws IOException {
    ByteArrayOutputStream read = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    while (!read.toString(StandardCharsets.ISO_8859_1).contains(text)) {
      int n = in.read(buffer);
      if (n < 0) {
        throw new IOException("connection closed before '" + text + "': " + read);
      }
      read.write(buffer, 0, n);
    }
    return read.toString(StandardCharsets.ISO_8859_1);
  }

  /** Reads a whole answer that comes with Content-Length: the head, a blank line, the body. */
  public static String readAnswer(InputStream in) throws IOException {
    String head = readUntil(in, "\r\n\r\n");
    int split = head.indexOf("\r\n\r\n") + 4;
    int length = 0;
    for (String line : head.substring(0, split).split("\r\n")) {
      if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring("content-length:".length()).strip());
      }
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(head.substring(split).getBytes(StandardCharsets.ISO_8859_1));
    byte[] buffer = new byte[8192];
    while (body.size() < length) {
      int n = in.read(buffer);
      if (n < 0) {
        break;
      }
      body.write(buffer, 0, n);
    }
    return head.substring(0, split) + body.toString(StandardCharsets.UTF_8);
  }

  /** Waits for the settlement that follows an answer: used and reserved of one counter. */
  public static void awaitCounter(String key, String resource, int used, int reserved) {
    Instant deadline = Instant.now().plusSeconds(5);
    String find = "quotas.find { it.resource == '" + resource + "' }.";
    while (true) {
      var usage =
          given()
              .header("Authorization", "Bearer " + key)
              .header("X-Forwarded-For", TestAccounts.freshClientAddress())
              .when()
              .get("/api/v1/usage")
              .then()
              .statusCode(200)
              .extract();
      int nowUsed = usage.path(find + "used");
      int nowReserved = usage.path(find + "reserved");
      if ((nowUsed == used && nowReserved == reserved) || Instant.now().isAfter(deadline)) {
        assertThat(nowUsed).as(resource + " used").isEqualTo(used);
        assertThat(nowReserved).as(resource + " reserved").isEqualTo(reserved);
        return;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
