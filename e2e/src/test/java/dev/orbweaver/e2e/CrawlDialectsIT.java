package dev.orbweaver.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import dev.orbweaver.testing.FixtureSite;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Each crawl dialect's documented requests, through the gateway, against a site on loopback. */
@ExtendWith(PlatformExtension.class)
class CrawlDialectsIT {
  private static FixtureSite site;

  @BeforeAll
  static void site() {
    site = Sites.web("127.0.0.20", 30).start();
  }

  @AfterAll
  static void close() {
    site.close();
  }

  @Test
  void crawlcrawlsQuickstartStartsPollsListsAndFetchesAPageAsMarkdown(Platform platform) {
    Platform.Account account = platform.createAccount("crawlcrawl", "selfhost");
    JsonPath accepted =
        Gateway.as(platform, account.key())
            .contentType(ContentType.JSON)
            .body(Map.of("url", site.url("/"), "max_pages", 12, "delay_ms", 0))
            .post("/v1/crawls")
            .then()
            .statusCode(202)
            .body("status", equalTo("queued"))
            .body("url", equalTo(site.url("/")))
            .extract()
            .jsonPath();
    long id = accepted.getLong("id");
    JsonPath run =
        poll(
            () -> Gateway.as(platform, account.key()),
            "/v1/crawls/" + id,
            r -> r.getString("status").equals("done"));
    assertThat(run.getInt("page_count")).isEqualTo(12);
    assertThat(run.getString("enqueued_at")).isNotNull();
    JsonPath pages =
        Gateway.as(platform, account.key())
            .get("/v1/crawls/" + id + "/pages")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(pages.getList("items")).hasSize(12);
    long pageId = pages.getLong("items[0].id");
    Gateway.as(platform, account.key())
        .get("/v1/pages/" + pageId + "?format=markdown")
        .then()
        .statusCode(200)
        .body("markdown", notNullValue())
        .body("metadata.title", notNullValue())
        .body("id", equalTo((int) pageId));

    Platform.Account stranger = platform.createAccount("stranger", "selfhost");
    Gateway.as(platform, stranger.key())
        .get("/v1/crawls/" + id)
        .then()
        .statusCode(404)
        .body("error.code", equalTo("not_found"));
    Gateway.as(platform, stranger.key()).get("/v1/pages/" + pageId).then().statusCode(404);
  }

  /**
   * crawlcrawl's Idempotency-Key through the gateway: a retry returns the original run, says it was
   * replayed and costs no second crawl unit; the same key with another body is a 409 in
   * crawlcrawl's envelope and costs nothing either.
   */
  @Test
  void anIdempotentPostReturnsTheSameRunThroughTheGatewayAndCostsOnce(Platform platform) {
    Platform.Account account = platform.createAccount("idem", "lifetime");
    Map<String, Object> body = Map.of("url", site.url("/"), "max_pages", 2, "delay_ms", 0);
    long first =
        Gateway.as(platform, account.key())
            .header("Idempotency-Key", "e2e-1")
            .contentType(ContentType.JSON)
            .body(body)
            .post("/v1/crawls")
            .then()
            .statusCode(202)
            .header("Idempotent-Replayed", org.hamcrest.Matchers.nullValue())
            .extract()
            .jsonPath()
            .getLong("id");
    assertThat(Usage.settled(platform, account.key(), "crawl")).isEqualTo(1);
    for (int retry = 0; retry < 3; retry++) {
      long again =
          Gateway.as(platform, account.key())
              .header("Idempotency-Key", "e2e-1")
              .contentType(ContentType.JSON)
              .body(body)
              .post("/v1/crawls")
              .then()
              .statusCode(202)
              .header("Idempotent-Replayed", "true")
              .extract()
              .jsonPath()
              .getLong("id");
      assertThat(again).isEqualTo(first);
    }
    Gateway.as(platform, account.key())
        .header("Idempotency-Key", "e2e-1")
        .contentType(ContentType.JSON)
        .body(Map.of("url", site.url("/"), "max_pages", 3, "delay_ms", 0))
        .post("/v1/crawls")
        .then()
        .statusCode(409)
        .body("error.code", equalTo("conflict"))
        .body("error.message", org.hamcrest.Matchers.containsString("Idempotency-Key"));
    assertThat(Usage.settled(platform, account.key(), "crawl")).isEqualTo(1);
  }

