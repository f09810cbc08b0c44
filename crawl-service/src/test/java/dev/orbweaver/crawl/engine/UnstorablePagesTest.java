package dev.orbweaver.crawl.engine;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orbweaver.crawl.frontier.Discovered;
import dev.orbweaver.crawl.frontier.Frontier;
import dev.orbweaver.crawl.frontier.FrontierItem;
import dev.orbweaver.crawl.model.Tier;
import dev.orbweaver.crawl.scope.CrawlScope;
import dev.orbweaver.crawl.support.Accounts;
import dev.orbweaver.crawl.support.CleanSlate;
import dev.orbweaver.crawl.support.Crawls;
import dev.orbweaver.crawl.support.Sites;
import dev.orbweaver.crawl.worker.Outcome;
import dev.orbweaver.crawl.worker.ResultWriter;
import dev.orbweaver.testing.FixtureSite;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A page PostgreSQL cannot store as it came never wedges its crawl: what it says is cleaned, a row
 * still refused becomes a page error while the rest of its batch is kept, and an item whose leases
 * keep coming to nothing becomes a page error instead of being fetched every two minutes.
 */
@QuarkusTest
class UnstorablePagesTest {
  private static final String NUL_PAGE =
      "<!doctype html><html><head><title>Caf\u0000e</title>"
          + "<script type=\"application/ld+json\">"
          + "{\"@type\":\"Product\",\"name\":\"Shoe\\u0000\",\"sku\":\"a\\u0000b\"}</script>"
          + "</head><body><main><h1>Menu</h1><p>Tea\u0000 and cake</p>"
          + "<a href=\"/next\">next</a></main></body></html>";

  @Inject ResultWriter writer;
  @Inject Frontier frontier;
  @Inject DataSource dataSource;
  @Inject ObjectMapper json;

  @BeforeAll
  static void emptyCrawlSchema() {
    CleanSlate.crawls();
  }

  @Test
  void aPageWithNulInItsJsonLdTitleAndTextEndsItsCrawlDoneWithThePageStored() throws Exception {
    var account = Accounts.open("selfhost");
    FixtureSite site = FixtureSite.on("127.0.0.16");
    site.page("/", NUL_PAGE);
    site.page("/next", Sites.page("Next", ""));
    try (site) {
      site.start();
      long id =
          given()
              .auth()
              .oauth2(account.token())
              .contentType(ContentType.JSON)
              .body(Map.of("url", site.url("/"), "max_pages", 5, "delay_ms", 0))
              .post("/v1/crawls")
              .then()
              .statusCode(202)
              .extract()
              .jsonPath()
              .getLong("id");

      JsonPath run = Crawls.crawlcrawlDone(account.token(), id);

      assertThat(run.getString("status")).isEqualTo("done");
      assertThat(run.getInt("page_count")).isEqualTo(2);
      assertThat(run.getInt("error_count")).isZero();
      assertThat(
              one("select metadata::text from page where crawl_id = " + id + " and url like '%/'"))
          .contains("\"name\": \"Shoe\"")
          .contains("\"sku\": \"ab\"")
          .doesNotContain("\\u0000");
      assertThat(site.hits("/")).isEqualTo(1);

      // Firecrawl stores Markdown at crawl time: the body's NUL must not reach its jsonb either.
      String fc =
          given()
              .auth()
              .oauth2(account.token())
              .contentType(ContentType.JSON)
              .body(Map.of("url", site.url("/"), "limit", 5))
              .post("/v2/crawl")
              .then()
              .statusCode(200)
              .extract()
              .path("id");
      JsonPath done =
          Crawls.pollUntil(
              account.token(), "/v2/crawl/" + fc, r -> !r.getString("status").equals("scraping"));
      assertThat(done.getString("status")).isEqualTo("completed");
      assertThat(done.getString("data.find { it.metadata.sourceURL.endsWith('/') }.markdown"))
          .contains("Tea and cake");
    }
  }

