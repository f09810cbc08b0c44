package dev.orbweaver.gateway.proxy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import dev.orbweaver.gateway.support.AuthServiceProcess;
import dev.orbweaver.gateway.support.LoopbackService;
import dev.orbweaver.gateway.support.TestAccounts;
import dev.orbweaver.gateway.support.TestClock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Calls through the gateway to real services: keys and quotas at the real auth-service, scrape
 * routes at a loopback server that shows what arrived, the other services down. Each test poses as
 * its own client address (X-Forwarded-For from the trusted loopback), so burst counts stay apart.
 */
@QuarkusTest
@QuarkusTestResource(AuthServiceProcess.class)
@QuarkusTestResource(LoopbackService.class)
class GatewayPathTest {
  @LoopbackService.Injected LoopbackService scrapeService;
  @Inject TestClock clock;

  @ConfigProperty(name = "orbweaver.auth.url")
  String authUrl;

  private String client;

  @BeforeEach
  void poseAsAFreshClient() {
    client = TestAccounts.freshClientAddress();
  }

  @AfterEach
  void letTheClockRun() {
    clock.release();
  }

  @Test
  void theKeyIsSwappedForTheCallersJwtAndTheRestPassesAsItCame() {
    TestAccounts.Opened account = TestAccounts.open("free");
    String requestId = "trace-" + UUID.randomUUID();

    as(account)
        .header("X-Request-ID", requestId)
        .header("X-Orbweaver-Dialect", "alterlab")
        .contentType("application/json")
        .body("{\"url\":\"https://example.com\"}")
        .when()
        .post("/v1/scrape?formats=markdown")
        .then()
        .statusCode(200)
        .header("X-Request-ID", requestId)
        .body("success", equalTo(true));

    LoopbackService.Seen seen = scrapeService.seen(requestId);
    assertThat(seen.method()).isEqualTo("POST");
    assertThat(seen.uri()).isEqualTo("/v1/scrape?formats=markdown");
    assertThat(seen.headers().get("Authorization")).startsWith("Bearer eyJ");
    assertThat(seen.headers().get("Authorization")).doesNotContain(account.key());
    assertThat(seen.headers().get("X-API-Key")).isNull();
    assertThat(seen.headers().get("X-Forwarded-For")).isEqualTo(client + ", 127.0.0.1");
    assertThat(seen.headers().get("X-Forwarded-Proto")).isEqualTo("http");
    assertThat(seen.headers().get("X-Forwarded-Host")).isNotBlank();
    // The route's dialect, for errors the service raises before any resource method: the client's
    // own claim is replaced.
    assertThat(seen.headers().get("X-Orbweaver-Dialect")).isEqualTo("firecrawl");
  }

  @Test
  void theForwardedJwtIsOneAServiceAcceptsAndTheKeyIsNot() {
    TestAccounts.Opened account = TestAccounts.open("free");

    as(account)
        .when()
        .get("/ping/auth-service")
        .then()
        .statusCode(200)
        .body("service", equalTo("auth-service"))
        .body("account_id", equalTo((int) account.accountId()));
    given()
        .baseUri(authUrl)
        .header("Authorization", "Bearer " + account.key())
        .when()
        .get("/ping")
        .then()
        .statusCode(401);
  }

  @Test
  void meteredAnswersCarryTheRoutesCounterAndCrawlGraphAnswersCarryBacklinksAndGap() {
    long reset = nextMonthStart();
    TestAccounts.Opened free = TestAccounts.open("free");
    as(free)
        .when()
        .post("/v1/scrape")
        .then()
        .statusCode(200)
        .header("X-RateLimit-Limit-Scrape", "500")
        .header("X-RateLimit-Remaining-Scrape", "499")
        .header("X-RateLimit-Reset", Long.toString(reset))
        .header("X-RateLimit-Limit-Backlinks", nullValue());

    TestAccounts.Opened lifetime = TestAccounts.open("lifetime");
    as(lifetime)
        .when()
        .get("/api/v1/usage")
        .then()
        .statusCode(200)
        .header("X-RateLimit-Limit-Backlinks", "1000")
        .header("X-RateLimit-Remaining-Backlinks", "1000")
        .header("X-RateLimit-Limit-Gap", "50")
        .header("X-RateLimit-Remaining-Gap", "50")
        .header("X-RateLimit-Reset", Long.toString(reset));

    // Unlimited counters have no limit to print; the reset still comes.
    TestAccounts.Opened selfhost = TestAccounts.open("selfhost");
    as(selfhost)
        .when()
        .get("/api/v1/usage")
        .then()
        .statusCode(200)
        .header("X-RateLimit-Limit-Backlinks", nullValue())
        .header("X-RateLimit-Remaining-Backlinks", nullValue())
        .header("X-RateLimit-Reset", Long.toString(reset));
  }