  @Test
  void alterLabsQuickStartWithXApiKey(Platform platform) {
    Platform.Account account = platform.createAccount("alterlab", "lifetime");
    String id =
        Gateway.anonymous(platform)
            .header("X-API-Key", account.key())
            .contentType(ContentType.JSON)
            .body(Map.of("url", site.url("/"), "max_pages", 20, "max_depth", 2))
            .post("/api/v1/crawl")
            .then()
            .statusCode(202)
            .body("status", equalTo("discovering"))
            .body("estimated_credits", equalTo(20))
            .extract()
            .path("crawl_id");
    JsonPath done =
        poll(
            () -> Gateway.anonymous(platform).header("X-API-Key", account.key()),
            "/api/v1/crawl/" + id + "?include_results=true",
            r ->
                List.of("completed", "partial").contains(r.getString("status"))
                    && r.getInt("billing.credits_refunded") >= 0
                    && r.get("completed_at") != null);
    assertThat(done.getInt("completed")).isEqualTo(20);
    assertThat(done.getList("results")).hasSize(20);
    assertThat(done.getString("billing.actual_cost_usd")).isEqualTo("$0.020");
    Gateway.anonymous(platform)
        .header("X-API-Key", platform.createAccount("other", "selfhost").key())
        .get("/api/v1/crawl/" + id)
        .then()
        .statusCode(404)
        .body("error", equalTo("not_found"));
  }

  /**
   * cost_controls.max_credits caps what a crawl spends: 2 credits end a 40-page crawl at 2 pages,
   * and a cap above what the site needs refunds the rest. Status, the crawl.completed webhook and
   * auth-service's ledger agree to the credit.
   */
  @Test
  void alterLabsMaxCreditsEndsTheCrawlAtWhatItMaySpend(Platform platform) throws Exception {
    Platform.Account account = platform.createAccount("max-credits", "lifetime"); // 100,000
    try (FixtureSite small = Sites.web("127.0.0.60", 2).start();
        WebhookIT.Receiver hooks = new WebhookIT.Receiver()) {
      String capped = startCapped(platform, account, site.url("/"), 40, 2, hooks);
      String roomy = startCapped(platform, account, small.url("/"), 50, 10, hooks);

      JsonPath first = billed(platform, account, capped);
      assertThat(first.getString("status")).isEqualTo("completed");
      assertThat(first.getInt("completed")).isEqualTo(2);
      assertThat(first.getMap("billing"))
          .containsEntry("credits_debited", 2)
          .containsEntry("credits_used", 2)
          .containsEntry("credits_refunded", 0)
          .containsEntry("tier_breakdown", Map.of("1", 2));
      JsonPath second = billed(platform, account, roomy);
      assertThat(second.getInt("completed")).isEqualTo(3); // the home page and its two links
      assertThat(second.getMap("billing"))
          .containsEntry("credits_debited", 10)
          .containsEntry("credits_used", 3)
          .containsEntry("credits_refunded", 7)
          .containsEntry("tier_breakdown", Map.of("1", 3));

      Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
      while (hooks.hits.size() < 2) {
        assertThat(Instant.now()).as("both crawl.completed webhooks arrive").isBefore(deadline);
        Thread.sleep(100);
      }
      for (WebhookIT.Hit hit : hooks.hits) {
        JsonPath event = JsonPath.from(hit.body());
        assertThat(event.getString("event")).isEqualTo("crawl.completed");
        JsonPath status = event.getString("crawl_id").equals(capped) ? first : second;
        assertThat(event.getMap("data.billing")).isEqualTo(status.getMap("billing"));
      }

      // The refund reaches auth-service's ledger once the crawl is settled, a moment after it ends.
      deadline = Instant.now().plus(Duration.ofSeconds(30));
      while (!ledger(platform, account.id()).equals(Map.of("debit", 12L, "refund", 7L))) {
        assertThat(Instant.now())
            .as("ledger %s: debits of 2 and 10, one refund of 7", ledger(platform, account.id()))
            .isBefore(deadline);
        Thread.sleep(200);
      }
      try (Connection db = platform.database();
          ResultSet balance =
              db.createStatement()
                  .executeQuery(
                      "select balance from auth.credit_balance where account_id = "
                          + account.id())) {
        balance.next();
        assertThat(balance.getLong(1)).isEqualTo(100_000 - 2 - 3);
      }
    }
  }

