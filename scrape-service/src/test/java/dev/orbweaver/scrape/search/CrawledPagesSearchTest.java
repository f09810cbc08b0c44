package dev.orbweaver.scrape.search;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.orbweaver.scrape.support.Accounts;
import dev.orbweaver.scrape.support.Fixtures;
import dev.orbweaver.testing.FixtureSite;
import dev.orbweaver.testing.TestJwt;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Without SearXNG: web search is 503 search_disabled, and the account's own pages (scraped here or
 * reported by crawl-service) are searchable with categories ["crawled"].
 */
@QuarkusTest
@QuarkusTestResource(TestJwt.class)
class CrawledPagesSearchTest {
  @jakarta.inject.Inject javax.sql.DataSource dataSource;

  private static ValidatableResponse search(String token, String version, String body) {
    return given()
        .auth()
        .oauth2(token)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/" + version + "/search")
        .then();
  }

  @Test
  void webSearchWithoutABackendIs503SearchDisabled() {
    search(TestJwt.user(1, 1, "free"), "v1", "{\"query\": \"anything\"}")
        .statusCode(503)
        .body("success", equalTo(false))
        .body("error", equalTo("search_disabled"))
        .body("message", containsString("ORBWEAVER_SEARCH_SEARXNG_URL"));
    search(TestJwt.user(1, 1, "free"), "v2", "{\"query\": \"anything\"}")
        .statusCode(503)
        .body("error", equalTo("search_disabled"));
  }