  @Test
  void onlySuccessfulCallsCount() {
    TestAccounts.Opened account = TestAccounts.open("free");

    as(account).when().post("/v1/scrape").then().statusCode(200);
    as(account).when().post("/v1/scrape").then().statusCode(200);
    as(account)
        .when()
        .post("/v1/scrape/fail")
        .then()
        .statusCode(500)
        .body("message", equalTo("boom"));
    as(account)
        .when()
        .post("/v1/scrape/hang-up")
        .then()
        .statusCode(502)
        .body("success", equalTo(false))
        .body("error", equalTo("bad_gateway"));

    awaitCounter(account, "scrape", 2, 0);
  }

  @Test
  void aReplayedAnswerIsPassedOnAndCostsNothing() {
    TestAccounts.Opened account = TestAccounts.open("free");

    for (int i = 0; i < 2; i++) {
      as(account)
          .when()
          .post("/v1/scrape/replayed")
          .then()
          .statusCode(200)
          .header("Idempotent-Replayed", "true")
          .header("X-RateLimit-Limit-Scrape", "500")
          .header("X-RateLimit-Remaining-Scrape", "500");
    }
    awaitCounter(account, "scrape", 0, 0);

    as(account)
        .when()
        .post("/v1/scrape")
        .then()
        .statusCode(200)
        .header("Idempotent-Replayed", nullValue())
        .header("X-RateLimit-Remaining-Scrape", "499");
    awaitCounter(account, "scrape", 1, 0);
  }

  @Test
  void aServiceThatIsDownAnswers503InTheRoutesDialectAndCostsNothing() {
    TestAccounts.Opened account = TestAccounts.open("free");

    as(account)
        .when()
        .post("/v1/crawls")
        .then()
        .statusCode(503)
        .body("error.code", equalTo("unavailable"))
        .body("error.message", equalTo("crawl-service is unavailable; retry shortly."));
    as(account)
        .when()
        .post("/v2/crawl")
        .then()
        .statusCode(503)
        .body("success", equalTo(false))
        .body("error", equalTo("service_unavailable"));
    as(account)
        .when()
        .post("/api/v1/crawl")
        .then()
        .statusCode(503)
        .body("detail", equalTo("crawl-service is unavailable; retry shortly."));
    as(account)
        .when()
        .get("/api/v1/releases")
        .then()
        .statusCode(503)
        .body("error", equalTo("service_unavailable"))
        .body("request_id", matchesPattern("req_[0-9a-f]{16}"));

    awaitCounter(account, "crawl", 0, 0);
  }

  @Test
  void aQuotaRefusalIs429WithRetryAfterToTheMonthlyReset() {
    long reset = nextMonthStart();
    TestAccounts.Opened free = TestAccounts.open("free");

    // The CrawlGraph document gives free accounts no backlink calls.
    Response refused = as(free).when().post("/api/v1/backlinks");
    refused
        .then()
        .statusCode(429)
        .body("error", equalTo("quota_exceeded"))
        .body("message", equalTo("Monthly quota hit; check Retry-After."))
        .body("request_id", equalTo(refused.header("X-Request-ID")))
        .header("X-RateLimit-Limit-Backlinks", "0")
        .header("X-RateLimit-Remaining-Backlinks", "0")
        .header("X-RateLimit-Limit-Gap", "0")
        .header("X-RateLimit-Remaining-Gap", "0")
        .header("X-RateLimit-Reset", Long.toString(reset));
    long retryAfter = Long.parseLong(refused.header("Retry-After"));
    assertThat(retryAfter).isBetween(reset - Instant.now().getEpochSecond() - 5, reset);

    given()
        .header("Authorization", "Bearer " + AuthServiceProcess.ADMIN_TOKEN)
        .contentType("application/json")
        .body("{\"limits\":{\"scrape\":1}}")
        .when()
        .patch("/admin/v1/accounts/" + free.accountId())
        .then()
        .statusCode(200);
    as(free).when().post("/v1/scrape").then().statusCode(200);
    as(free)
        .when()
        .post("/v1/scrape")
        .then()
        .statusCode(429)
        .body("success", equalTo(false))
        .body("error", equalTo("quota_exceeded"))
        .header("Retry-After", matchesPattern("[1-9][0-9]*"))
        .header("X-RateLimit-Limit-Scrape", "1")
        .header("X-RateLimit-Remaining-Scrape", "0");
  }

