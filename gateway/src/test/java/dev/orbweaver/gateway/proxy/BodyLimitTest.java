package dev.orbweaver.gateway.proxy;

import static dev.orbweaver.gateway.support.GatewayClient.awaitCounter;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orbweaver.gateway.support.AuthServiceProcess;
import dev.orbweaver.gateway.support.GatewayClient;
import dev.orbweaver.gateway.support.LoopbackService;
import dev.orbweaver.gateway.support.TestAccounts;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Each route takes a body up to its limit (1 MiB unless the route table says more): a longer one is
 * a 413 in the route's envelope before the service acts on it. A declared Content-Length is refused
 * before a byte of the body is read; a chunked body as soon as its count passes the limit, and the
 * forward is cut so that the service never gets to the end of it.
 */
@QuarkusTest
@QuarkusTestResource(AuthServiceProcess.class)
@QuarkusTestResource(LoopbackService.class)
class BodyLimitTest {
  private static final long TWELVE_MB = 12L * 1024 * 1024;

  @LoopbackService.Injected LoopbackService scrapeService;

  @Test
  void aDeclaredLengthOverTheLimitIsRefusedBeforeTheBodyIsSentInEachDialect() throws IOException {
    TestAccounts.Opened account = TestAccounts.open("lifetime");

    JsonPath crawlcrawl = refusedOnDeclaredLength("/v1/crawls", account);
    assertThat(crawlcrawl.getString("error.code")).isEqualTo("payload_too_large");
    assertThat(crawlcrawl.getString("error.message"))
        .isEqualTo("Request body too large; this route takes at most 1048576 bytes.");

    JsonPath alterlab = refusedOnDeclaredLength("/api/v1/crawl", account);
    assertThat(alterlab.getString("error")).isEqualTo("payload_too_large");
    assertThat(alterlab.getString("detail")).startsWith("Request body too large");

    JsonPath firecrawl = refusedOnDeclaredLength("/v2/crawl", account);
    assertThat(firecrawl.getBoolean("success")).isFalse();
    assertThat(firecrawl.getString("error")).isEqualTo("payload_too_large");

    JsonPath scrape = refusedOnDeclaredLength("/v1/scrape", account);
    assertThat(scrape.getString("message"))
        .isEqualTo("Request body too large; this route takes at most 2097152 bytes.");

    JsonPath crawlgraph = refusedOnDeclaredLength("/api/v1/keys", account);
    assertThat(crawlgraph.getString("error")).isEqualTo("payload_too_large");
    assertThat(crawlgraph.getString("request_id")).startsWith("req_");

    awaitCounter(account.key(), "crawl", 0, 0);
    awaitCounter(account.key(), "scrape", 0, 0);
  }

