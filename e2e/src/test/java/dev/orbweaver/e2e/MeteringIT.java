package dev.orbweaver.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.notNullValue;

import dev.orbweaver.testing.FixtureSite;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Quotas, rate-limit headers and the burst limiter as a client sees them. */
@ExtendWith(PlatformExtension.class)
class MeteringIT {

  @Test
  void crawlGraphAnswersCarryTheDocumentsRateLimitHeaders(Platform platform) {
    Platform.Account account = platform.createAccount("headers", "lifetime");
    long nextMonth =
        LocalDate.now(ZoneOffset.UTC)
            .withDayOfMonth(1)
            .plusMonths(1)
            .atStartOfDay(ZoneOffset.UTC)
            .toEpochSecond();
    Gateway.as(platform, account.key())
        .get("/api/v1/usage")
        .then()
        .statusCode(200)
        .header("X-RateLimit-Limit-Backlinks", "1000")
        .header("X-RateLimit-Remaining-Backlinks", "1000")
        .header("X-RateLimit-Limit-Gap", "50")
        .header("X-RateLimit-Remaining-Gap", "50")
        .header("X-RateLimit-Reset", Long.toString(nextMonth))
        .header("X-Request-ID", notNullValue());
  }

  @Test
  void aSpentQuotaIs429WithRetryAfterInTheDialectsEnvelope(Platform platform) {
    Platform.Account free = platform.createAccount("free", "free"); // zero backlink calls
    Gateway.as(platform, free.key())
        .contentType(ContentType.JSON)
        .body("{\"domain\":\"example.com\"}")
        .post("/api/v1/backlinks")
        .then()
        .statusCode(429)
        .body("error", equalTo("quota_exceeded"))
        .body("request_id", notNullValue())
        .header("Retry-After", Integer::parseInt, greaterThan(0))
        .header("X-RateLimit-Limit-Backlinks", "0")
        .header("X-RateLimit-Remaining-Backlinks", "0");
  }

  @Test
  void callsThatDoNotSucceedAreNotCounted(Platform platform) {
    Platform.Account account = platform.createAccount("refunds", "lifetime");
    for (int i = 0; i < 5; i++) {
      Response r =
          Gateway.as(platform, account.key())
              .contentType(ContentType.JSON)
              .body("{\"domain\":\"not a domain!\"}")
              .post("/api/v1/backlinks");
      assertThat(r.statusCode()).isBetween(400, 499);
    }
    assertThat(settled(platform, account.key(), "backlinks")).isZero();
  }

  private static int settled(Platform platform, String key, String resource) {
    return Usage.settled(platform, key, resource);
  }

