package dev.orbweaver.scrape.search;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import dev.orbweaver.scrape.support.FakeSearxng;
import dev.orbweaver.scrape.support.FakeSearxng.Doc;
import dev.orbweaver.scrape.support.Fixtures;
import dev.orbweaver.scrape.support.WithFakeSearxng;
import dev.orbweaver.testing.FixtureSite;
import dev.orbweaver.testing.TestJwt;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Web search through a SearXNG instance (a fake speaking its JSON API on loopback). */
@QuarkusTest
@TestProfile(WithFakeSearxng.class)
@QuarkusTestResource(TestJwt.class)
class WebSearchTest {
  private static final String TOKEN = TestJwt.user(1001, 1, "lifetime");
  private static FixtureSite site;

  @BeforeAll
  static void startSite() {
    site =
        FixtureSite.on("127.0.0.1")
            .page("/news/bridge", Fixtures.text("site/article.html"))
            .page("/shop/trailrunner", Fixtures.text("site/product.html"))
            .start();
  }

  @AfterAll
  static void stopSite() {
    site.close();
  }

  @BeforeEach
  void corpus() {
    FakeSearxng searxng = FakeSearxng.get();
    searxng.reset();
    searxng
        .add(
            new Doc(
                "general",
                site.url("/news/bridge"),
                "Harbour bridge reopens",
                "The bridge reopened after repairs.",
                null,
                null))
        .add(
            new Doc(
                "general",
                site.url("/shop/trailrunner"),
                "Trailrunner 3 bridge shoe",
                "A bridge between road and trail.",
                null,
                null))
        .add(
            new Doc(
                "general",
                "https://example.org/bridges",
                "Famous bridges",
                "A list of bridges.",
                null,
                null))
        .add(
            new Doc(
                "general",
                "https://docs.example.com/bridge",
                "Bridge API",
                "The bridge module.",
                null,
                null))
        .add(
            new Doc(
                "general",
                "https://blog.example.com/bridge-tips",
                "Bridge tips",
                "Bridge tips for players.",
                null,
                null))
        .add(
            new Doc(
                "news",
                "https://news.example/bridge",
                "Bridge reopens, traffic returns",
                "Traffic is back on the bridge.",
                "https://news.example/b.jpg",
                "2026-03-02T09:00:00"))
        .add(
            new Doc(
                "images",
                "https://photos.example/bridge",
                "Bridge at dusk",
                "",
                "https://photos.example/bridge.jpg",
                null));
  }

  private static ValidatableResponse search(String version, String body) {
    return given()
        .auth()
        .oauth2(TOKEN)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/" + version + "/search")
        .then();
  }

  @Test
  void v1GivesAFlatListWithSnippetAndDescriptionReadingSearxngPagesUpToTheLimit() {
    search("v1", "{\"query\": \"bridge\", \"limit\": 4, \"lang\": \"en\", \"tbs\": \"qdr:w\"}")
        .statusCode(200)
        .body("success", equalTo(true))
        .body("data.size()", equalTo(4))
        .body("data[0].url", equalTo(site.url("/news/bridge")))
        .body("data[0].title", equalTo("Harbour bridge reopens"))
        .body("data[0].snippet", equalTo("The bridge reopened after repairs."))
        .body("data[0].description", equalTo("The bridge reopened after repairs."))
        .body("data[0].position", equalTo(1))
        .body("data[0].category", equalTo("general"))
        .body("data[3].url", equalTo("https://docs.example.com/bridge"))
        .body("data[3].position", equalTo(4))
        .body("data[0]", not(hasKey("markdown")));
    List<Map<String, String>> asked = FakeSearxng.get().queries();
    assertThat(asked).hasSize(2);
    assertThat(asked.get(0))
        .containsEntry("q", "bridge")
        .containsEntry("format", "json")
        .containsEntry("categories", "general")
        .containsEntry("language", "en")
        .containsEntry("time_range", "week")
        .containsEntry("pageno", "1");
    assertThat(asked.get(1)).containsEntry("pageno", "2");
  }

  @Test
  void theV1SdksDefaultsMeanNoScraping() {
    search(
            "v1",
            "{\"query\": \"bridge\", \"limit\": 5, \"lang\": \"en\", \"country\": \"us\", \"timeout\": 60000,"
                + " \"scrapeOptions\": {\"formats\": []}, \"origin\": \"js-sdk@1.25.1\"}")
        .statusCode(200)
        .body("data.size()", equalTo(5))
        .body("data[0]", not(hasKey("markdown")));
  }

