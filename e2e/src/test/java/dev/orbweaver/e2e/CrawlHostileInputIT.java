package dev.orbweaver.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.orbweaver.testing.FixtureSite;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Crawls asked for with hostile patterns, or of hostile pages, through the gateway: Firecrawl's
 * paths are regular expressions and take exactly the pages they match, patterns that backtracking
 * matchers choke on answer at once, and a page with NUL characters is stored and ends its crawl.
 */
@ExtendWith(PlatformExtension.class)
class CrawlHostileInputIT {
  /** 80 characters, many a's and no b: every star of a 10-star pattern has to give up. */
  private static final String LONG_PATH = "/" + "a".repeat(79);

  /**
   * The start request must answer within 2 s: a backtracking matcher took minutes on these patterns
   * (a guard on the socket, not a measurement).
   */
  private static final RestAssuredConfig TWO_SECONDS =
      RestAssured.config()
          .httpClient(
              HttpClientConfig.httpClientConfig()
                  .setParam("http.connection.timeout", 2_000)
                  .setParam("http.socket.timeout", 2_000));

  @Test
  void firecrawlIncludeAndExcludePathsAreRegularExpressions(Platform platform) {
    Platform.Account account = platform.createAccount("regex-paths", "selfhost");
    FixtureSite site = FixtureSite.on("127.0.0.28");
    site.page(
        "/",
        Sites.page(
            "Home",
            "<a href=\"/products/shoe\">shoe</a> <a href=\"/products/hat?size=m\">hat</a>"
                + " <a href=\"/products/sale/sock\">sock</a> <a href=\"/blog/products\">blog</a>"
                + " <a href=\"/about\">about</a>"));
    site.page("/products/shoe", Sites.page("Shoe", "<a href=\"/products/boot\">boot</a>"));
    site.page("/products/hat", Sites.page("Hat", ""));
    site.page("/products/boot", Sites.page("Boot", ""));
    site.page("/products/sale/sock", Sites.page("Sock", ""));
    site.page("/blog/products", Sites.page("Blog", ""));
    site.page("/about", Sites.page("About", ""));
    try (site) {
      site.start();
      String id =
          Gateway.as(platform, account.key())
              .contentType(ContentType.JSON)
              .body(
                  Map.of(
                      "url", site.url("/"),
                      "limit", 50,
                      "includePaths", List.of("^/products/.*"),
                      "excludePaths", List.of("/sale/")))
              .post("/v2/crawl")
              .then()
              .statusCode(200)
              .extract()
              .path("id");

      JsonPath done = completed(platform, account, "/v2/crawl/" + id);

      assertThat(done.getList("data.metadata.sourceURL", String.class))
          .containsExactlyInAnyOrder(
              site.url("/products/shoe"),
              site.url("/products/hat?size=m"),
              site.url("/products/boot"));
    }
  }

  @Test
  void tenStarPatternsOnAnEightyCharacterPathAnswerAtOnce(Platform platform) {
    Platform.Account account = platform.createAccount("ten-stars", "selfhost");
    FixtureSite site = FixtureSite.on("127.0.0.29");
    site.page("/", Sites.page("Home", "<a href=\"" + LONG_PATH + "\">long</a>"));
    site.page(LONG_PATH, Sites.page("Long", ""));
    try (site) {
      site.start();
      // Firecrawl: a regular expression of ten stars.
      String firecrawl =
          Gateway.as(platform, account.key())
              .config(TWO_SECONDS)
              .contentType(ContentType.JSON)
              .body(
                  Map.of(
                      "url", site.url("/"),
                      "limit", 10,
                      "excludePaths", List.of(".*a.*a.*a.*a.*a.*a.*a.*a.*a.*a.*b")))
              .post("/v2/crawl")
              .then()
              .statusCode(200)
              .extract()
              .path("id");
      // AlterLab: the glob of ten stars.
      String alterlab =
          Gateway.as(platform, account.key())
              .config(TWO_SECONDS)
              .contentType(ContentType.JSON)
              .body(
                  Map.of(
                      "url", site.url("/"),
                      "max_pages", 10,
                      "exclude_patterns", List.of("*a*a*a*a*a*a*a*a*a*a*b")))
              .post("/api/v1/crawl")
              .then()
              .statusCode(202)
              .extract()
              .path("crawl_id");
      // The glob sent as a Firecrawl path is no regular expression: refused, naming it.
      Gateway.as(platform, account.key())
          .config(TWO_SECONDS)
          .contentType(ContentType.JSON)
          .body(Map.of("url", site.url("/"), "excludePaths", List.of("*a*a*a*a*a*a*a*a*a*a*b")))
          .post("/v2/crawl")
          .then()
          .statusCode(400)
          .body("success", equalTo(false))
          .body("message", startsWith("excludePaths[0] \"*a*a*a*a*a*a*a*a*a*a*b\" is not"));

      JsonPath fc = completed(platform, account, "/v2/crawl/" + firecrawl);
      assertThat(fc.getList("data.metadata.sourceURL", String.class))
          .containsExactlyInAnyOrder(site.url("/"), site.url(LONG_PATH));
      JsonPath al =
          CrawlDialectsIT.poll(
              () -> Gateway.as(platform, account.key()),
              "/api/v1/crawl/" + alterlab,
              r -> r.getString("status").equals("completed"));
      assertThat(al.getInt("completed")).isEqualTo(2);
    }
  }

  @Test
  void aPageWithNulInItsJsonLdTitleAndTextIsStoredAndItsCrawlEndsDone(Platform platform) {
    Platform.Account account = platform.createAccount("nul-page", "selfhost");
    FixtureSite site = FixtureSite.on("127.0.0.30");
    site.page(
        "/",
        "<!doctype html><html><head><title>Caf\u0000e</title>"
            + "<script type=\"application/ld+json\">"
            + "{\"@type\":\"Product\",\"name\":\"Shoe\\u0000\",\"offers\":{\"price\":\"9\\u0000\"}}"
            + "</script></head><body><main><h1>Menu</h1><p>Tea\u0000 and cake</p>"
            + "<a href=\"/more\">more</a></main></body></html>");
    site.page("/more", Sites.page("More", ""));
    try (site) {
      site.start();
      long id =
          Gateway.as(platform, account.key())
              .contentType(ContentType.JSON)
              .body(Map.of("url", site.url("/"), "max_pages", 5, "delay_ms", 0))
              .post("/v1/crawls")
              .then()
              .statusCode(202)
              .extract()
              .jsonPath()
              .getLong("id");

      JsonPath run =
          CrawlDialectsIT.poll(
              () -> Gateway.as(platform, account.key()),
              "/v1/crawls/" + id,
              r -> !List.of("queued", "running").contains(r.getString("status")));

      assertThat(run.getString("status")).isEqualTo("done");
      assertThat(run.getInt("page_count")).isEqualTo(2);
      assertThat(run.getInt("error_count")).isZero();
      JsonPath pages =
          Gateway.as(platform, account.key())
              .get("/v1/crawls/" + id + "/pages")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      long home = pages.getLong("items.find { it.url.endsWith('/') }.id");
      JsonPath page =
          Gateway.as(platform, account.key())
              .get("/v1/pages/" + home + "?format=markdown")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      assertThat(page.getString("markdown")).contains("Tea and cake");
      assertThat(page.getString("metadata.json_ld[0].name")).isEqualTo("Shoe");
    }
  }

  private static JsonPath completed(Platform platform, Platform.Account account, String path) {
    return CrawlDialectsIT.poll(
        () -> Gateway.as(platform, account.key()),
        path,
        r -> r.getString("status").equals("completed"));
  }
}
