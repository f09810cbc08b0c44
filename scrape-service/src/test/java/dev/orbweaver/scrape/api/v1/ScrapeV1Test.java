package dev.orbweaver.scrape.api.v1;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import dev.orbweaver.scrape.support.Fixtures;
import dev.orbweaver.testing.FixtureSite;
import dev.orbweaver.testing.TestJwt;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code POST /v1/scrape} against a fixture site on loopback, no LLM configured. */
@QuarkusTest
@QuarkusTestResource(TestJwt.class)
class ScrapeV1Test {
  private static final String TOKEN = TestJwt.user(601, 3, "lifetime");
  private static FixtureSite site;

  @BeforeAll
  static void startSite() {
    site =
        FixtureSite.on("127.0.0.1")
            .page("/news/bridge", Fixtures.text("site/article.html"))
            .page("/shop/trailrunner", Fixtures.text("site/product.html"))
            .text("/robots.txt", "text/plain", Fixtures.text("site/robots.txt"))
            .page("/private/secret", "<html><body>secret</body></html>")
            .text("/notes.txt", "text/plain; charset=utf-8", "Plain notes.\nSecond line.")
            .file("/report.pdf", "application/pdf", new byte[] {'%', 'P', 'D', 'F', '-', '1'})
            .status(
                "/gone",
                404,
                "<html><head><title>Not here</title></head><body><h1>Gone</h1></body></html>")
            .redirect("/old", 301, "/news/bridge")
            .slow("/slow", Duration.ofSeconds(3), "<html><body>late</body></html>")
            .start();
  }

  @AfterAll
  static void stopSite() {
    site.close();
  }

  private static ValidatableResponse scrape(String body) {
    return given()
        .auth()
        .oauth2(TOKEN)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/v1/scrape")
        .then();
  }

  @Test
  void markdownOfTheMainContentWithTheMetadataByDefault() {
    scrape("{\"url\": \"" + site.url("/news/bridge") + "\", \"origin\": \"js-sdk@1.25.1\"}")
        .statusCode(200)
        .body("success", equalTo(true))
        .body(
            "data.markdown",
            startsWith("# Harbour bridge reopens after repairs\n\nThe harbour bridge reopened"))
        .body("data.markdown", containsString("- A new cycle lane on the eastern side"))
        .body(
            "data.markdown",
            containsString("[engineering report](" + site.url("/reports/bridge-2026.pdf") + ")"))
        .body("data.markdown", not(containsString("Sport")))
        .body("data.markdown", not(containsString("Privacy")))
        .body("data", not(hasKey("html")))
        .body("data", not(hasKey("links")))
        .body(
            "data.metadata.title", equalTo("Harbour bridge reopens after repairs | Coastal Times"))
        .body("data.metadata.description", startsWith("The harbour bridge reopened on Monday"))
        .body("data.metadata.language", equalTo("en"))
        .body("data.metadata.keywords", equalTo("bridge, harbour, traffic"))
        .body("data.metadata.author", equalTo("Ada Lindqvist"))
        .body("data.metadata.ogTitle", equalTo("Harbour bridge reopens"))
        .body("data.metadata.ogSiteName", equalTo("Coastal Times"))
        .body("data.metadata.'twitter:card'", equalTo("summary_large_image"))
        .body("data.metadata.robots", equalTo("index, follow"))
        .body("data.metadata.sourceURL", equalTo(site.url("/news/bridge")))
        .body("data.metadata.url", equalTo(site.url("/news/bridge")))
        .body("data.metadata.statusCode", equalTo(200))
        .body("data.metadata.contentType", equalTo("text/html; charset=utf-8"))
        .body("data.renderDecision", equalTo("http"))
        .body("$", not(hasKey("warning")));
  }

