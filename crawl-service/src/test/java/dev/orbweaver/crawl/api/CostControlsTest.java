package dev.orbweaver.crawl.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.orbweaver.crawl.support.Accounts;
import dev.orbweaver.crawl.support.CleanSlate;
import dev.orbweaver.crawl.support.Crawls;
import dev.orbweaver.crawl.support.Sites;
import dev.orbweaver.testing.FixtureSite;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * AlterLab's cost_controls: max_credits caps what the crawl spends, not only what it pre-debits;
 * max_tier and force_tier choose among the tiers this installation serves (tier 1, plain HTTP) and
 * refuse what it cannot serve; billing says what each page cost and which tier fetched it.
 */
@QuarkusTest
class CostControlsTest {

  @BeforeAll
  static void emptyCrawlSchema() {
    CleanSlate.crawls();
  }

  @Test
  void maxCreditsEndsTheCrawlWhenTheNextPageWouldCostMore() {
    var account = Accounts.open("free"); // 1000 credits
    try (FixtureSite site = Sites.chain("127.0.0.40", 40).start()) {
      String id =
          start(
                  account.token(),
                  Map.of(
                      "url",
                      site.url("/"),
                      "max_pages",
                      40,
                      "cost_controls",
                      Map.of("max_credits", 2)))
              .then()
              .statusCode(202)
              .body("estimated_credits", equalTo(2))
              .extract()
              .path("crawl_id");

      JsonPath done = settled(account.token(), id);

      assertThat(done.getString("status")).isEqualTo("completed");
      assertThat(done.getInt("completed")).isEqualTo(2);
      assertThat(done.getInt("total")).isEqualTo(2);
      assertThat(done.getInt("billing.credits_debited")).isEqualTo(2);
      assertThat(done.getInt("billing.credits_used")).isEqualTo(2);
      assertThat(done.getInt("billing.credits_refunded")).isZero();
      assertThat(done.getString("billing.actual_cost_usd")).isEqualTo("$0.002");
      assertThat(done.getMap("billing.tier_breakdown")).isEqualTo(Map.of("1", 2));
      assertThat(site.pageHits()).as("no page fetched past the cap").hasSize(2);
      assertThat(Accounts.credits(account.id())).isEqualTo(1000 - 2);
    }
  }

  @Test
  void aCapThatLeavesLessThanAPageRefundsTheRest() {
    var account = Accounts.open("free");
    try (FixtureSite site = Sites.chain("127.0.0.41", 10).start()) {
      // A content diff adds a credit: every page costs 2, and 5 credits pay for 2 pages.
      String id =
          start(
                  account.token(),
                  Map.of(
                      "url",
                      site.url("/"),
                      "max_pages",
                      10,
                      "cost_controls",
                      Map.of("max_credits", 5),
                      "change_tracking",
                      Map.of(
                          "enabled",
                          true,
                          "tracking_id",
                          "cap-" + account.id(),
                          "include_diff",
                          true)))
              .then()
              .statusCode(202)
              .body("estimated_credits", equalTo(5))
              .extract()
              .path("crawl_id");

      JsonPath done = settled(account.token(), id);

      assertThat(done.getInt("completed")).isEqualTo(2);
      assertThat(done.getInt("billing.credits_debited")).isEqualTo(5);
      assertThat(done.getInt("billing.credits_used")).isEqualTo(4);
      assertThat(done.getInt("billing.credits_refunded")).isEqualTo(1);
      assertThat(Accounts.credits(account.id())).isEqualTo(1000 - 4);
    }
  }

  @Test
  void cachedPagesCostNothingAndLeaveTheCapToFetchedOnes() {
    var account = Accounts.open("free");
    try (FixtureSite site = Sites.chain("127.0.0.42", 6).start()) {
      String first =
          start(
                  account.token(),
                  Map.of("url", site.url("/"), "max_pages", 3, "max_depth", 1, "cache", true))
              .then()
              .statusCode(202)
              .extract()
              .path("crawl_id");
      assertThat(settled(account.token(), first).getInt("completed")).isEqualTo(3);

      String second =
          start(
                  account.token(),
                  Map.of(
                      "url",
                      site.url("/"),
                      "max_pages",
                      10,
                      "max_depth",
                      1,
                      "cache",
                      true,
                      "cost_controls",
                      Map.of("max_credits", 2)))
              .then()
              .statusCode(202)
              .extract()
              .path("crawl_id");
      JsonPath done = settled(account.token(), second);

      JsonPath results = results(account.token(), second);
      long cached = results.getList("cached", Boolean.class).stream().filter(c -> c).count();
      assertThat(cached).isEqualTo(3);
      assertThat(done.getInt("completed")).isEqualTo(3 + 2);
      assertThat(done.getInt("billing.credits_used")).isEqualTo(2);
      assertThat(done.getMap("billing.tier_breakdown")).isEqualTo(Map.of("1", 2));
      assertThat(results.getList("credits", Integer.class).stream().mapToInt(i -> i).sum())
          .isEqualTo(2);
      assertThat(Accounts.credits(account.id())).isEqualTo(1000 - 3 - 2);
    }
  }

