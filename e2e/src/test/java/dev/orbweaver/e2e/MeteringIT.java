package dev.orbweaver.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.notNullValue;

import dev.orbweaver.testing.FixtureSite;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
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

  /**
   * The account's used count of a resource once nothing is reserved any more: the gateway commits
   * or refunds a call after its answer is on the way, so a client can outrun the settlement.
   */
  private static int settled(Platform platform, String key, String resource) {
    String quota = "quotas.find { it.resource == '" + resource + "' }";
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    while (true) {
      io.restassured.path.json.JsonPath usage =
          Gateway.as(platform, key)
              .get("/api/v1/usage")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      if (usage.getInt(quota + ".reserved") == 0) {
        return usage.getInt(quota + ".used");
      }
      assertThat(System.nanoTime()).as("reservations of %s settled", resource).isLessThan(deadline);
      sleepMillis(100);
    }
  }

  private static void sleepMillis(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
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
