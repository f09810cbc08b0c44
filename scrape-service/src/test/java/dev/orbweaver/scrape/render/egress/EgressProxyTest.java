package dev.orbweaver.scrape.render.egress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orbweaver.fetch.guard.AddressGuard;
import dev.orbweaver.fetch.guard.AllowedPrivateCidrs;
import dev.orbweaver.fetch.guard.HostResolver;
import dev.orbweaver.testing.FixtureSite;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The browsers' egress proxy spoken to directly: 127.0.0.2 is allowed, 127.0.0.3 (a listener that
 * counts connections) is not.
 */
class EgressProxyTest {
  private static FixtureSite site;
  private static ServerSocket refused;
  private static final AtomicInteger reachedRefused = new AtomicInteger();
  private static EgressProxy proxy;

  @BeforeAll
  static void start() throws IOException {
    site = FixtureSite.on("127.0.0.2").page("/hello", "<p>hello</p>").start();
    refused = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.3"));
    Thread.ofVirtual()
        .start(
            () -> {
              while (!refused.isClosed()) {
                try (Socket s = refused.accept()) {
                  reachedRefused.incrementAndGet();
                } catch (IOException e) {
                  return;
                }
              }
            });
    proxy =
        EgressProxy.start(
            new AddressGuard(AllowedPrivateCidrs.of("127.0.0.2/32"), HostResolver.system()),
            Duration.ofSeconds(5),
            Duration.ofSeconds(5),
            16);
  }

  @AfterAll
  static void stop() throws IOException {
    proxy.close();
    site.close();
    refused.close();
  }

  private static String exchange(String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", proxy.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  @Test
  void anAllowedPlainRequestIsForwardedAndTheConnectionClosedAfterIt() throws IOException {
    String answer =
        exchange(
            "GET "
                + site.url("/hello")
                + " HTTP/1.1\r\nHost: "
                + site.origin().substring(7)
                + "\r\nProxy-Connection: keep-alive\r\n\r\n"
                + "GET http://127.0.0.3:"
                + refused.getLocalPort()
                + "/ HTTP/1.1\r\nHost: x\r\n\r\n");

    assertThat(answer).startsWith("HTTP/1.1 200").contains("<p>hello</p>");
    assertThat(answer).doesNotContain("X-Orbweaver-Egress");
    assertThat(reachedRefused.get()).isZero();
  }

  @Test
  void aRefusedPlainRequestIsA403ThatNeverLeaves() throws IOException {
    long before = proxy.refused();

    String answer =
        exchange(
            "GET http://127.0.0.3:"
                + refused.getLocalPort()
                + "/secret HTTP/1.1\r\nHost: 127.0.0.3\r\n\r\n");

    assertThat(answer).startsWith("HTTP/1.1 403").contains("X-Orbweaver-Egress: refused");
    assertThat(proxy.refused()).isEqualTo(before + 1);
    assertThat(reachedRefused.get()).isZero();
  }

  @Test
  void connectTunnelsToAnAllowedAddressOnlyAndNamesAreVetted() throws IOException {
    try (Socket socket = new Socket("127.0.0.1", proxy.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      out.write(
          ("CONNECT 127.0.0.2:" + site.port() + " HTTP/1.1\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      String established = readHead(in);
      assertThat(established).startsWith("HTTP/1.1 200");
      out.write("GET /hello HTTP/1.0\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      assertThat(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1)).contains("hello");
    }

    assertThat(exchange("CONNECT 127.0.0.3:" + refused.getLocalPort() + " HTTP/1.1\r\n\r\n"))
        .startsWith("HTTP/1.1 403");
    assertThat(exchange("CONNECT localhost:" + refused.getLocalPort() + " HTTP/1.1\r\n\r\n"))
        .startsWith("HTTP/1.1 403");
    assertThat(exchange("CONNECT [::1]:" + refused.getLocalPort() + " HTTP/1.1\r\n\r\n"))
        .startsWith("HTTP/1.1 403");
    assertThat(exchange("CONNECT 169.254.169.254:80 HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 403");
    assertThat(reachedRefused.get()).isZero();
  }

  @Test
  void theProxysOwnPortIsRefused() throws IOException {
    AddressGuard loopback =
        new AddressGuard(AllowedPrivateCidrs.of("127.0.0.0/8"), HostResolver.system());
    try (EgressProxy open =
            EgressProxy.start(loopback, Duration.ofSeconds(5), Duration.ofSeconds(5), 4);
        Socket socket = new Socket("127.0.0.1", open.port())) {
      socket
          .getOutputStream()
          .write(
              ("CONNECT 127.0.0.1:" + open.port() + " HTTP/1.1\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      assertThat(new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1))
          .startsWith("HTTP/1.1 403");
    }
  }

  @Test
  void garbageAndOversizedHeadsAreDropped() throws IOException {
    assertThat(exchange("NONSENSE\r\n\r\n")).isEmpty();
    assertThat(exchange("GET ftp://127.0.0.2/ HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 400");
    String huge =
        "GET " + site.url("/hello") + " HTTP/1.1\r\nX: " + "a".repeat(70_000) + "\r\n\r\n";
    String answer;
    try {
      answer = exchange(huge);
    } catch (IOException reset) {
      answer = "";
    }
    assertThat(answer).isEmpty();
  }

  private static String readHead(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.append((char) b);
    }
    return head.toString();
  }
}
