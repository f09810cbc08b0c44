package dev.orbweaver.scrape.map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import dev.orbweaver.testing.FixtureSite;
import dev.orbweaver.testing.TestJwt;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /v1/map} and {@code /v2/map} against fixture sites with robots.txt and sitemaps. */
@QuarkusTest
@QuarkusTestResource(TestJwt.class)
class MapTest {
  private static final String TOKEN = TestJwt.user(901, 1, "lifetime");
  private static FixtureSite shop;
  private static FixtureSite sparse;

  @BeforeAll
  static void startSites() {
    shop = FixtureSite.on("127.0.0.1").start();
    String o = shop.origin();
    shop.text(
            "/robots.txt",
            "text/plain",
            "User-agent: *\nDisallow: /admin/\nSitemap: " + o + "/sitemap.xml\n")
        .text(
            "/sitemap.xml",
            "application/xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
                + "<url><loc>"
                + o
                + "/products/boots</loc></url>\n"
                + "<url><loc>"
                + o
                + "/blog/winter-hiking</loc></url>\n"
                + "<url><loc>"
                + o
                + "/products/boots?utm_source=mail&amp;color=red</loc></url>\n"
                + "</urlset>\n")
        .page(
            "/",
            "<html><head><title>Northpeak shop</title><meta name=\"description\" content=\"Boots and jackets\"></head><body>"
                + "<a href=\"/products/jacket\">Jacket</a>"
                + "<a href=\"/blog/winter-hiking#comments\">Blog</a>"
                + "<a href=\"/products/jacket?add-to-cart=42\">Buy</a>"
                + "<a href=\"/about?gclid=xyz\">About</a>"
                + "<a href=\"https://elsewhere.example/\">Partner</a>"
                + "</body></html>");
    sparse = FixtureSite.on("127.0.0.1").start();
    sparse
        .page("/", "<html><body><a href=\"/docs\">Docs</a></body></html>")
        .page(
            "/docs",
            "<html><body><a href=\"/docs/install\">Install</a> <a href=\"/docs/api\">API</a></body></html>");
  }

  @AfterAll
  static void stopSites() {
    shop.close();
    sparse.close();
  }

  private static ValidatableResponse map(String version, String body) {
    return given()
        .auth()
        .oauth2(TOKEN)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/" + version + "/map")
        .then();
  }

  @Test
  void sitemapAndStartPageLinksOnTheSiteWithActionsDroppedAndTrackingStripped() {
    String o = shop.origin();
    List<String> expected =
        List.of(
            o + "/",
            o + "/products/boots",
            o + "/blog/winter-hiking",
            o + "/products/boots?color=red",
            o + "/products/jacket",
            o + "/about");
    map("v1", "{\"url\": \"" + o + "/\", \"origin\": \"js-sdk@1.25.1\"}")
        .statusCode(200)
        .body("success", equalTo(true))
        .body("data.links", equalTo(expected))
        .body("links", equalTo(expected))
        .body("data.droppedActionCount", equalTo(1))
        .body("data.strippedTrackingCount", equalTo(2));
  }

  @Test
  void searchAndLimitNarrowTheList() {
    String o = shop.origin();
    map("v1", "{\"url\": \"" + o + "/\", \"search\": \"PRODUCTS\", \"limit\": 2}")
        .statusCode(200)
        .body(
            "data.links", equalTo(List.of(o + "/products/boots", o + "/products/boots?color=red")));
  }

  @Test
  void ignoreQueryParametersDropsQueryStrings() {
    String o = shop.origin();
    map("v1", "{\"url\": \"" + o + "/\", \"ignoreQueryParameters\": true, \"search\": \"boots\"}")
        .statusCode(200)
        .body("data.links", equalTo(List.of(o + "/products/boots")));
  }

  @Test
  void v2GivesLinkObjectsWithWhatIsKnownAboutThemAndIgnoresQueriesByDefault() {
    String o = shop.origin();
    map("v2", "{\"url\": \"" + o + "/\", \"limit\": 3, \"origin\": \"js-sdk@4.42.0\"}")
        .statusCode(200)
        .body("success", equalTo(true))
        .body("links.size()", equalTo(3))
        .body("links[0].url", equalTo(o + "/"))
        .body("links[0].title", equalTo("Northpeak shop"))
        .body("links[0].description", equalTo("Boots and jackets"))
        .body("links[1].url", equalTo(o + "/products/boots"))
        .body("links[1]", not(hasKey("title")))
        .body("links[2].url", equalTo(o + "/blog/winter-hiking"))
        .body("$", not(hasKey("data")));
  }

  @Test
  void v2SitemapOnlyAndSkip() {
    String o = shop.origin();
    map("v2", "{\"url\": \"" + o + "/\", \"sitemap\": \"only\"}")
        .statusCode(200)
        .body(
            "links.url",
            equalTo(List.of(o + "/", o + "/products/boots", o + "/blog/winter-hiking")));
    map("v2", "{\"url\": \"" + o + "/\", \"sitemap\": \"skip\"}")
        .statusCode(200)
        .body(
            "links.url",
            equalTo(
                List.of(o + "/", o + "/products/jacket", o + "/blog/winter-hiking", o + "/about")));
  }

  @Test
  void aSiteWithFewLinksIsReadOneLevelDeeper() {
    String o = sparse.origin();
    map("v1", "{\"url\": \"" + o + "/\"}")
        .statusCode(200)
        .body(
            "data.links",
            equalTo(List.of(o + "/", o + "/docs", o + "/docs/install", o + "/docs/api")));
  }

  @Test
  void outOfRangeOptionsAre400s() {
    map("v1", "{\"url\": \"" + shop.origin() + "/\", \"limit\": 5001}")
        .statusCode(400)
        .body("message", containsString("'limit'"));
    map("v2", "{\"url\": \"" + shop.origin() + "/\", \"sitemap\": \"sometimes\"}")
        .statusCode(400)
        .body("message", containsString("'sitemap'"));
    map("v1", "{\"url\": \"not a url\"}").statusCode(400).body("message", containsString("'url'"));
  }

  @Test
  void aDeadHostIsA502() {
    map("v1", "{\"url\": \"http://127.0.0.1:1/\"}")
        .statusCode(502)
        .body("error", equalTo("connect"));
  }
}
