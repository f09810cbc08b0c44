package dev.orbweaver.crawl.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.orbweaver.crawl.support.Accounts;
import dev.orbweaver.crawl.support.CleanSlate;
import dev.orbweaver.crawl.support.Crawls;
import dev.orbweaver.crawl.support.Sites;
import dev.orbweaver.testing.FixtureSite;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Firecrawl's crawl endpoints, v1 (with CRW's field names) and v2. */
@QuarkusTest
class FirecrawlCrawlApiTest {

  @BeforeAll
  static void emptyCrawlSchema() {
    CleanSlate.crawls();
  }

  @Test
  void v1CrawlReturnsDocumentsWithMarkdownAndMetadata() {
    var account = Accounts.open("selfhost");
    try (FixtureSite site = Sites.chain("127.0.0.14", 3).start()) {
      JsonPath accepted =
          given()
              .auth()
              .oauth2(account.token())
              .contentType(ContentType.JSON)
              .body(Map.of("url", site.url("/"), "maxPages", 10, "maxDepth", 5, "origin", "js-sdk"))
              .post("/v1/crawl")
              .then()
              .statusCode(200)
              .body("success", equalTo(true))
              .extract()
              .jsonPath();
      String id = accepted.getString("id");
      assertThat(accepted.getString("url")).endsWith("/v1/crawl/" + id);
      JsonPath done =
          Crawls.pollUntil(
              account.token(), "/v1/crawl/" + id, r -> r.getString("status").equals("completed"));
      assertThat(done.getInt("completed")).isEqualTo(5); // home, /p/1…/p/3 and the /p/4 404
      assertThat(done.getInt("total")).isEqualTo(5);
      assertThat(done.getString("expiresAt")).isNotNull();
      assertThat(done.getList("data")).hasSize(5);
      assertThat(done.getString("data.find { it.metadata.sourceURL.endsWith('/') }.markdown"))
          .contains("# Home");
      assertThat(
              done.getInt(
                  "data.find { it.metadata.sourceURL.endsWith('/p/4') }.metadata.statusCode"))
          .isEqualTo(404);
      assertThat(done.getString("next")).isNull();
    }
  }

  @Test
  void v2CrawlPagesItsDataAndListsErrors() {
    var account = Accounts.open("selfhost");
    FixtureSite site = FixtureSite.on("127.0.0.14");
    // /broken redirects to a closed port: a connect failure; robots.txt cannot stop a redirect hop
    StringBuilder links = new StringBuilder("<a href=\"/broken\">broken</a>");
    for (int i = 0; i < 120; i++) {
      links.append("<a href=\"/d/").append(i).append("\">d</a>");
    }
    site.page("/", Sites.page("Home", links.toString()));
    site.text("/robots.txt", "text/plain", "User-agent: *\nDisallow: /d/119\n");
    site.redirect("/broken", 302, "http://127.0.0.14:1/x");
    for (int i = 0; i < 120; i++) {
      site.page("/d/" + i, Sites.page("D" + i, ""));
    }
    try (site) {
      site.start();
      String id =
          given()
              .auth()
              .oauth2(account.token())
              .contentType(ContentType.JSON)
              .body(
                  Map.of(
                      "url",
                      site.url("/"),
                      "limit",
                      200,
                      "scrapeOptions",
                      Map.of("formats", List.of("markdown", "links"))))
              .post("/v2/crawl")
              .then()
              .statusCode(200)
              .extract()
              .path("id");
      JsonPath done =
          Crawls.pollUntil(
              account.token(), "/v2/crawl/" + id, r -> r.getString("status").equals("completed"));
      assertThat(done.getInt("completed")).isEqualTo(120); // home and /d/0…/d/118
      assertThat(done.getList("data")).hasSize(100);
      assertThat(done.getString("next")).endsWith("/v2/crawl/" + id + "?skip=100");
      JsonPath rest =
          given()
              .auth()
              .oauth2(account.token())
              .get("/v2/crawl/" + id + "?skip=100")
              .then()
              .extract()
              .jsonPath();
      assertThat(rest.getList("data")).hasSize(20);
      assertThat(rest.getList("data[0].links")).isNotNull();
      given()
          .auth()
          .oauth2(account.token())
          .get("/v2/crawl/" + id + "/errors")
          .then()
          .statusCode(200)
          .body("robotsBlocked", org.hamcrest.Matchers.hasItem(site.url("/d/119")))
          .body("errors[0].url", equalTo(site.url("/broken")))
          .body("errors[0].error", startsWith("connect"));
    }
  }