  @Test
  void aClientThatSendsTheWholeOversizedBodyStillReadsTheRefusal() throws Exception {
    TestAccounts.Opened account = TestAccounts.open("free");
    byte[] body = new byte[(int) TWELVE_MB];
    Arrays.fill(body, (byte) ' ');

    HttpResponse<String> answer =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + RestAssured.port + "/v1/crawls"))
                    .header("Authorization", "Bearer " + account.key())
                    .header("X-Forwarded-For", TestAccounts.freshClientAddress())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(answer.statusCode()).isEqualTo(413);
    assertThat(new JsonPath(answer.body()).getString("error.code")).isEqualTo("payload_too_large");
  }

  @Test
  void aChunkedBodyIsCutAtTheLimitAndTheServiceNeverGetsItsEnd() throws Exception {
    TestAccounts.Opened account = TestAccounts.open("free");
    String id = UUID.randomUUID().toString();
    String answer;
    try (Socket socket = GatewayClient.open()) {
      GatewayClient.head(
          socket,
          "POST /v1/scrape/trickle-in?id=" + id,
          account.key(),
          TestAccounts.freshClientAddress(),
          "Transfer-Encoding: chunked\r\n");
      OutputStream out = socket.getOutputStream();
      chunk(out, 1024);
      scrapeService.firstChunk(id).get(10, TimeUnit.SECONDS); // the forward has begun
      // 2 MiB is the scrape route's limit; the gateway reads (and drops) a little more after it.
      for (int sent = 1024; sent <= 2 * 1024 * 1024; sent += 64 * 1024) {
        chunk(out, 64 * 1024);
      }
      answer = GatewayClient.readAnswer(socket.getInputStream());
    }

    assertThat(answer).startsWith("HTTP/1.1 413");
    JsonPath body = new JsonPath(answer.substring(answer.indexOf("\r\n\r\n") + 4));
    assertThat(body.getBoolean("success")).isFalse();
    assertThat(body.getString("error")).isEqualTo("payload_too_large");
    assertThat(scrapeService.bodyEnd(id).get(10, TimeUnit.SECONDS)).as("body ended").isFalse();
    awaitCounter(account.key(), "scrape", 0, 0);
  }

  @Test
  void aChunkedBodyOverTheLimitNeverReachesAServiceThatWouldActOnIt() throws Exception {
    TestAccounts.Opened account = TestAccounts.open("free");
    int keysBefore = keyCount(account);
    String answer;
    try (Socket socket = GatewayClient.open()) {
      GatewayClient.head(
          socket,
          "POST /api/v1/keys",
          account.key(),
          TestAccounts.freshClientAddress(),
          "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n");
      OutputStream out = socket.getOutputStream();
      String start = "{\"label\":\"half\",\"padding\":\"";
      out.write(
          (Integer.toHexString(start.length()) + "\r\n" + start + "\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      for (int sent = 0; sent <= 1024 * 1024; sent += 64 * 1024) {
        chunk(out, 64 * 1024);
      }
      answer = GatewayClient.readAnswer(socket.getInputStream());
    }

    assertThat(answer).startsWith("HTTP/1.1 413");
    JsonPath body = new JsonPath(answer.substring(answer.indexOf("\r\n\r\n") + 4));
    assertThat(body.getString("error")).isEqualTo("payload_too_large");
    assertThat(keyCount(account)).isEqualTo(keysBefore);
  }

  @Test
  void bodiesUpToTheLimitPass() {
    TestAccounts.Opened account = TestAccounts.open("free");
    byte[] body = new byte[2 * 1024 * 1024];
    Arrays.fill(body, (byte) 'x');
    RestAssured.given()
        .header("Authorization", "Bearer " + account.key())
        .header("X-Forwarded-For", TestAccounts.freshClientAddress())
        .body(body)
        .when()
        .post("/v1/scrape/trickle-in?id=" + UUID.randomUUID())
        .then()
        .statusCode(200)
        .body(org.hamcrest.Matchers.equalTo("{\"received\":" + body.length + "}"));
  }

  /** Declares 12 MB and sends nothing of it: the refusal must come all the same. */
  private static JsonPath refusedOnDeclaredLength(String path, TestAccounts.Opened account)
      throws IOException {
    try (Socket socket = GatewayClient.open()) {
      GatewayClient.head(
          socket,
          "POST " + path,
          account.key(),
          TestAccounts.freshClientAddress(),
          "Content-Type: application/json\r\nContent-Length: " + TWELVE_MB + "\r\n");
      String answer = GatewayClient.readAnswer(socket.getInputStream());
      assertThat(answer).as(path).startsWith("HTTP/1.1 413");
      assertThat(answer.toLowerCase(java.util.Locale.ROOT)).contains("connection: close");
      return new JsonPath(answer.substring(answer.indexOf("\r\n\r\n") + 4));
    }
  }

  private static void chunk(OutputStream out, int size) throws IOException {
    byte[] data = new byte[size];
    Arrays.fill(data, (byte) 'x');
    out.write((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.write(data);
    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  private static int keyCount(TestAccounts.Opened account) {
    return RestAssured.given()
        .header("Authorization", "Bearer " + account.key())
        .header("X-Forwarded-For", TestAccounts.freshClientAddress())
        .when()
        .get("/api/v1/keys")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("keys")
        .size();
  }
}