  @Test
  void resultsAreScrapedWhenScrapeOptionsAskForFormats() {
    search(
            "v1",
            "{\"query\": \"bridge\", \"limit\": 2, \"scrapeOptions\": {\"formats\": [\"markdown\", \"links\"],"
                + " \"onlyMainContent\": true}}")
        .statusCode(200)
        .body("data[0].markdown", startsWith("# Harbour bridge reopens after repairs"))
        .body("data[0].metadata.sourceURL", equalTo(site.url("/news/bridge")))
        .body("data[0].links.size()", equalTo(6))
        .body("data[1].markdown", startsWith("# Trailrunner 3"));
  }

  @Test
  void aResultThatCannotBeScrapedKeepsItsSnippetAndNamesTheError() {
    search(
            "v1",
            "{\"query\": \"famous bridges\", \"scrapeOptions\": {\"formats\": [\"markdown\"], \"timeout\": 2000}}")
        .statusCode(200)
        .body("data.size()", equalTo(1))
        .body("data[0].title", equalTo("Famous bridges"))
        .body("data[0].error", containsString("example.org"))
        .body("warning", equalTo("1 of 1 results could not be scraped."));
  }

  @Test
  void v2GroupsResultsBySource() {
    search(
            "v2",
            "{\"query\": \"bridge\", \"limit\": 2, \"sources\": [\"web\", {\"type\": \"news\"}, \"images\"],"
                + " \"origin\": \"js-sdk@4.42.0\"}")
        .statusCode(200)
        .body("data.web.size()", equalTo(2))
        .body("data.web[0].url", equalTo(site.url("/news/bridge")))
        .body("data.web[0].description", equalTo("The bridge reopened after repairs."))
        .body("data.news.size()", equalTo(1))
        .body("data.news[0].snippet", equalTo("Traffic is back on the bridge."))
        .body("data.news[0].date", equalTo("2026-03-02T09:00:00Z"))
        .body("data.news[0].imageUrl", equalTo("https://news.example/b.jpg"))
        .body("data.images[0].imageUrl", equalTo("https://photos.example/bridge.jpg"))
        .body("data.images[0].imageWidth", equalTo(800))
        .body("data.images[0].imageHeight", equalTo(600));
  }

  @Test
  void v2ScrapedWebResultsAreDocuments() {
    search("v2", "{\"query\": \"trailrunner\", \"scrapeOptions\": {\"formats\": [\"markdown\"]}}")
        .statusCode(200)
        .body("data.web[0].title", equalTo("Trailrunner 3 bridge shoe"))
        .body("data.web[0].markdown", startsWith("# Trailrunner 3"))
        .body("data.web[0].metadata.statusCode", equalTo(200));
  }

  @Test
  void domainFiltersAndCategoriesShapeTheQuery() {
    search(
            "v2",
            "{\"query\": \"bridge\", \"includeDomains\": [\"example.com\"], \"categories\": [\"github\"]}")
        .statusCode(200)
        .body(
            "data.web.url",
            equalTo(
                List.of(
                    "https://docs.example.com/bridge", "https://blog.example.com/bridge-tips")));
    assertThat(FakeSearxng.get().queries().get(0))
        .containsEntry("q", "bridge site:github.com")
        .containsEntry("categories", "general");
  }

  @Test
  void badRequestsAre400sNamingTheField() {
    search("v1", "{\"query\": \"\"}").statusCode(400).body("message", containsString("'query'"));
    search("v1", "{\"query\": \"x\", \"limit\": 21}")
        .statusCode(400)
        .body("message", containsString("'limit'"));
    search("v1", "{\"query\": \"x\", \"tbs\": \"qdr:x\"}")
        .statusCode(400)
        .body("message", containsString("'tbs'"));
    search("v1", "{\"query\": \"x\", \"sources\": [\"videos\"]}")
        .statusCode(400)
        .body("message", containsString("'sources[0]'"));
    search("v2", "{\"query\": \"x\", \"limit\": 101}")
        .statusCode(400)
        .body("message", containsString("'limit'"));
    search("v2", "{\"query\": \"x\", \"sources\": [42]}")
        .statusCode(400)
        .body("message", containsString("'sources[0]'"));
  }
}