  @Test
  void everyTextFormatAndTheWholePageWhenAskedFor() {
    scrape(
            "{\"url\": \""
                + site.url("/news/bridge")
                + "\", \"formats\": [\"markdown\", \"html\", \"rawHtml\", \"plainText\", \"links\"],"
                + " \"onlyMainContent\": false}")
        .statusCode(200)
        .body("data.markdown", containsString("[Sport](" + site.url("/sport") + ")"))
        .body("data.html", containsString("<nav>"))
        .body("data.html", not(containsString("application/ld+json")))
        .body("data.rawHtml", equalTo(Fixtures.text("site/article.html")))
        .body(
            "data.plainText", containsString("Engineers replaced 140 metres of the deck surface."))
        .body("data.plainText", not(containsString("**")))
        .body("data.links", hasItem(site.url("/privacy")))
        .body("data.links", hasItem("https://council.example/notice?utm_source=times"))
        .body("data.links.size()", equalTo(6));
  }

  @Test
  void includeAndExcludeTagsPickThePartsOfThePage() {
    scrape(
            "{\"url\": \""
                + site.url("/news/bridge")
                + "\", \"includeTags\": [\"article\"], \"excludeTags\": [\"ul\"], \"onlyMainContent\": false}")
        .statusCode(200)
        .body("data.markdown", startsWith("# Harbour bridge reopens after repairs"))
        .body("data.markdown", not(containsString("cycle lane")))
        .body("data.markdown", not(containsString("Home")));
  }

  @Test
  void anErrorPageIsAResultWithItsStatus() {
    scrape("{\"url\": \"" + site.url("/gone") + "\"}")
        .statusCode(200)
        .body("data.metadata.statusCode", equalTo(404))
        .body("data.metadata.title", equalTo("Not here"));
  }

  @Test
  void redirectsAreFollowedAndTheFinalUrlReported() {
    scrape("{\"url\": \"" + site.url("/old") + "\"}")
        .statusCode(200)
        .body("data.metadata.sourceURL", equalTo(site.url("/old")))
        .body("data.metadata.url", equalTo(site.url("/news/bridge")));
  }

