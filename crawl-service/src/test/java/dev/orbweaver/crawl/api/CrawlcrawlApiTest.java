package dev.orbweaver.crawl.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.orbweaver.crawl.support.Accounts;
import dev.orbweaver.crawl.support.Sites;
import dev.orbweaver.testing.AuthServiceProcess;
import dev.orbweaver.testing.FixtureSite;
import dev.orbweaver.testing.TestJwt;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(TestJwt.class)
@QuarkusTestResource(
    value = AuthServiceProcess.class,
    initArgs = @ResourceArg(name = "schema", value = "crawl_auth"))
class CrawlcrawlApiTest {

  @org.junit.jupiter.api.BeforeAll
  static void emptyCrawlSchema() {
    dev.orbweaver.crawl.support.CleanSlate.crawls();
  }

  @Test
  void aRunCrawlsTheSiteAndListsItsPages() {
    var account = Accounts.open("selfhost");
    try (FixtureSite site =
        Sites.chain("127.0.0.2", 12).status("/p/13", 404, "<html>gone</html>").start()) {
      long id =
          given()
              .auth()
              .oauth2(account.token())
              .contentType(ContentType.JSON)
              .body(Map.of("url", site.url("/"), "max_pages", 50, "depth", 20, "delay_ms", 0))
              .post("/v1/crawls")
              .then()
              .statusCode(202)
              .body("status", equalTo("queued"))
              .extract()
              .jsonPath()
              .getLong("id");

      JsonPath run = waitForTerminal(account.token(), id);
      assertThat(run.getString("status")).isEqualTo("done");
      assertThat(run.getInt("page_count")).isEqualTo(14); // home, 12 pages, and the 404
      assertThat(run.getInt("error_count")).isZero();

      JsonPath pages =
          given()
              .auth()
              .oauth2(account.token())
              .get("/v1/crawls/" + id + "/pages?limit=10")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      assertThat(pages.getList("items")).hasSize(10);
      assertThat(pages.getInt("next_offset")).isEqualTo(10);
      List<Integer> statuses =
          given()
              .auth()
              .oauth2(account.token())
              .get("/v1/crawls/" + id + "/pages?status=404")
              .then()
              .extract()
              .jsonPath()
              .getList("items.status");
      assertThat(statuses).containsExactly(404);

      long pageId = pages.getLong("items[0].id");
      given()
          .auth()
          .oauth2(account.token())
          .get("/v1/pages/" + pageId + "?format=both")
          .then()
          .statusCode(200)
          .body("metadata.title", equalTo("Home"))
          .body("markdown", org.hamcrest.Matchers.containsString("# Home"))
          .body("article_text", org.hamcrest.Matchers.containsString("Home"));
    }
  }

  /**
   * store_html=false keeps URL, status, bytes and metadata only (crawlcrawl's document): every
   * format serves those, and leaves out what would need the HTML.
   */
  @Test
  void aRunWithoutStoredHtmlServesWhatItKept() {
    var account = Accounts.open("selfhost");
    try (FixtureSite site = Sites.chain("127.0.0.2", 1).start()) {
      long id =
          given()
              .auth()
              .oauth2(account.token())
              .contentType(ContentType.JSON)
              .body(
                  Map.of("url", site.url("/"), "max_pages", 1, "delay_ms", 0, "store_html", false))
              .post("/v1/crawls")
              .then()
              .statusCode(202)
              .extract()
              .jsonPath()
              .getLong("id");
      assertThat(waitForTerminal(account.token(), id).getString("status")).isEqualTo("done");
      long pageId =
          given()
              .auth()
              .oauth2(account.token())
              .get("/v1/crawls/" + id + "/pages")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath()
              .getLong("items[0].id");

      for (String format : List.of("html", "markdown", "article", "both")) {
        given()
            .auth()
            .oauth2(account.token())
            .get("/v1/pages/" + pageId + "?format=" + format)
            .then()
            .statusCode(200)
            .body("id", equalTo((int) pageId))
            .body("url", equalTo(site.url("/")))
            .body("status", equalTo(200))
            .body("bytes", org.hamcrest.Matchers.greaterThan(0))
            .body("fetched_at", org.hamcrest.Matchers.notNullValue())
            .body("metadata.title", equalTo("Home"))
            .body("metadata.description", equalTo("Home description"))
            .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("html")))
            .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("markdown")))
            .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("article_text")));
      }
      given()
          .auth()
          .oauth2(account.token())
          .get("/v1/pages/" + pageId + "?format=pdf")
          .then()
          .statusCode(400)
          .body("error.code", equalTo("invalid_input"));
    }
  }

  @Test
  void theAccountsRunsAreListedNewestFirstAndOnlyToTheirAccount() {
    var account = Accounts.open("selfhost");
    var other = Accounts.open("selfhost");
    try (FixtureSite site = Sites.chain("127.0.0.2", 1).start()) {
      List<Long> started = new java.util.ArrayList<>();
      for (int i = 0; i < 3; i++) {
        started.add(
            given()
                .auth()
                .oauth2(account.token())
                .contentType(ContentType.JSON)
                .body(Map.of("url", site.url("/"), "max_pages", 1, "delay_ms", 0))
                .post("/v1/crawls")
                .then()
                .statusCode(202)
                .extract()
                .jsonPath()
                .getLong("id"));
      }
      JsonPath first =
          given()
              .auth()
              .oauth2(account.token())
              .get("/v1/crawls?limit=2")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      assertThat(first.getList("items.id", Long.class))
          .containsExactly(started.get(2), started.get(1));
      assertThat(first.getInt("next_offset")).isEqualTo(2);
      assertThat(first.getString("items[0].url")).isEqualTo(site.url("/"));
      JsonPath rest =
          given()
              .auth()
              .oauth2(account.token())
              .get("/v1/crawls?limit=2&offset=2")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      assertThat(rest.getList("items.id", Long.class)).containsExactly(started.get(0));
      assertThat(rest.get("next_offset") == null).isTrue();
      given()
          .auth()
          .oauth2(other.token())
          .get("/v1/crawls")
          .then()
          .statusCode(200)
          .body("items", org.hamcrest.Matchers.empty());
      given()
          .auth()
          .oauth2(account.token())
          .get("/v1/crawls?limit=101")
          .then()
          .statusCode(400)
          .body("error.code", equalTo("invalid_input"));
      for (long id : started) {
        waitForTerminal(account.token(), id);
      }
    }
  }

  static JsonPath waitForTerminal(String token, long id) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (Instant.now().isBefore(deadline)) {
      JsonPath run =
          given()
              .auth()
              .oauth2(token)
              .get("/v1/crawls/" + id)
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      if (List.of("done", "failed", "cancelled").contains(run.getString("status"))) {
        return run;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    throw new AssertionError("crawl " + id + " did not finish");
  }
}