  /** What auth-service's ledger moved for the account, grants aside: amount by kind. */
  private static Map<String, Long> ledger(Platform platform, long accountId) throws Exception {
    try (Connection db = platform.database();
        PreparedStatement query =
            db.prepareStatement(
                "select kind, sum(amount) from auth.credit_ledger where account_id = ?"
                    + " and kind <> 'grant' group by kind")) {
      query.setLong(1, accountId);
      Map<String, Long> moved = new java.util.TreeMap<>();
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          moved.put(rs.getString(1), rs.getLong(2));
        }
      }
      return moved;
    }
  }

  private static String startCapped(
      Platform platform,
      Platform.Account account,
      String url,
      int maxPages,
      int maxCredits,
      WebhookIT.Receiver hooks) {
    return Gateway.anonymous(platform)
        .header("X-API-Key", account.key())
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "url",
                url,
                "max_pages",
                maxPages,
                "cost_controls",
                Map.of("max_credits", maxCredits),
                "webhook_url",
                hooks.url()))
        .post("/api/v1/crawl")
        .then()
        .statusCode(202)
        .body("estimated_credits", equalTo(maxCredits))
        .extract()
        .path("crawl_id");
  }

  /** The crawl once it is over and its credits are settled. */
  private static JsonPath billed(Platform platform, Platform.Account account, String id) {
    return poll(
        () -> Gateway.anonymous(platform).header("X-API-Key", account.key()),
        "/api/v1/crawl/" + id,
        r -> List.of("completed", "partial", "failed").contains(r.getString("status")));
  }

  @Test
  void firecrawlV1AndV2CrawlsThroughTheGateway(Platform platform) {
    Platform.Account account = platform.createAccount("firecrawl", "selfhost");
    for (String version : List.of("v1", "v2")) {
      String id =
          Gateway.as(platform, account.key())
              .contentType(ContentType.JSON)
              .body(
                  Map.of(
                      "url",
                      site.url("/"),
                      "limit",
                      8,
                      "scrapeOptions",
                      Map.of("formats", List.of("markdown"))))
              .post("/" + version + "/crawl")
              .then()
              .statusCode(200)
              .body("success", equalTo(true))
              .extract()
              .path("id");
      JsonPath done =
          poll(
              () -> Gateway.as(platform, account.key()),
              "/" + version + "/crawl/" + id,
              r -> r.getString("status").equals("completed"));
      assertThat(done.getInt("completed")).isEqualTo(8);
      assertThat(done.getList("data")).hasSize(8);
      assertThat(done.getString("data[0].metadata.sourceURL")).startsWith(site.origin());
    }
  }

  static JsonPath poll(
      Supplier<RequestSpecification> request, String path, Predicate<JsonPath> done) {
    return poll(request, path, done, Duration.ofSeconds(90));
  }

  static JsonPath poll(
      Supplier<RequestSpecification> request,
      String path,
      Predicate<JsonPath> done,
      Duration patience) {
    Instant deadline = Instant.now().plus(patience);
    JsonPath last = null;
    while (Instant.now().isBefore(deadline)) {
      last = request.get().get(path).then().statusCode(200).extract().jsonPath();
      if (done.test(last)) {
        return last;
      }
      try {
        Thread.sleep(300);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    throw new AssertionError(path + " never got there: " + (last == null ? null : last.prettify()));
  }
}
