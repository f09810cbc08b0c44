package dev.orbweaver.scrape.api.v2;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.orbweaver.scrape.support.Accounts;
import dev.orbweaver.scrape.support.Fixtures;
import dev.orbweaver.testing.FixtureSite;
import dev.orbweaver.testing.TestJwt;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code POST /v2/scrape} as the Firecrawl v2 SDK calls it, no LLM configured. */
@QuarkusTest
@QuarkusTestResource(TestJwt.class)
class ScrapeV2Test {
  // Fresh accounts each run: snapshots persist in the test database between runs.
  private static final String ALICE = TestJwt.user(Accounts.fresh(), 1, "lifetime");
  private static final String BOB = TestJwt.user(Accounts.fresh(), 1, "lifetime");
  private static FixtureSite site;

  @BeforeAll
  static void startSite() {
    site =
        FixtureSite.on("127.0.0.1")
            .page("/news/bridge", Fixtures.text("site/article.html"))
            .page("/shop/trailrunner", Fixtures.text("site/product.html"))
            .page(
                "/pricing",
                "<html><body><h1>Pricing</h1><p>Starter $19</p><p>Pro $49</p></body></html>")
            .start();
  }

  @AfterAll
  static void stopSite() {
    site.close();
  }

  private static ValidatableResponse scrape(String token, String body) {
    return given()
        .auth()
        .oauth2(token)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/v2/scrape")
        .then();
  }

  @Test
  void theSdksDefaultCallGivesMarkdownAndMetadata() {
    scrape(
            ALICE,
            "{\"url\": \""
                + site.url("/news/bridge")
                + "\", \"formats\": [\"markdown\", \"links\"], \"origin\": \"js-sdk@4.42.0\","
                + " \"maxAge\": 172800000, \"storeInCache\": true}")
        .statusCode(200)
        .body("success", equalTo(true))
        .body("data.markdown", startsWith("# Harbour bridge reopens after repairs"))
        .body("data.links.size()", equalTo(6))
        .body("data.metadata.sourceURL", equalTo(site.url("/news/bridge")))
        .body("data.metadata.statusCode", equalTo(200))
        .body("data.metadata.ogSiteName", equalTo("Coastal Times"))
        .body("data", not(hasKey("warning")))
        .body("data", not(hasKey("renderDecision")));
  }

  @Test
  void theJsonFormatIsAnObjectWithItsSchema() {
    scrape(
            ALICE,
            "{\"url\": \""
                + site.url("/shop/trailrunner")
                + "\", \"formats\": [{\"type\": \"json\", \"schema\": {\"type\": \"object\", \"properties\":"
                + " {\"name\": {\"type\": \"string\"}, \"currency\": {\"type\": \"string\"}}}}]}")
        .statusCode(200)
        .body("data.json.name", equalTo("Trailrunner 3"))
        .body("data.json.currency", equalTo("EUR"))
        .body("data.warning", containsString("No LLM is configured"));
  }

  @Test
  void formatsOnlyFirecrawlsCloudHasAreAcceptedWithAWarningAndUnknownOnesAre400s() {
    scrape(
            ALICE,
            "{\"url\": \""
                + site.url("/news/bridge")
                + "\", \"formats\": [\"markdown\", {\"type\": \"branding\"}]}")
        .statusCode(200)
        .body("data.warning", containsString("branding format is not available"));
    scrape(
            ALICE,
            "{\"url\": \""
                + site.url("/news/bridge")
                + "\", \"formats\": [{\"type\": \"screenshot\", \"viewport\": {\"width\": 800, \"height\": 4321}}]}")
        .statusCode(400)
        .body("message", containsString("'formats[0].viewport.height'"));
    scrape(
            ALICE,
            "{\"url\": \""
                + site.url("/news/bridge")
                + "\", \"formats\": [\"screenshot\", {\"type\": \"screenshot\", \"fullPage\": true}]}")
        .statusCode(400)
        .body("message", containsString("'formats[1]'"));
    scrape(ALICE, "{\"url\": \"" + site.url("/") + "\", \"formats\": [\"json\"]}")
        .statusCode(400)
        .body("message", containsString("'formats[0]'"));
    scrape(ALICE, "{\"url\": \"" + site.url("/") + "\", \"formats\": [\"markdown\", \"epub\"]}")
        .statusCode(400)
        .body("message", containsString("'formats[1]'"));
    scrape(
            ALICE,
            "{\"url\": \""
                + site.url("/")
                + "\", \"formats\": [{\"type\": \"changeTracking\", \"modes\": [\"words\"]}]}")
        .statusCode(400)
        .body("message", containsString("'formats[0].modes[0]'"));
  }

  @Test
  void changeTrackingComparesWithTheAccountsPreviousScrapeOfTheUrl() {
    String body =
        "{\"url\": \""
            + site.url("/pricing")
            + "\", \"formats\": [\"markdown\", {\"type\": \"changeTracking\", \"modes\": [\"git-diff\"], \"tag\": \"v2test\"}]}";
    scrape(ALICE, body)
        .statusCode(200)
        .body("data.changeTracking.changeStatus", equalTo("new"))
        .body("data.changeTracking.previousScrapeAt", nullValue())
        .body("data.changeTracking.visibility", equalTo("visible"));
    scrape(ALICE, body)
        .statusCode(200)
        .body("data.changeTracking.changeStatus", equalTo("same"))
        .body("data.changeTracking.previousScrapeAt", notNullValue())
        .body("data.changeTracking", not(hasKey("diff")));

    site.page(
        "/pricing", "<html><body><h1>Pricing</h1><p>Starter $24</p><p>Pro $49</p></body></html>");
    scrape(ALICE, body)
        .statusCode(200)
        .body("data.changeTracking.changeStatus", equalTo("changed"))
        .body("data.changeTracking.diff.text", containsString("-Starter $19\n+Starter $24\n"))
        .body("data.changeTracking.diff.json.files[0].additions", equalTo(1));
    // Another account has never seen the page: its first scrape is new.
    scrape(BOB, body).statusCode(200).body("data.changeTracking.changeStatus", equalTo("new"));
  }

  @Test
  void jsonModeChangeTrackingReportsFieldsThatChanged() {
    String body =
        "{\"url\": \""
            + site.url("/shop/trailrunner")
            + "\", \"formats\": [{\"type\": \"changeTracking\", \"modes\": [\"json\"], \"tag\": \"price\","
            + " \"schema\": {\"type\": \"object\", \"properties\": {\"price\": {\"type\": \"number\"}}}}]}";
    scrape(ALICE, body).statusCode(200).body("data.changeTracking.changeStatus", equalTo("new"));
    site.page(
        "/shop/trailrunner",
        Fixtures.text("site/product.html").replace("\"129.00\"", "\"119.00\""));
    try {
      scrape(ALICE, body)
          .statusCode(200)
          .body("data.changeTracking.changeStatus", equalTo("changed"))
          .body("data.changeTracking.json.price.previous", equalTo(129.0f))
          .body("data.changeTracking.json.price.current", equalTo(119.0f));
    } finally {
      site.page("/shop/trailrunner", Fixtures.text("site/product.html"));
    }
  }
}