  @Test
  void textIsPassedThroughAndBinaryContentIsNamedInAWarning() {
    scrape("{\"url\": \"" + site.url("/notes.txt") + "\"}")
        .statusCode(200)
        .body("data.markdown", equalTo("Plain notes.\nSecond line."));
    scrape("{\"url\": \"" + site.url("/report.pdf") + "\"}")
        .statusCode(200)
        .body("data.markdown", equalTo(""))
        .body("warning", containsString("application/pdf, which is not parsed"))
        .body("data.warnings[0]", containsString("application/pdf"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "\"waitFor\": 60001 | 'waitFor' | at most 60000 ms",
        "\"waitFor\": -1 | 'waitFor' | must not be negative",
        "\"waitFor\": 16000 | 'waitFor' | half of the timeout (30000 ms)",
        "\"waitFor\": 3000, \"timeout\": 5000 | 'waitFor' | half of the timeout (5000 ms)",
        "\"mobile\": true, \"timeout\": 999 | 'timeout' | at least 1000 ms when the page is rendered",
        "\"formats\": [\"screenshot\", \"screenshot@fullPage\"] | 'formats[1]' | either screenshot",
        "\"actions\": \"click\" | 'actions' | must be an array",
        "\"actions\": [7] | 'actions[0]' | must be an object",
        "\"actions\": [{\"type\": \"hover\"}] | 'actions[0].type' | must be one of wait, click",
        "\"actions\": [{\"type\": \"pdf\"}] | 'actions[0].type' | not supported",
        "\"actions\": [{\"type\": \"wait\", \"milliseconds\": 5, \"selector\": \"#a\"}] | 'actions[0]' | not both",
        "\"actions\": [{\"type\": \"wait\", \"milliseconds\": 0}] | 'actions[0].milliseconds' | must be positive",
        "\"actions\": [{\"type\": \"wait\", \"milliseconds\": 1.5}] | 'actions[0].milliseconds' | whole number",
        "\"waitFor\": 1000, \"actions\": [{\"type\": \"wait\", \"milliseconds\": 59500}] | 'actions' | at most 60 seconds",
        "\"actions\": [{\"type\": \"click\"}] | 'actions[0].selector' | Missing required field",
        "\"actions\": [{\"type\": \"click\", \"selector\": \"#a\", \"all\": \"yes\"}] | 'actions[0].all' | true or false",
        "\"actions\": [{\"type\": \"write\", \"text\": 12}] | 'actions[0].text' | must be a string",
        "\"actions\": [{\"type\": \"press\", \"key\": \"Hyperdrive\"}] | 'actions[0].key' | key name",
        "\"actions\": [{\"type\": \"scroll\", \"direction\": \"sideways\"}] | 'actions[0].direction' | up or down",
        "\"actions\": [{\"type\": \"screenshot\", \"quality\": 101}] | 'actions[0].quality' | between 1 and 100",
        "\"actions\": [{\"type\": \"screenshot\", \"viewport\": {\"width\": 7681, \"height\": 10}}] | 'actions[0].viewport.width' | between 1 and 7680",
        "\"actions\": [{\"type\": \"executeJavascript\"}] | 'actions[0].script' | Missing required field"
      })
  void browserOptionsOutsideFirecrawlsLimitsAre400sNamingTheField(
      String options, String field, String problem) {
    scrape("{\"url\": \"" + site.url("/news/bridge") + "\", " + options + "}")
        .statusCode(400)
        .body("success", equalTo(false))
        .body("error", equalTo("bad_request"))
        .body("message", containsString(field))
        .body("message", containsString(problem));
  }

  @Test
  void moreThanFiftyActionsAreA400() {
    String actions = String.join(", ", java.util.Collections.nCopies(51, "{\"type\": \"scrape\"}"));
    scrape("{\"url\": \"" + site.url("/news/bridge") + "\", \"actions\": [" + actions + "]}")
        .statusCode(400)
        .body("message", containsString("'actions'"))
        .body("message", containsString("at most 50 actions"));
  }

  @Test
  void aHostThatDoesNotResolveIsA502WithTheDnsCode() {
    scrape("{\"url\": \"http://no-such-host.invalid/\"}")
        .statusCode(502)
        .body("success", equalTo(false))
        .body("error", equalTo("dns"))
        .body("message", containsString("no-such-host.invalid"));
  }

  @Test
  void aRefusedConnectionIsA502WithTheConnectCode() {
    scrape("{\"url\": \"http://127.0.0.1:1/\"}").statusCode(502).body("error", equalTo("connect"));
  }

  @Test
  void aSlowPageBeyondTheTimeoutIsA502WithTheTimeoutCode() {
    scrape("{\"url\": \"" + site.url("/slow") + "\", \"timeout\": 500}")
        .statusCode(502)
        .body("error", equalTo("timeout"));
  }

  @Test
  void robotsTxtIsObeyed() {
    scrape("{\"url\": \"" + site.url("/private/secret") + "\"}")
        .statusCode(403)
        .body("error", equalTo("blocked_by_robots"));
  }

  @Test
  void privateAndMetadataAddressesAreRefused() {
    scrape("{\"url\": \"http://10.1.2.3/\"}")
        .statusCode(403)
        .body("error", equalTo("blocked_private_address"));
    scrape("{\"url\": \"http://169.254.169.254/latest/meta-data/\"}")
        .statusCode(403)
        .body("error", equalTo("blocked_private_address"));
  }

  @Test
  void badRequestsAre400sNamingTheField() {
    scrape("{\"formats\": [\"markdown\"]}")
        .statusCode(400)
        .body("message", containsString("'url'"));
    scrape("{\"url\": \"ftp://example.com/\"}")
        .statusCode(400)
        .body("message", containsString("'url'"));
    scrape("{\"url\": \"" + site.url("/") + "\", \"formats\": [\"markdown\", \"pdf\"]}")
        .statusCode(400)
        .body("message", containsString("'formats[1]'"));
    scrape("{\"url\": \"" + site.url("/") + "\", \"timeout\": 0}")
        .statusCode(400)
        .body("message", containsString("'timeout'"));
    scrape("{\"url\": \"" + site.url("/") + "\", \"onlyMainContent\": \"yes\"}")
        .statusCode(400)
        .body("message", containsString("'onlyMainContent'"));
    scrape("{\"url\": \"" + site.url("/") + "\", \"timeout\": \"5000\"}")
        .statusCode(400)
        .body("message", containsString("'timeout'"));
    scrape("{\"url\": \"" + site.url("/news/bridge") + "\", \"includeTags\": [\"div[\"]}")
        .statusCode(400)
        .body("message", containsString("'includeTags'"));
    scrape("{\"url\": \"" + site.url("/") + "\", \"formats\": [\"json\"]}")
        .statusCode(400)
        .body("message", containsString("'jsonOptions'"));
    scrape(
            "{\"url\": \""
                + site.url("/")
                + "\", \"formats\": [\"json\"], \"jsonOptions\": {\"schema\": {\"type\": \"thing\"}}}")
        .statusCode(400)
        .body("message", containsString("'jsonOptions.schema'"));
    scrape("{\"url\": \"" + site.url("/") + "\", \"llmProvider\": \"acme\"}")
        .statusCode(400)
        .body("message", containsString("'llmProvider'"));
  }

  @Test
  void theJsonFormatWithoutAnLlmFillsWhatThePageDataSupportsAndSaysWhatItCouldNot() {
    scrape(
            "{\"url\": \""
                + site.url("/shop/trailrunner")
                + "\", \"formats\": [\"json\"], \"jsonOptions\": {\"schema\": {\"type\": \"object\","
                + " \"properties\": {\"name\": {\"type\": \"string\"}, \"price\": {\"type\": \"number\"},"
                + " \"sku\": {\"type\": \"string\"}, \"warranty\": {\"type\": \"string\"}}}}}")
        .statusCode(200)
        .body("data.json.name", equalTo("Trailrunner 3"))
        .body("data.json.price", equalTo(129.0f))
        .body("data.json.sku", equalTo("TR3-42"))
        .body("data.json.warranty", equalTo(null))
        .body("data.unfilledFields", equalTo(java.util.List.of("warranty")))
        .body("warning", containsString("could not fill: warranty"))
        .body("data", not(hasKey("markdown")));
  }

  @Test
  void theSummaryWithoutAnLlmIsTheDescriptionAndLeadingSentences() {
    scrape("{\"url\": \"" + site.url("/news/bridge") + "\", \"formats\": [\"summary\"]}")
        .statusCode(200)
        .body(
            "data.summary",
            startsWith(
                "The harbour bridge reopened on Monday after six weeks of repairs to its deck. The"
                    + " harbour bridge reopened to traffic on Monday morning"))
        .body("warning", containsString("the summary is the page's description"));
  }

  @Test
  void theChangeTrackingFormatDiffsAgainstTheCallersSnapshot() {
    scrape(
            "{\"url\": \""
                + site.url("/notes.txt")
                + "\", \"formats\": [\"markdown\", \"changeTracking\"],"
                + " \"changeTracking\": {\"previous\": {\"markdown\": \"Plain notes.\\nFirst line.\"}, \"tag\": \"n\"}}")
        .statusCode(200)
        .body("data.changeTracking.status", equalTo("changed"))
        .body("data.changeTracking.tag", equalTo("n"))
        .body("data.changeTracking.diff.text", containsString("-First line.\n+Second line.\n"))
        .body("data.changeTracking.snapshot.capturedAt", not(equalTo(null)));
  }
}