  @Test
  void aRowPostgresRefusesBecomesAPageErrorAndTheRestOfTheBatchIsKept() throws Exception {
    long crawl;
    List<FrontierItem> items;
    try (Connection c = dataSource.getConnection()) {
      crawl = unclaimableRunningCrawl(c);
      frontier.enqueue(c, crawl, List.of(page("/good"), page("/bad"), page("/also-good")));
      items =
          frontier
              .claim(c, crawl, 3, 3, "test-worker", Duration.ofMinutes(5), Instant.now())
              .items();
    }
    ObjectNode clean = json.createObjectNode().put("title", "fine");
    // Written straight to the writer, past the cleaning a worker does: jsonb refuses \u0000.
    ObjectNode refused = json.createObjectNode().put("title", "bad\u0000");
    List<Outcome> batch =
        items.stream()
            .map(i -> (Outcome) result(i, i.url().endsWith("/bad") ? refused : clean))
            .toList();

    boolean finished = writer.write(crawl, "test-worker", batch);

    assertThat(finished).isTrue();
    assertThat(one("select string_agg(url, ',' order by url) from page where crawl_id = " + crawl))
        .isEqualTo("http://unstorable.test/also-good,http://unstorable.test/good");
    assertThat(one("select kind || ' ' || url from crawl_error where crawl_id = " + crawl))
        .isEqualTo("store_failed http://unstorable.test/bad");
    assertThat(one("select message from crawl_error where crawl_id = " + crawl))
        .startsWith("the page could not be stored: ");
    assertThat(
            one(
                "select status || ' ' || page_count || ' ' || error_count from crawl where id = "
                    + crawl))
        .isEqualTo("completed 2 1");
  }

  @Test
  void anItemWhoseLeasesKeepComingToNothingBecomesAPageError() throws Exception {
    FixtureSite site = FixtureSite.on("127.0.0.16");
    site.page("/", Sites.page("Home", ""));
    try (site) {
      site.start();
      long crawl;
      try (Connection c = dataSource.getConnection()) {
        crawl = Crawls.insertRow(c, site.url("/"), "running");
        String url = site.url("/");
        frontier.enqueue(
            c,
            crawl,
            List.of(
                new Discovered(url, CrawlScope.key(url), 0, 1.0, null, FrontierItem.Kind.PAGE)));
        // Three leases ran out before: the workers died, or could not write what they fetched.
        c.createStatement()
            .execute(
                "update frontier set state = 'leased', leased_by = 'dead-worker', attempts = 3,"
                    + " lease_until = now() - interval '1 second',"
                    + " last_error = 'its result could not be written: boom'"
                    + " where crawl_id = "
                    + crawl);
      }

      awaitStatus(crawl, "failed");

      assertThat(one("select kind from crawl_error where crawl_id = " + crawl))
          .isEqualTo("gave_up");
      assertThat(one("select message from crawl_error where crawl_id = " + crawl))
          .isEqualTo(
              "not fetched again after 3 attempts came to nothing; last: its result could not be"
                  + " written: boom");
      assertThat(one("select state from frontier where crawl_id = " + crawl)).isEqualTo("failed");
      assertThat(site.hits()).isEmpty();
    }
  }

  /** A running crawl no worker of the service claims from (its concurrency is 0). */
  private static long unclaimableRunningCrawl(Connection c) throws SQLException {
    long id = Crawls.insertRow(c, "http://unstorable.test/", "running");
    c.createStatement().execute("update crawl set concurrency = 0 where id = " + id);
    return id;
  }

  private static Discovered page(String path) {
    String url = "http://unstorable.test" + path;
    return new Discovered(url, CrawlScope.key(url), 1, 0.5, null, FrontierItem.Kind.PAGE);
  }

  private static Outcome.Page result(FrontierItem item, ObjectNode metadata) {
    return new Outcome.Page(
        item,
        item.url(),
        200,
        "text/html",
        10,
        1,
        "hash",
        metadata,
        Map.of(),
        null,
        null,
        List.of(),
        Tier.T1,
        0,
        false);
  }

  private void awaitStatus(long crawl, String status) throws Exception {
    Instant deadline = Instant.now().plusSeconds(60);
    while (Instant.now().isBefore(deadline)) {
      if (status.equals(one("select status from crawl where id = " + crawl))) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("crawl " + crawl + " never became " + status);
  }

  private String one(String sql) throws SQLException {
    try (Connection c = dataSource.getConnection();
        var rs = c.createStatement().executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }
}
