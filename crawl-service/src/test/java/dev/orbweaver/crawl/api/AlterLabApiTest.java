package dev.orbweaver.crawl.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import dev.orbweaver.crawl.support.Accounts;
import dev.orbweaver.crawl.support.CleanSlate;
import dev.orbweaver.crawl.support.Crawls;
import dev.orbweaver.crawl.support.Sites;
import dev.orbweaver.testing.FixtureSite;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** AlterLab's Crawl API: globs, budgets, priority, sitemap modes, credits, change tracking. */
@QuarkusTest
class AlterLabApiTest {

  @BeforeAll
  static void emptyCrawlSchema() {
    CleanSlate.crawls();
  }

  @Test
  void theQuickStartAnswersAsDocumentedAndBillsOnlyFetchedPages() {
    var account = Accounts.open("free"); // 1000 credits
    try (FixtureSite site = Sites.chain("127.0.0.8", 5).start()) {
      String id =
          start(account.token(), Map.of("url", site.url("/"), "max_pages", 20, "max_depth", 2))
              .then()
              .statusCode(202)
              .body("status", equalTo("discovering"))
              .body("estimated_pages", equalTo(20))
              .body("estimated_credits", equalTo(20))
              .body(
                  "message", org.hamcrest.Matchers.startsWith("Crawl started. Poll GET /v1/crawl/"))
              .extract()
              .path("crawl_id");
      JsonPath done = Crawls.alterlabDone(account.token(), id);
      assertThat(done.getString("status")).isEqualTo("completed");
      // the home page, /p/1…/p/5 at depth 1, and /p/6 (a 404, still a page) at depth 2
      assertThat(done.getInt("completed")).isEqualTo(7);
      JsonPath billing =
          Crawls.pollUntil(
              account.token(),
              "/api/v1/crawl/" + id,
              r -> r.getInt("billing.credits_refunded") > 0);
      assertThat(billing.getInt("billing.credits_debited")).isEqualTo(20);
      assertThat(billing.getInt("billing.credits_used")).isEqualTo(billing.getInt("completed"));
      assertThat(billing.getInt("billing.credits_refunded"))
          .isEqualTo(20 - billing.getInt("completed"));
      assertThat(billing.getString("billing.estimated_cost_usd")).isEqualTo("$0.020");
      JsonPath withResults =
          given()
              .auth()
              .oauth2(account.token())
              .get("/api/v1/crawl/" + id + "?include_results=true")
              .then()
              .extract()
              .jsonPath();
      assertThat(withResults.getList("results")).hasSize(done.getInt("completed"));
      assertThat(withResults.getString("results[0].content.markdown")).contains("# Home");
      long balance = Accounts.credits(account.id());
      assertThat(balance).isEqualTo(1000 - done.getInt("completed"));
    }
  }

  @Test
  void storageS3OrR2WithoutAnObjectStoreIsRefusedSayingSo() {
    var account = Accounts.open("selfhost");
    for (String storage : List.of("s3", "r2")) {
      start(account.token(), Map.of("url", "http://127.0.0.79/", "storage", storage))
          .then()
          .statusCode(400)
          .body("error", equalTo("validation_error"))
          .body(
              "detail",
              equalTo(
                  "storage '"
                      + storage
                      + "' needs an object store and this installation has none configured"
                      + " (ORBWEAVER_STORAGE_MODE); use \"redis\" (inline results)"));
    }
  }

  @Test
  void globsBudgetsAndPriorityDecideWhatIsFetchedFirst() {
    var account = Accounts.open("selfhost");
    FixtureSite site = FixtureSite.on("127.0.0.9");
    StringBuilder links = new StringBuilder();
    for (int i = 1; i <= 6; i++) {
      links.append("<a href=\"/blog/post-").append(i).append("\">b</a>");
      links.append("<a href=\"/products/item-").append(i).append("\">p</a>");
      links.append("<a href=\"/author/a").append(i).append("\">a</a>");
    }
    site.page("/", Sites.page("Home", links.toString()));
    for (int i = 1; i <= 6; i++) {
      site.page("/blog/post-" + i, Sites.page("Post " + i, ""));
      site.page("/products/item-" + i, Sites.page("Item " + i, ""));
      site.page("/author/a" + i, Sites.page("Author " + i, ""));
    }
    try (site) {
      site.start();
      String id =
          start(
                  account.token(),
                  Map.of(
                      "url", site.url("/"),
                      "max_pages", 8,
                      "max_depth", 1,
                      "exclude_patterns", List.of("/author/*"),
                      "budget", Map.of("/blog/*", 2, "*", 10),
                      "priority", Map.of("boost_patterns", List.of("/products/*"))))
              .then()
              .statusCode(202)
              .extract()
              .path("crawl_id");
      JsonPath done = Crawls.alterlabDone(account.token(), id);
      assertThat(done.getInt("completed")).isEqualTo(8);
      assertThat(site.hits().stream().filter(h -> h.path().startsWith("/author/"))).isEmpty();
      assertThat(site.hits().stream().filter(h -> h.path().startsWith("/blog/"))).hasSize(1);
      assertThat(site.hits().stream().filter(h -> h.path().startsWith("/products/"))).hasSize(6);
      assertThat(done.getMap("budget_status.counts")).containsEntry("/blog/*", 1);
      assertThat(done.getList("budget_status.exhausted")).contains("/blog/*");
    }
  }