  @Test
  void burstsAreCappedPerClientAddressOnMeteredRoutes() {
    clock.pinToTheStartOfAWindow(); // all calls inside one window
    TestAccounts.Opened account = TestAccounts.open("lifetime");
    for (int i = 0; i < 60; i++) {
      as(account).when().post("/v1/scrape").then().statusCode(200);
    }
    // Unmetered routes are not limited.
    as(account).when().get("/api/v1/usage").then().statusCode(200);

    Response limited = as(account).when().post("/api/v1/backlinks");
    limited
        .then()
        .statusCode(429)
        .body("error", equalTo("rate_limited"))
        .header("X-RateLimit-Limit-Backlinks", "1000")
        .header("X-RateLimit-Remaining-Backlinks", "1000");
    assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 60L);
    as(account)
        .when()
        .post("/v1/crawls")
        .then()
        .statusCode(429)
        .body("error.code", equalTo("too_many_requests"));

    client = TestAccounts.freshClientAddress();
    as(account).when().post("/v1/scrape").then().statusCode(200);
  }

  @Test
  void changeTrackingIsFreeButBurstLimitedAndOneIpv6SlashSixtyFourIsOneClient() {
    clock.pinToTheStartOfAWindow(); // all calls inside one window
    TestAccounts.Opened account = TestAccounts.open("free");
    int n = UUID.randomUUID().hashCode() & 0xFFFF;
    String network = "2001:db8:" + Integer.toHexString(n) + ":1:";
    for (int i = 0; i < 60; i++) {
      client = network + Integer.toHexString(i) + "::1"; // sixty addresses of one /64
      as(account).when().post("/v1/change-tracking/diff").then().statusCode(200);
    }

    client = network + "ffff::ffff";
    as(account)
        .when()
        .post("/v1/change-tracking/diff")
        .then()
        .statusCode(429)
        .body("success", equalTo(false))
        .body("error", equalTo("rate_limited"))
        .header("Retry-After", matchesPattern("[1-9][0-9]*"));

    client = "2001:db8:" + Integer.toHexString(n) + ":2::1"; // the next /64
    as(account).when().post("/v1/change-tracking/diff").then().statusCode(200);
  }

  @Test
  void aRevokedKeyStopsWorkingWithinFiveSeconds() throws InterruptedException {
    TestAccounts.Opened account = TestAccounts.open("free");
    Response created =
        as(account)
            .contentType("application/json")
            .body("{\"label\":\"short-lived\"}")
            .when()
            .post("/api/v1/keys");
    created.then().statusCode(201);
    String secondKey = created.jsonPath().getString("key");
    String secondId = created.jsonPath().getString("id");
    withKey(secondKey).when().get("/ping/auth-service").then().statusCode(200);

    as(account).when().delete("/api/v1/keys/" + secondId).then().statusCode(204);
    Instant revoked = Instant.now();

    int status = 200;
    while (status == 200 && Duration.between(revoked, Instant.now()).toMillis() < 6000) {
      Thread.sleep(100);
      status = withKey(secondKey).when().get("/ping/auth-service").statusCode();
    }
    assertThat(status).isEqualTo(401);
    assertThat(Duration.between(revoked, Instant.now())).isLessThan(Duration.ofSeconds(5));
    withKey(secondKey)
        .when()
        .get("/api/v1/usage")
        .then()
        .statusCode(401)
        .body("error", equalTo("auth_invalid"));
  }

  @Test
  void anUnknownKeyIsRefusedInEachDialect() {
    String unknown = "ow_live_" + UUID.randomUUID().toString().replace("-", "");
    withKey(unknown)
        .when()
        .post("/api/v1/backlinks")
        .then()
        .statusCode(401)
        .body("error", equalTo("auth_invalid"))
        .body("request_id", matchesPattern("req_.*"));
    withKey(unknown)
        .when()
        .post("/v1/crawls")
        .then()
        .statusCode(401)
        .body("error.code", equalTo("unauthorized"));
    withKey(unknown)
        .when()
        .post("/v1/scrape")
        .then()
        .statusCode(401)
        .body("success", equalTo(false))
        .body("error", equalTo("unauthorized"));
    given()
        .header("X-API-Key", unknown)
        .when()
        .post("/api/v1/crawl")
        .then()
        .statusCode(401)
        .body("error", equalTo("unauthorized"));
  }

  @Test
  void answersStreamToTheClientAsTheServiceWritesThem() throws IOException {
    TestAccounts.Opened account = TestAccounts.open("free");
    String id = UUID.randomUUID().toString();
    try (Socket socket = openToGateway()) {
      send(socket, "GET /v1/scrape/drip?id=" + id, account, "");
      InputStream in = socket.getInputStream();
      // Still held back by the service: only a gateway that streams can show the first chunk.
      assertThat(readUntil(in, "first-chunk")).startsWith("HTTP/1.1 200");
      scrapeService.release(id);
      assertThat(readUntil(in, "0\r\n\r\n")).contains("rest");
    }
    awaitCounter(account, "scrape", 1, 0);
  }

  @Test
  void aClientThatHangsUpMidAnswerIsStillCharged() throws Exception {
    TestAccounts.Opened account = TestAccounts.open("free");
    String id = UUID.randomUUID().toString();
    try (Socket socket = openToGateway()) {
      send(socket, "GET /v1/scrape/drip?id=" + id, account, "");
      readUntil(socket.getInputStream(), "first-chunk");
    }
    scrapeService.release(id);
    // The service answered 2xx and did the work: where the answer went after that is the client's
    // business.
    awaitCounter(account, "scrape", 1, 0);
  }

  @Test
  void requestBodiesStreamToTheServiceAsTheClientSendsThem() throws Exception {
    TestAccounts.Opened account = TestAccounts.open("free");
    String id = UUID.randomUUID().toString();
    try (Socket socket = openToGateway()) {
      send(
          socket, "POST /v1/scrape/trickle-in?id=" + id, account, "Transfer-Encoding: chunked\r\n");
      OutputStream out = socket.getOutputStream();
      out.write("5\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      // The rest of the body is not sent yet: only a gateway that streams can pass this on.
      scrapeService.firstChunk(id).get(10, TimeUnit.SECONDS);
      out.write("6\r\n world\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      assertThat(readUntil(socket.getInputStream(), "{\"received\":11}"))
          .startsWith("HTTP/1.1 200");
    }
  }

  @Test
  void largeBodiesPassBothWaysIntact() throws Exception {
    TestAccounts.Opened account = TestAccounts.open("free");
    byte[] body = new byte[2 * 1024 * 1024]; // the most the scrape route takes
    new Random(42).nextBytes(body);
    HttpResponse<byte[]> answer =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + RestAssured.port + "/v1/scrape/echo"))
                    .header("Authorization", "Bearer " + account.key())
                    .header("X-Forwarded-For", client)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).isEqualTo(body);
  }

  @Test
  void dotSegmentsCannotCarryACallPastTheRouteTable() throws IOException {
    TestAccounts.Opened account = TestAccounts.open("free");
    String requestId = "dots-" + UUID.randomUUID();
    try (Socket socket = openToGateway()) {
      send(
          socket,
          "GET /v1/scrape/../../ping/../q/health/ready",
          account,
          "X-Request-ID: " + requestId + "\r\nConnection: close\r\n");
      readUntil(socket.getInputStream(), "\r\n\r\n");
    }
    assertThat(scrapeService.seen(requestId)).isNull();
    Response answer =
        as(account)
            .urlEncodingEnabled(false)
            .when()
            .get("/v1/scrape/%2e%2e/%2e%2e/ping")
            .then()
            .extract()
            .response();
    assertThat(answer.statusCode()).isEqualTo(404);
    assertThat(answer.jsonPath().getString("error")).isEqualTo("not_found");
  }

  private RequestSpecification as(TestAccounts.Opened account) {
    return withKey(account.key());
  }

  private RequestSpecification withKey(String key) {
    return given().header("Authorization", "Bearer " + key).header("X-Forwarded-For", client);
  }

  /** Waits for the settlement that follows an answer: used and reserved of one counter. */
  private void awaitCounter(TestAccounts.Opened account, String resource, int used, int reserved) {
    Instant deadline = Instant.now().plusSeconds(5);
    String find = "quotas.find { it.resource == '" + resource + "' }.";
    while (true) {
      var usage = as(account).when().get("/api/v1/usage").then().statusCode(200).extract();
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

  private static long nextMonthStart() {
    return LocalDate.now(ZoneOffset.UTC)
        .withDayOfMonth(1)
        .plusMonths(1)
        .atStartOfDay(ZoneOffset.UTC)
        .toEpochSecond();
  }

  private static Socket openToGateway() throws IOException {
    Socket socket = new Socket("127.0.0.1", RestAssured.port);
    socket.setSoTimeout(10_000);
    return socket;
  }

  private void send(Socket socket, String requestLine, TestAccounts.Opened account, String more)
      throws IOException {
    String head =
        requestLine
            + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
            + account.key()
            + "\r\nX-Forwarded-For: "
            + client
            + "\r\n"
            + more
            + "\r\n";
    socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
    socket.getOutputStream().flush();
  }

  /** Reads until the text appears (or the socket times out) and returns all read so far. */
  private static String readUntil(InputStream in, String text) throws IOException {
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
}