  @Test
  void pagesAnAccountScrapedAreFoundByItAlone() {
    String alice = TestJwt.user(Accounts.fresh(), 1, "lifetime");
    String bob = TestJwt.user(Accounts.fresh(), 1, "lifetime");
    try (FixtureSite site =
        FixtureSite.on("127.0.0.1")
            .page("/news/bridge", Fixtures.text("site/article.html"))
            .start()) {
      given()
          .auth()
          .oauth2(alice)
          .contentType(ContentType.JSON)
          .body("{\"url\": \"" + site.url("/news/bridge") + "\"}")
          .post("/v1/scrape")
          .then()
          .statusCode(200);

      String query = "{\"query\": \"engineers replaced deck\", \"categories\": [\"crawled\"]}";
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  search(alice, "v1", query)
                      .statusCode(200)
                      .body("data.size()", equalTo(1))
                      .body("data[0].url", equalTo(site.url("/news/bridge")))
                      .body(
                          "data[0].title",
                          equalTo("Harbour bridge reopens after repairs | Coastal Times"))
                      .body("data[0].category", equalTo("crawled"))
                      .body(
                          "data[0].snippet",
                          containsString("Engineers replaced 140 metres of the deck")));
      search(bob, "v1", query).statusCode(200).body("data.size()", equalTo(0));
    }
  }

  @Test
  void aPageScrapedAgainUnchangedOnlyMovesItsDatesAndAChangedOneIsIndexedAnew() throws Exception {
    long account = Accounts.fresh();
    String alice = TestJwt.user(account, 1, "lifetime");
    String kettle =
        "<html><head><title>Kettle</title></head><body><main><h1>Kettle</h1><p>%s</p></main></body></html>";
    try (FixtureSite site =
        FixtureSite.on("127.0.0.1")
            .page("/kettle", kettle.formatted("The copper kettle boils in three minutes."))
            .start()) {
      String url = site.url("/kettle");
      scrape(alice, url);
      Object[] first =
          await().atMost(Duration.ofSeconds(10)).until(() -> indexed(account, url), r -> r != null);

      scrape(alice, url);
      Object[] again =
          await()
              .atMost(Duration.ofSeconds(10))
              .until(
                  () -> indexed(account, url), r -> ((Instant) r[0]).isAfter((Instant) first[0]));
      org.assertj.core.api.Assertions.assertThat((byte[]) again[1])
          .as("the same source")
          .isEqualTo((byte[]) first[1])
          .isNotNull();
      org.assertj.core.api.Assertions.assertThat(again[2]).isEqualTo(first[2]);

      site.page("/kettle", kettle.formatted("The steel kettle whistles when it boils."));
      scrape(alice, url);
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  search(alice, "v1", "{\"query\": \"whistles\", \"categories\": [\"crawled\"]}")
                      .statusCode(200)
                      .body("data.url", equalTo(List.of(url))));
      search(alice, "v1", "{\"query\": \"copper\", \"categories\": [\"crawled\"]}")
          .statusCode(200)
          .body("data.size()", equalTo(0));
    }
  }

  private static void scrape(String token, String url) {
    given()
        .auth()
        .oauth2(token)
        .contentType(ContentType.JSON)
        .body("{\"url\": \"" + url + "\"}")
        .post("/v1/scrape")
        .then()
        .statusCode(200);
  }

  /** fetched_at, source_hash and indexed_at of the account's row for the URL, or null. */
  private Object[] indexed(long account, String url) throws java.sql.SQLException {
    try (var c = dataSource.getConnection();
        var query =
            c.prepareStatement(
                "SELECT fetched_at, source_hash, md5(body) FROM page_index"
                    + " WHERE account_id = ? AND url = ?")) {
      query.setLong(1, account);
      query.setString(2, url);
      try (var rs = query.executeQuery()) {
        return rs.next()
            ? new Object[] {rs.getTimestamp(1).toInstant(), rs.getBytes(2), rs.getString(3)}
            : null;
      }
    }
  }

  @Test
  void crawlServiceFeedsTheIndexAndTakesACrawlsPagesBack() {
    long account = Accounts.fresh();
    String user = TestJwt.user(account, 4, "lifetime");
    String service = TestJwt.service("crawl-service");
    given()
        .auth()
        .oauth2(service)
        .contentType(ContentType.JSON)
        .body(
            "{\"pages\": ["
                + "{\"account_id\": "
                + account
                + ", \"project_id\": 4, \"url\": \"https://docs.example.com/install\","
                + " \"title\": \"Installing Orbweaver\", \"description\": \"Set it up on one machine.\","
                + " \"text\": \"Run the launcher. It installs PostgreSQL and Redis when they are missing.\","
                + " \"status_code\": 200, \"fetched_at\": \"2026-05-01T10:00:00Z\", \"source_ref\": \"crawl:77\"},"
                + "{\"account_id\": "
                + account
                + ", \"url\": \"https://docs.example.com/upgrade\","
                + " \"title\": \"Upgrading\", \"text\": \"Stop the services, then install the new release.\","
                + " \"source_ref\": \"crawl:78\"}]}")
        .post("/internal/v1/search-index/pages")
        .then()
        .statusCode(200)
        .body("indexed", equalTo(2));

    search(user, "v2", "{\"query\": \"install\", \"categories\": [{\"type\": \"crawled\"}]}")
        .statusCode(200)
        .body(
            "data.web.url",
            equalTo(
                List.of("https://docs.example.com/install", "https://docs.example.com/upgrade")))
        .body("data.web[0].title", equalTo("Installing Orbweaver"))
        .body("data.web[0].category", equalTo("crawled"));
    search(
            user,
            "v2",
            "{\"query\": \"\\\"new release\\\" -postgresql\", \"categories\": [\"crawled\"]}")
        .statusCode(200)
        .body("data.web.url", equalTo(List.of("https://docs.example.com/upgrade")));

    given()
        .auth()
        .oauth2(service)
        .queryParam("account_id", account)
        .queryParam("source_ref", "crawl:77")
        .delete("/internal/v1/search-index/pages")
        .then()
        .statusCode(200)
        .body("deleted", equalTo(1));
    search(user, "v2", "{\"query\": \"install\", \"categories\": [\"crawled\"]}")
        .statusCode(200)
        .body("data.web.url", equalTo(List.of("https://docs.example.com/upgrade")));
  }

  @Test
  void aPageIndexedAgainIsFoundByWhatItSaysNow() {
    long account = Accounts.fresh();
    String user = TestJwt.user(account, 1, "lifetime");
    String page =
        "{\"pages\": [{\"account_id\": %d, \"project_id\": 1, \"url\": \"https://shop.example.com/kettle\","
            + " \"title\": \"Kettle\", \"text\": \"%s\", \"fetched_at\": \"%s\"}]}";
    for (String[] version :
        new String[][] {
          {"The copper kettle boils in three minutes.", "2026-05-01T10:00:00Z"},
          {"The copper kettle boils in three minutes.", "2026-05-02T10:00:00Z"}, // unchanged
          {"The steel kettle whistles when it boils.", "2026-05-03T10:00:00Z"},
          {"The copper kettle boils in three minutes.", "2026-05-01T12:00:00Z"} // older copy
        }) {
      given()
          .auth()
          .oauth2(TestJwt.service("crawl-service"))
          .contentType(ContentType.JSON)
          .body(page.formatted(account, version[0], version[1]))
          .post("/internal/v1/search-index/pages")
          .then()
          .statusCode(200);
    }
    search(user, "v1", "{\"query\": \"whistles\", \"categories\": [\"crawled\"]}")
        .statusCode(200)
        .body("data.url", equalTo(List.of("https://shop.example.com/kettle")));
    search(user, "v1", "{\"query\": \"copper\", \"categories\": [\"crawled\"]}")
        .statusCode(200)
        .body("data.size()", equalTo(0));
  }

  @Test
  void onlyServicesMayFeedTheIndex() {
    given()
        .auth()
        .oauth2(TestJwt.user(5, 1, "lifetime"))
        .contentType(ContentType.JSON)
        .body("{\"pages\": []}")
        .post("/internal/v1/search-index/pages")
        .then()
        .statusCode(403)
        .body("error", equalTo("forbidden"));
    given()
        .auth()
        .oauth2(TestJwt.service("crawl-service"))
        .contentType(ContentType.JSON)
        .body("{\"pages\": [{\"url\": \"https://x.example/\"}]}")
        .post("/internal/v1/search-index/pages")
        .then()
        .statusCode(400)
        .body("message", containsString("'pages[0].account_id'"));
  }
}