  @Test
  void sitemapOnlyCrawlsExactlyTheSitemapsPages() {
    var account = Accounts.open("selfhost");
    FixtureSite site = FixtureSite.on("127.0.0.10");
    site.page("/", Sites.page("Home", "<a href=\"/not-in-sitemap\">x</a>"));
    site.page("/not-in-sitemap", Sites.page("X", ""));
    site.page("/a", Sites.page("A", "<a href=\"/not-in-sitemap\">x</a>"));
    site.page("/b", Sites.page("B", ""));
    try (site) {
      site.start();
      site.text(
          "/product-sitemap.xml",
          "application/xml",
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
              + "<url><loc>"
              + site.url("/a")
              + "</loc></url><url><loc>"
              + site.url("/b")
              + "</loc></url></urlset>");
      String id =
          start(
                  account.token(),
                  Map.of(
                      "url",
                      site.url("/"),
                      "sitemap",
                      "only",
                      "sitemap_path",
                      "/product-sitemap.xml",
                      "max_pages",
                      100))
              .then()
              .statusCode(202)
              .extract()
              .path("crawl_id");
      JsonPath done = Crawls.alterlabDone(account.token(), id);
      assertThat(done.getInt("completed")).isEqualTo(2);
      assertThat(site.hits("/not-in-sitemap")).isZero();
      assertThat(site.hits("/")).isZero();
    }
  }

  @Test
  void aPartialCrawlBillsOnlyThePagesThatCameBack() {
    var account = Accounts.open("free"); // 1000 credits
    FixtureSite site = FixtureSite.on("127.0.0.15");
    // /huge is over the 10 MB page cap: a crawler-side failure (too_large), not a page.
    site.page(
        "/", Sites.page("Home", "<a href=\"/a\">a</a><a href=\"/b\">b</a><a href=\"/huge\">x</a>"));
    site.page("/a", Sites.page("A", ""));
    site.page("/b", Sites.page("B", ""));
    byte[] huge = new byte[11 << 20];
    java.util.Arrays.fill(huge, (byte) 'a');
    site.file("/huge", "text/html", huge);
    try (site) {
      site.start();
      String id =
          start(account.token(), Map.of("url", site.url("/"), "max_pages", 20))
              .then()
              .statusCode(202)
              .extract()
              .path("crawl_id");
      JsonPath after =
          Crawls.pollUntil(
              account.token(),
              "/api/v1/crawl/" + id,
              r -> r.getInt("billing.credits_refunded") > 0);
      assertThat(after.getString("status")).isEqualTo("partial");
      assertThat(after.getInt("completed")).isEqualTo(3);
      assertThat(after.getInt("failed")).isEqualTo(1);
      assertThat(after.getInt("billing.credits_debited")).isEqualTo(20);
      assertThat(after.getInt("billing.credits_used")).isEqualTo(3);
      assertThat(after.getInt("billing.credits_refunded")).isEqualTo(17);
      assertThat(Accounts.credits(account.id())).isEqualTo(1000 - 3);
    }
  }