  @Test
  void fiftyConcurrentCallsAgainstThirtyLeftSucceedExactlyThirtyTimes(Platform platform)
      throws Exception {
    Platform.Account account = platform.createAccount("exact", "lifetime");
    given()
        .baseUri(platform.gatewayUrl())
        .header("Authorization", "Bearer " + platform.adminToken())
        .contentType(ContentType.JSON)
        .body("{\"limits\":{\"scrape\":30}}")
        .patch("/admin/v1/accounts/" + account.id())
        .then()
        .statusCode(200);
    String client = Gateway.newClientAddress(); // 50 calls stay under the burst limit of 60
    try (FixtureSite site = Sites.web("127.0.0.22", 1).start();
        ExecutorService pool = Executors.newFixedThreadPool(50)) {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Integer>> calls = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        calls.add(
            pool.submit(
                () -> {
                  start.await();
                  return Gateway.from(platform, client)
                      .header("Authorization", "Bearer " + account.key())
                      .contentType(ContentType.JSON)
                      .body(Map.of("url", site.url("/p/0"), "formats", List.of("markdown")))
                      .post("/v2/scrape")
                      .statusCode();
                }));
      }
      start.countDown();
      Map<Integer, Integer> statuses = new TreeMap<>();
      for (Future<Integer> call : calls) {
        statuses.merge(call.get(2, TimeUnit.MINUTES), 1, Integer::sum);
      }
      assertThat(statuses).isEqualTo(Map.of(200, 30, 429, 20));
    }
    assertThat(settled(platform, account.key(), "scrape")).isEqualTo(30);
  }

  /**
   * Clients that reset their connection 10–100 ms (and more) after {@code POST /v1/crawls}:
   * whatever the timing, every crawl that crawl-service started is charged (a reset before the
   * gateway forwarded the call starts nothing and costs nothing).
   */
  @Test
  void aClientThatResetsRightAfterStartingACrawlIsChargedForIt(Platform platform) throws Exception {
    Platform.Account account = platform.createAccount("resets", "lifetime");
    try (FixtureSite site = Sites.web("127.0.0.23", 1).start()) {
      byte[] body =
          ("{\"url\":\"" + site.url("/") + "\",\"max_pages\":1,\"delay_ms\":0}")
              .getBytes(StandardCharsets.UTF_8);
      // The 10–100 ms, then longer waits, so that some calls surely reach crawl-service
      // however slow the machine.
      for (int delay : new int[] {10, 25, 40, 55, 70, 85, 100, 200, 400, 800}) {
        try (Socket socket = new Socket("127.0.0.1", Platform.PORT_BASE)) {
          String head =
              "POST /v1/crawls HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                  + account.key()
                  + "\r\nX-Forwarded-For: "
                  + Gateway.newClientAddress()
                  + "\r\nContent-Type: application/json\r\nContent-Length: "
                  + body.length
                  + "\r\n\r\n";
          socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
          socket.getOutputStream().write(body);
          socket.getOutputStream().flush();
          Thread.sleep(delay);
          socket.setSoLinger(true, 0); // a reset, not an orderly close
        }
      }
      int started = crawlsStarted(platform, account.key());
      assertThat(started).as("crawls crawl-service started").isPositive();
      assertThat(settled(platform, account.key(), "crawl")).isEqualTo(started);
    }
  }

  @Test
  void twelveMegabytesToCrawlsIs413InCrawlcrawlsEnvelopeAndStartsNothing(Platform platform)
      throws Exception {
    Platform.Account account = platform.createAccount("oversized", "lifetime");
    byte[] twelveMegabytes = new byte[12 * 1024 * 1024];
    java.util.Arrays.fill(twelveMegabytes, (byte) ' ');

    Gateway.as(platform, account.key())
        .contentType(ContentType.JSON)
        .body(twelveMegabytes)
        .post("/v1/crawls")
        .then()
        .statusCode(413)
        .body("error.code", equalTo("payload_too_large"))
        .body("error.message", org.hamcrest.Matchers.startsWith("Request body too large"));

    // The same without a Content-Length: cut once the count passes the limit.
    HttpResponse<String> chunked =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .build()
            .send(
                HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + "/v1/crawls"))
                    .header("Authorization", "Bearer " + account.key())
                    .header("X-Forwarded-For", Gateway.newClientAddress())
                    .header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofInputStream(
                            () -> new ByteArrayInputStream(twelveMegabytes)))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(chunked.statusCode()).isEqualTo(413);
    assertThat(new io.restassured.path.json.JsonPath(chunked.body()).getString("error.code"))
        .isEqualTo("payload_too_large");

    assertThat(settled(platform, account.key(), "crawl")).isZero();
    assertThat(crawlsStarted(platform, account.key())).isZero();
  }

  /** How many crawls the account has, in every dialect. */
  private static int crawlsStarted(Platform platform, String key) {
    return Gateway.as(platform, key)
        .get("/v1/crawls?limit=100")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("items")
        .size();
  }

  @Test
  void theBurstLimiterCapsAnAddressAtSixtyAMinuteOnMeteredRoutes(Platform platform) {
    String client = Gateway.newClientAddress();
    long second = Instant.now().getEpochSecond() % 60;
    if (second > 40) {
      sleepSeconds(61 - second); // start at the top of a window so that all calls share it
    }
    int refused = 0;
    Response last = null;
    for (int i = 0; i < 61; i++) {
      last =
          Gateway.from(platform, client)
              .header("Authorization", "Bearer " + platform.firstKey())
              .contentType(ContentType.JSON)
              .body("{}")
              .post("/v1/map");
      if (last.statusCode() == 429) {
        refused++;
      }
    }
    assertThat(refused).isEqualTo(1);
    last.then()
        .body("success", equalTo(false))
        .body("error", equalTo("rate_limited"))
        .header("Retry-After", Integer::parseInt, greaterThan(0));
    // another address is not affected
    Gateway.as(platform, platform.firstKey())
        .contentType(ContentType.JSON)
        .body("{}")
        .post("/v1/map")
        .then()
        .statusCode(org.hamcrest.Matchers.not(429));
  }

  private static void sleepSeconds(long seconds) {
    try {
      Thread.sleep(seconds * 1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
