package dev.orbweaver.gateway.call;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orbweaver.gateway.support.AuthServiceProcess;
import dev.orbweaver.gateway.support.LoopbackService;
import dev.orbweaver.gateway.support.TestAccounts;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The MCP tools and the console call through {@link PublicApi}; for the same situation they get
 * what an HTTP client gets: the status, the envelope, the rate-limit headers and Retry-After, and
 * one more request in the same counter.
 */
@QuarkusTest
@QuarkusTestResource(AuthServiceProcess.class)
@QuarkusTestResource(LoopbackService.class)
class PublicApiParityTest {
  @Inject PublicApi api;
  @Inject MeterRegistry metrics;

  @Test
  void anUnmeteredCrawlGraphAnswerCarriesTheCountersEitherWay() {
    TestAccounts.Opened account = TestAccounts.open("lifetime");
    String client = TestAccounts.freshClientAddress();

    double before = requests("usage", 200);
    Response http = http(account, client).get("/api/v1/usage");
    PublicApi.Answer inProcess = inProcess(account, client, HttpMethod.GET, "/api/v1/usage", null);

    assertThat(http.statusCode()).isEqualTo(200);
    assertThat(inProcess.status()).isEqualTo(200);
    assertThat(rateLimits(inProcess.headers()))
        .containsEntry("X-RateLimit-Limit-Backlinks", "1000")
        .containsEntry("X-RateLimit-Limit-Gap", "50")
        .isEqualTo(rateLimits(http));
    assertThat(requests("usage", 200)).isEqualTo(before + 2);
  }

  @Test
  void aSpentQuotaIsTheSame429EitherWay() {
    TestAccounts.Opened free = TestAccounts.open("free"); // no backlink calls at all
    String client = TestAccounts.freshClientAddress();

    double before = requests("backlinks", 429);
    Response http =
        http(free, client).contentType("application/json").body("{}").post("/api/v1/backlinks");
    PublicApi.Answer inProcess =
        inProcess(free, client, HttpMethod.POST, "/api/v1/backlinks", Map.of());

    assertThat(http.statusCode()).isEqualTo(429);
    assertThat(inProcess.status()).isEqualTo(429);
    assertThat(inProcess.body().path("error").asText())
        .isEqualTo(http.jsonPath().getString("error"))
        .isEqualTo("quota_exceeded");
    assertThat(rateLimits(inProcess.headers()))
        .containsEntry("X-RateLimit-Limit-Backlinks", "0")
        .isEqualTo(rateLimits(http));
    assertThat(inProcess.retryAfter()).isPresent();
    assertThat(inProcess.retryAfter().get())
        .isCloseTo(
            Long.parseLong(http.header("Retry-After")), org.assertj.core.data.Offset.offset(2L));
    assertThat(requests("backlinks", 429)).isEqualTo(before + 2);
  }

  @Test
  void aBurstRefusalIsTheSame429EitherWay() throws InterruptedException {
    int secondOfMinute = Instant.now().atZone(ZoneOffset.UTC).getSecond();
    if (secondOfMinute > 40) {
      Thread.sleep((61 - secondOfMinute) * 1000L); // all calls inside one window
    }
    TestAccounts.Opened account = TestAccounts.open("lifetime");
    String client = TestAccounts.freshClientAddress();
    for (int i = 0; i < 60; i++) {
      http(account, client).post("/v1/scrape").then().statusCode(200);
    }

    double before = requests("scrape-v1", 429);
    Response http = http(account, client).post("/v1/scrape");
    PublicApi.Answer inProcess = inProcess(account, client, HttpMethod.POST, "/v1/scrape", null);

    assertThat(http.statusCode()).isEqualTo(429);
    assertThat(inProcess.status()).isEqualTo(429);
    assertThat(inProcess.body().path("error").asText())
        .isEqualTo(http.jsonPath().getString("error"))
        .isEqualTo("rate_limited");
    assertThat(rateLimits(inProcess.headers()))
        .containsKey("X-RateLimit-Limit-Scrape")
        .isEqualTo(rateLimits(http));
    assertThat(inProcess.retryAfter()).hasValueSatisfying(s -> assertThat(s).isBetween(1L, 60L));
    assertThat(http.header("Retry-After")).isNotNull();
    assertThat(requests("scrape-v1", 429)).isEqualTo(before + 2);
  }

  @Test
  void aReplayIsPassedOnAndFreeEitherWay() {
    TestAccounts.Opened account = TestAccounts.open("free");
    String client = TestAccounts.freshClientAddress();

    Response http = http(account, client).post("/v1/scrape/replayed");
    PublicApi.Answer inProcess =
        inProcess(account, client, HttpMethod.POST, "/v1/scrape/replayed", null);

    assertThat(http.statusCode()).isEqualTo(200);
    assertThat(inProcess.status()).isEqualTo(200);
    assertThat(inProcess.headers().get("Idempotent-Replayed"))
        .isEqualTo(http.header("Idempotent-Replayed"))
        .isEqualTo("true");
    assertThat(rateLimits(inProcess.headers()))
        .containsEntry("X-RateLimit-Remaining-Scrape", "500")
        .isEqualTo(rateLimits(http));
  }

  @Test
  void aBodyOverTheLimitIsTheSame413EitherWay() {
    TestAccounts.Opened account = TestAccounts.open("free");
    String client = TestAccounts.freshClientAddress();
    String big = "x".repeat(1024 * 1024);

    Response http =
        http(account, client)
            .contentType("application/json")
            .body(Map.of("url", "https://example.com", "padding", big))
            .post("/v1/crawls");
    PublicApi.Answer inProcess =
        inProcess(
            account,
            client,
            HttpMethod.POST,
            "/v1/crawls",
            Map.of("url", "https://example.com", "padding", big));

    assertThat(http.statusCode()).isEqualTo(413);
    assertThat(inProcess.status()).isEqualTo(413);
    assertThat(inProcess.body().path("error").path("code").asText())
        .isEqualTo(http.jsonPath().getString("error.code"))
        .isEqualTo("payload_too_large");
  }

  private static io.restassured.specification.RequestSpecification http(
      TestAccounts.Opened account, String client) {
    return given()
        .header("Authorization", "Bearer " + account.key())
        .header("X-Forwarded-For", client);
  }

  private PublicApi.Answer inProcess(
      TestAccounts.Opened account, String client, HttpMethod method, String path, Object body) {
    return api.call(
        new PublicApi.Presented(account.key(), client, "req_" + UUID.randomUUID()),
        method,
        path,
        body);
  }

  private static Map<String, String> rateLimits(MultiMap headers) {
    Map<String, String> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach(
        h -> {
          if (h.getKey().toLowerCase(java.util.Locale.ROOT).startsWith("x-ratelimit-")) {
            out.put(h.getKey(), h.getValue());
          }
        });
    return out;
  }

  private static Map<String, String> rateLimits(Response response) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    response.headers().forEach(h -> headers.add(h.getName(), h.getValue()));
    return rateLimits(headers);
  }

  private double requests(String route, int status) {
    Counter counter =
        metrics
            .find("orbweaver.gateway.requests")
            .tag("route", route)
            .tag("status", Integer.toString(status))
            .counter();
    return counter == null ? 0 : counter.count();
  }
}