  /**
   * Firecrawl's includePaths and excludePaths are regular expressions over the URL's path, found
   * anywhere in it; the seed, left out by them, is fetched for its links but is not a result.
   */
  @Test
  void includeAndExcludePathsAreRegularExpressionsOverThePath() {
    var account = Accounts.open("selfhost");
    FixtureSite site = FixtureSite.on("127.0.0.14");
    site.page(
        "/",
        Sites.page(
            "Home",
            "<a href=\"/products/a\">a</a><a href=\"/products/b?color=red\">b</a>"
                + "<a href=\"/products/sale/c\">c</a><a href=\"/blog/products/x\">x</a>"
                + "<a href=\"/about\">about</a>"));
    site.page("/products/a", Sites.page("A", "<a href=\"/products/d\">d</a>"));
    site.page("/products/b", Sites.page("B", ""));
    site.page("/products/d", Sites.page("D", ""));
    site.page("/products/sale/c", Sites.page("C", ""));
    site.page("/blog/products/x", Sites.page("X", ""));
    site.page("/about", Sites.page("About", ""));
    try (site) {
      site.start();
      String id =
          given()
              .auth()
              .oauth2(account.token())
              .contentType(ContentType.JSON)
              .body(
                  Map.of(
                      "url",
                      site.url("/"),
                      "limit",
                      50,
                      "includePaths",
                      List.of("^/products/.*"),
                      "excludePaths",
                      List.of("/sale/")))
              .post("/v2/crawl")
              .then()
              .statusCode(200)
              .extract()
              .path("id");
      JsonPath done =
          Crawls.pollUntil(
              account.token(), "/v2/crawl/" + id, r -> r.getString("status").equals("completed"));
      assertThat(done.getList("data.metadata.sourceURL", String.class))
          .containsExactlyInAnyOrder(
              site.url("/products/a"), site.url("/products/b?color=red"), site.url("/products/d"));
      assertThat(done.getInt("completed")).isEqualTo(3);
      assertThat(site.pageHits())
          .extracting(FixtureSite.Hit::path)
          .containsExactlyInAnyOrder("/", "/products/a", "/products/b?color=red", "/products/d");
    }
  }

  @Test
  void aPatternTheMatcherCannotRunIsABadRequestNamingIt() {
    var account = Accounts.open("selfhost");
    for (var paths :
        List.of(
            Map.of("includePaths", List.of("^/docs/", "(?!/private)")),
            Map.of("excludePaths", List.of("((a{1000}){1000}){1000}")))) {
      var body = new java.util.HashMap<String, Object>(paths);
      body.put("url", "http://127.0.0.14/");
      String field = paths.keySet().iterator().next();
      given()
          .auth()
          .oauth2(account.token())
          .contentType(ContentType.JSON)
          .body(body)
          .post("/v2/crawl")
          .then()
          .statusCode(400)
          .body("success", equalTo(false))
          .body("error", equalTo("bad_request"))
          .body("message", startsWith(field + "["));
    }
    // An empty first entry is Firecrawl's way of saying "no patterns".
    given()
        .auth()
        .oauth2(account.token())
        .contentType(ContentType.JSON)
        .body(Map.of("url", "http://127.0.0.14/", "limit", 1, "excludePaths", List.of("")))
        .post("/v1/crawl")
        .then()
        .statusCode(200);
  }

  @Test
  void badRequestsAreFirecrawlErrors() {
    var account = Accounts.open("selfhost");
    given()
        .auth()
        .oauth2(account.token())
        .contentType(ContentType.JSON)
        .body(Map.of("url", "not a url"))
        .post("/v2/crawl")
        .then()
        .statusCode(400)
        .body("success", equalTo(false))
        .body("error", equalTo("bad_request"));
    given()
        .auth()
        .oauth2(account.token())
        .get("/v1/crawl/00000000-0000-0000-0000-000000000000")
        .then()
        .statusCode(404)
        .body("success", equalTo(false));
  }
}