  @Test
  void cancelStopsTheCrawlAndRefundsWhatItDidNotUse() {
    var account = Accounts.open("free");
    FixtureSite site = FixtureSite.on("127.0.0.11");
    StringBuilder links = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      links.append("<a href=\"/s/").append(i).append("\">s</a>");
    }
    site.page("/", Sites.page("Home", links.toString()));
    for (int i = 0; i < 40; i++) {
      site.slow("/s/" + i, Duration.ofMillis(700), Sites.page("S" + i, ""));
    }
    try (site) {
      site.start();
      String id =
          start(account.token(), Map.of("url", site.url("/"), "max_pages", 50))
              .then()
              .extract()
              .path("crawl_id");
      Crawls.pollUntil(account.token(), "/api/v1/crawl/" + id, r -> r.getInt("completed") >= 2);
      JsonPath cancelled =
          given()
              .auth()
              .oauth2(account.token())
              .delete("/api/v1/crawl/" + id)
              .then()
              .statusCode(200)
              .body("status", equalTo("cancelled"))
              .body("message", notNullValue())
              .extract()
              .jsonPath();
      assertThat(cancelled.getInt("cancelled_jobs")).isGreaterThan(0);
      JsonPath after =
          Crawls.pollUntil(
              account.token(),
              "/api/v1/crawl/" + id,
              r -> r.getInt("billing.credits_refunded") > 0);
      int completed = after.getInt("completed");
      assertThat(after.getInt("billing.credits_used")).isEqualTo(completed);
      assertThat(after.getInt("billing.credits_refunded")).isEqualTo(50 - completed);
      assertThat(Accounts.credits(account.id())).isEqualTo(1000 - completed);
    }
  }

  @Test
  void creditsShortOfTheEstimateAre402AndOverThreeConcurrentCrawlsIs429() {
    var poor = Accounts.open("free");
    start(poor.token(), Map.of("url", "http://127.0.0.12:1/", "max_pages", 2000))
        .then()
        .statusCode(402)
        .body("error", equalTo("insufficient_credits"))
        .body("detail", org.hamcrest.Matchers.containsString("Insufficient credits"));
    var busy = Accounts.open("selfhost");
    FixtureSite site =
        FixtureSite.on("127.0.0.12").slow("/", Duration.ofSeconds(20), Sites.page("Slow", ""));
    try (site) {
      site.start();
      for (int i = 0; i < 3; i++) {
        start(busy.token(), Map.of("url", site.url("/"))).then().statusCode(202);
      }
      start(busy.token(), Map.of("url", site.url("/")))
          .then()
          .statusCode(429)
          .body("error", equalTo("concurrent_limit"));
    }
  }

  @Test
  void webhookAndWebhookUrlTogetherAreRefused() {
    var account = Accounts.open("selfhost");
    start(
            account.token(),
            Map.of(
                "url", "https://example.com",
                "webhook_url", "https://hooks.example.com/a",
                "webhook", Map.of("url", "https://hooks.example.com/b")))
        .then()
        .statusCode(400)
        .body("detail", equalTo("webhook and webhook_url are mutually exclusive"));
  }

  @Test
  void globsAreBoundedInNumberAndLength() {
    var account = Accounts.open("selfhost");
    start(
            account.token(),
            Map.of(
                "url",
                "https://example.com",
                "exclude_patterns",
                java.util.Collections.nCopies(101, "/a/*")))
        .then()
        .statusCode(400)
        .body("error", equalTo("validation_error"))
        .body("detail", equalTo("exclude_patterns holds 101 patterns; at most 100"));
    start(
            account.token(),
            Map.of(
                "url",
                "https://example.com",
                "priority",
                Map.of("boost_patterns", List.of("/" + "*a".repeat(600)))))
        .then()
        .statusCode(400)
        .body(
            "detail",
            equalTo(
                "priority.boost_patterns[0] is 1201 characters long; a pattern may have at most 1000"));
  }

  @Test
  void changeTrackingSeesNewChangedAndUnchangedPagesAcrossCrawls() {
    var account = Accounts.open("selfhost");
    FixtureSite site = FixtureSite.on("127.0.0.13");
    site.page("/", Sites.page("Home", "<a href=\"/price\">p</a><a href=\"/about\">a</a>"));
    site.page("/price", Sites.page("Price", "<p>Starter $19</p>"));
    site.page("/about", Sites.page("About", "<p>We are nice.</p>"));
    try (site) {
      site.start();
      Map<String, Object> tracking =
          Map.of(
              "enabled", true, "tracking_id", "price-watch-" + account.id(), "include_diff", true);
      String first =
          start(account.token(), Map.of("url", site.url("/"), "change_tracking", tracking))
              .then()
              .extract()
              .path("crawl_id");
      Crawls.alterlabDone(account.token(), first);
      site.page("/price", Sites.page("Price", "<p>Starter $24</p>"));
      String second =
          start(account.token(), Map.of("url", site.url("/"), "change_tracking", tracking))
              .then()
              .extract()
              .path("crawl_id");
      JsonPath done = Crawls.alterlabDone(account.token(), second);
      assertThat(done.getMap("change_tracking.summary"))
          .containsEntry("changed", 1)
          .containsEntry("unchanged", 2)
          .containsEntry("new", 0);
      JsonPath results =
          given()
              .auth()
              .oauth2(account.token())
              .get("/api/v1/crawl/" + second + "?include_results=true")
              .then()
              .extract()
              .jsonPath();
      Map<String, Object> price = results.getMap("results.find { it.url.endsWith('/price') }");
      assertThat(price).containsEntry("change_status", "changed");
      assertThat(results.getString("results.find { it.url.endsWith('/price') }.diff.text"))
          .contains("-Starter $19")
          .contains("+Starter $24");
    }
  }

  private static io.restassured.response.Response start(String token, Map<String, Object> body) {
    return given()
        .auth()
        .oauth2(token)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v1/crawl");
  }
}