  @Test
  void tiersAreChosenAmongThoseServedAndTheRestAreRefused() {
    var account = Accounts.open("selfhost");
    try (FixtureSite site = Sites.chain("127.0.0.43", 2).start()) {
      for (String tier : List.of("2", "3", "3.5", "4")) {
        start(
                account.token(),
                Map.of("url", site.url("/"), "cost_controls", Map.of("force_tier", tier)))
            .then()
            .statusCode(400)
            .body("error", equalTo("validation_error"))
            .body(
                "detail",
                equalTo(
                    "cost_controls.force_tier "
                        + tier
                        + " is not available in this installation: it fetches pages at tier 1"
                        + " (plain HTTP) only. Headless rendering (tier 4) is not available yet."));
      }
      String forced =
          start(
                  account.token(),
                  Map.of(
                      "url",
                      site.url("/"),
                      "cost_controls",
                      Map.of("force_tier", "1", "max_tier", "3")))
              .then()
              .statusCode(202)
              .extract()
              .path("crawl_id");
      String capped =
          start(
                  account.token(),
                  Map.of("url", site.url("/"), "cost_controls", Map.of("max_tier", "3.5")))
              .then()
              .statusCode(202)
              .extract()
              .path("crawl_id");
      for (String id : List.of(forced, capped)) {
        JsonPath done = settled(account.token(), id);
        assertThat(done.getMap("billing.tier_breakdown"))
            .isEqualTo(Map.of("1", done.getInt("completed")));
      }
      // render_js forces tier 4: above a lower max_tier it contradicts the request itself, and
      // without one it is served at tier 1, saying so.
      start(
              account.token(),
              Map.of(
                  "url",
                  site.url("/"),
                  "advanced",
                  Map.of("render_js", true),
                  "cost_controls",
                  Map.of("max_tier", "3")))
          .then()
          .statusCode(400)
          .body(
              "detail",
              equalTo("advanced.render_js forces tier 4, above cost_controls.max_tier 3"));
      start(account.token(), Map.of("url", site.url("/"), "advanced", Map.of("render_js", true)))
          .then()
          .statusCode(202)
          .body("warnings[0]", containsString("JavaScript rendering (tier 4) is not available yet"))
          .body("message", containsString("pages are fetched at tier 1"));
    }
  }

  @Test
  void costControlsOutsideTheirBoundsAre400s() {
    var account = Accounts.open("selfhost");
    String url = "http://127.0.0.44:1/";
    for (Object credits : List.of(0, -5, 1_500_001, Long.MAX_VALUE)) {
      start(account.token(), Map.of("url", url, "cost_controls", Map.of("max_credits", credits)))
          .then()
          .statusCode(400)
          .body("detail", equalTo("cost_controls.max_credits must be 1..1500000"));
    }
    given()
        .auth()
        .oauth2(account.token())
        .contentType(ContentType.JSON)
        .body("{\"url\": \"" + url + "\", \"cost_controls\": {\"max_credits\": \"lots\"}}")
        .post("/api/v1/crawl")
        .then()
        .statusCode(400);
    for (String tier : List.of("0", "5", "tier1", "", "3.50")) {
      start(account.token(), Map.of("url", url, "cost_controls", Map.of("max_tier", tier)))
          .then()
          .statusCode(400)
          .body("detail", equalTo("cost_controls.max_tier must be one of 1, 2, 3, 3.5, 4"));
    }
    start(
            account.token(),
            Map.of("url", url, "cost_controls", Map.of("force_tier", "4", "max_tier", "3")))
        .then()
        .statusCode(400)
        .body("detail", equalTo("cost_controls.force_tier cannot exceed max_tier"));
    // With a content diff one page costs 2 credits: a cap of 1 could fetch nothing.
    start(
            account.token(),
            Map.of(
                "url",
                url,
                "cost_controls",
                Map.of("max_credits", 1),
                "change_tracking",
                Map.of("enabled", true, "include_diff", true)))
        .then()
        .statusCode(400)
        .body(
            "detail",
            equalTo(
                "cost_controls.max_credits is 1 but one page costs 2 credits (tier 1 plus its"
                    + " change-tracking diff): no page could be fetched"));
  }

  /** Polls until the crawl is over and its unused credits went back (or none were left). */
  private static JsonPath settled(String token, String id) {
    JsonPath done = Crawls.alterlabDone(token, id);
    return Crawls.pollUntil(
        token,
        "/api/v1/crawl/" + id,
        r ->
            r.getInt("billing.credits_refunded")
                == r.getInt("billing.credits_debited") - r.getInt("billing.credits_used"));
  }

  private static JsonPath results(String token, String id) {
    return given()
        .auth()
        .oauth2(token)
        .get("/api/v1/crawl/" + id + "?include_results=true")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .setRootPath("results");
  }

  private static Response start(String token, Map<String, Object> body) {
    return given()
        .auth()
        .oauth2(token)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v1/crawl");
  }
}
