package dev.orbweaver.scrape.scrape;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orbweaver.scrape.render.RenderAction;
import dev.orbweaver.scrape.render.ScreenshotSpec;
import dev.orbweaver.scrape.render.Viewport;
import dev.orbweaver.scrape.support.Accounts;
import dev.orbweaver.scrape.support.Fixtures;
import dev.orbweaver.testing.FixtureSite;
import dev.orbweaver.testing.TestJwt;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /v1/scrape}, {@code /v2/scrape} and batch scrape with the browser: pages built by script
 * are rendered without being asked, static ones never are, and waitFor, actions, mobile and
 * screenshots render. One render pool serves the whole class (the application's own).
 */
@QuarkusTest
@QuarkusTestResource(TestJwt.class)
class RenderedScrapeTest {
  private static final String ALICE = TestJwt.user(Accounts.fresh(), 1, "lifetime");
  private static final String BOB = TestJwt.user(Accounts.fresh(), 2, "lifetime");
  private static FixtureSite site;

  @Inject ObjectMapper json;

  @BeforeAll
  static void startSite() {
    site =
        FixtureSite.on("127.0.0.1")
            .page("/built", Fixtures.text("render/pages/built-on-dom-ready.html"))
            .page("/static", Fixtures.text("site/article.html"))
            .page("/late", Fixtures.text("render/pages/late-content.html"))
            .page("/interactive", Fixtures.text("render/pages/interactive.html"))
            .page("/tall", Fixtures.text("render/pages/tall.html"))
            .page("/set-state", Fixtures.text("render/pages/set-state.html"))
            .page("/read-state", Fixtures.text("render/pages/read-state.html"))
            .page("/viewport", Fixtures.text("render/pages/viewport.html"))
            .start();
  }

  @AfterAll
  static void stopSite() {
    site.close();
  }

  private static ValidatableResponse scrape(String version, String token, String body) {
    return given()
        .auth()
        .oauth2(token)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/" + version + "/scrape")
        .then();
  }

  private static BufferedImage image(String dataUrl, String mediaType) throws Exception {
    String prefix = "data:" + mediaType + ";base64,";
    assertThat(dataUrl).startsWith(prefix);
    byte[] bytes = Base64.getDecoder().decode(dataUrl.substring(prefix.length()));
    return ImageIO.read(new ByteArrayInputStream(bytes));
  }

  @Test
  void aPageBuiltOnDomContentLoadedIsRenderedWithoutBeingAsked() {
    scrape(
            "v1",
            ALICE,
            "{\"url\": \"" + site.url("/built") + "\", \"formats\": [\"markdown\", \"rawHtml\"]}")
        .statusCode(200)
        .body("data.renderDecision", equalTo("browser"))
        .body("data.markdown", containsString("Rare fruit of the week"))
        .body("data.markdown", containsString("- Quince is in season"))
        .body("data.rawHtml", containsString("<li>Loquat is in season</li>"))
        .body("data.metadata.statusCode", equalTo(200))
        .body("data.metadata.title", equalTo("Built by script"))
        .body("$", not(hasKey("warning")));
  }

  @Test
  void aStaticPageIsLeftToHttpAndFetchedOnce() {
    long before = site.hits("/static");

    scrape("v1", ALICE, "{\"url\": \"" + site.url("/static") + "\"}")
        .statusCode(200)
        .body("data.renderDecision", equalTo("http"))
        .body("data.markdown", startsWith("# Harbour bridge reopens after repairs"));

    assertThat(site.hits("/static") - before).isEqualTo(1);
  }

  @Test
  void waitForCatchesContentThatAppearsAfter700Milliseconds() {
    scrape("v1", ALICE, "{\"url\": \"" + site.url("/late") + "\"}")
        .statusCode(200)
        .body("data.renderDecision", equalTo("browser"))
        .body("data.markdown", not(containsString("timetable")));

    scrape("v1", ALICE, "{\"url\": \"" + site.url("/late") + "\", \"waitFor\": 1200}")
        .statusCode(200)
        .body("data.renderDecision", equalTo("browser"))
        .body("data.markdown", containsString("The timetable arrived after 700 milliseconds"));
  }

  @Test
  void clickRevealsHiddenTextAndWriteTypesIntoAnInput() {
    JsonPath answer =
        scrape(
                "v1",
                ALICE,
                "{\"url\": \""
                    + site.url("/interactive")
                    + "\", \"onlyMainContent\": false, \"actions\": ["
                    + "{\"type\": \"click\", \"selector\": \"#reveal\"},"
                    + "{\"type\": \"click\", \"selector\": \"#name\"},"
                    + "{\"type\": \"write\", \"text\": \"Ada\"},"
                    + "{\"type\": \"scrape\"},"
                    + "{\"type\": \"click\", \"selector\": \"#query\"},"
                    + "{\"type\": \"press\", \"key\": \"Enter\"},"
                    + "{\"type\": \"executeJavascript\", \"script\": \"document.getElementById('name').value\"},"
                    + "{\"type\": \"screenshot\"}]}")
            .statusCode(200)
            .body("data.renderDecision", equalTo("browser"))
            .body("data.markdown", containsString("The vault code is 4711"))
            .body("data.markdown", containsString("Hello Ada"))
            .body("data.markdown", containsString("Submitted Ada"))
            .body("data.actions.scrapes.size()", equalTo(1))
            .body("data.actions.scrapes[0].url", equalTo(site.url("/interactive")))
            .body("data.actions.scrapes[0].html", containsString("Hello Ada"))
            .body("data.actions.scrapes[0].html", not(containsString("Submitted Ada")))
            .body("data.actions.javascriptReturns[0].type", equalTo("string"))
            .body("data.actions.javascriptReturns[0].value", equalTo("Ada"))
            .body("data.actions.screenshots.size()", equalTo(1))
            .body("data", not(hasKey("screenshot")))
            .extract()
            .jsonPath();
    assertThat(answer.getString("data.actions.screenshots[0]"))
        .startsWith("data:image/png;base64,");
  }

  @Test
  void v2AnswersTheActionsInFirecrawlsShape() {
    scrape(
            "v2",
            ALICE,
            "{\"url\": \""
                + site.url("/interactive")
                + "\", \"actions\": [{\"type\": \"click\", \"selector\": \"#reveal\"},"
                + "{\"type\": \"executeJavascript\", \"script\": \"[1, 2, 3].length\"}]}")
        .statusCode(200)
        .body("data.markdown", containsString("The vault code is 4711"))
        .body("data.actions.screenshots.size()", equalTo(0))
        .body("data.actions.scrapes.size()", equalTo(0))
        .body("data.actions.javascriptReturns[0].type", equalTo("number"))
        .body("data.actions.javascriptReturns[0].value", equalTo(3));
  }

  @Test
  void anActionWithNothingToActOnIsA502NamingIt() {
    scrape(
            "v1",
            ALICE,
            "{\"url\": \""
                + site.url("/interactive")
                + "\", \"actions\": [{\"type\": \"click\", \"selector\": \"#no-such-button\"}]}")
        .statusCode(502)
        .body("success", equalTo(false))
        .body("error", equalTo("action_failed"))
        .body("message", containsString("actions[0]"))
        .body("message", containsString("#no-such-button"));
  }

  @Test
  void aFullPageScreenshotIsAPngOfTheWholePage() throws Exception {
    String shot =
        scrape(
                "v1",
                ALICE,
                "{\"url\": \""
                    + site.url("/tall")
                    + "\", \"formats\": [\"markdown\", \"screenshot@fullPage\"]}")
            .statusCode(200)
            .body("data.renderDecision", equalTo("browser"))
            .body("data.markdown", containsString("A tall column"))
            .extract()
            .path("data.screenshot");

    BufferedImage image = image(shot, "image/png");
    assertThat(image.getWidth()).isEqualTo(Viewport.DESKTOP.width());
    assertThat(image.getHeight()).isEqualTo(3000);
  }

  @Test
  void v2ScreenshotsTakeTheirViewportAndQuality() throws Exception {
    String shot =
        scrape(
                "v2",
                ALICE,
                "{\"url\": \""
                    + site.url("/tall")
                    + "\", \"formats\": [{\"type\": \"screenshot\", \"quality\": 60,"
                    + " \"viewport\": {\"width\": 640, \"height\": 480}}]}")
            .statusCode(200)
            .body("data", not(hasKey("markdown")))
            .extract()
            .path("data.screenshot");

    BufferedImage image = image(shot, "image/jpeg");
    assertThat(image.getWidth()).isEqualTo(640);
    assertThat(image.getHeight()).isEqualTo(480);
  }

  @Test
  void mobileRendersInAPhonesViewport() {
    scrape("v1", ALICE, "{\"url\": \"" + site.url("/viewport") + "\", \"mobile\": true}")
        .statusCode(200)
        .body("data.renderDecision", equalTo("browser"))
        .body("data.markdown", containsString("The window is 390 pixels wide with 5 touch points"));
    scrape("v1", ALICE, "{\"url\": \"" + site.url("/viewport") + "\"}")
        .statusCode(200)
        .body(
            "data.markdown", containsString("The window is 1280 pixels wide with 0 touch points"));
  }

  @Test
  void whatOneAccountsRenderSetsIsInvisibleToTheNextRender() {
    scrape(
            "v1",
            ALICE,
            "{\"url\": \"" + site.url("/set-state") + "\", \"formats\": [\"plainText\"]}")
        .statusCode(200)
        .body("data.renderDecision", equalTo("browser"))
        .body("data.plainText", containsString("cookie=[tenant=alice] storage=[alice]"));

    scrape(
            "v1",
            BOB,
            "{\"url\": \""
                + site.url("/read-state")
                + "\", \"formats\": [\"plainText\"], \"waitFor\": 300}")
        .statusCode(200)
        .body("data.plainText", containsString("cookie=[] storage=[] session=[]"))
        .body("data.plainText", containsString("databases=[]"));
  }

  @Test
  void aBatchScrapeRendersItsPagesWithTheJobsActions() {
    String id =
        given()
            .auth()
            .oauth2(BOB)
            .contentType(ContentType.JSON)
            .body(
                "{\"urls\": [\""
                    + site.url("/interactive")
                    + "\", \""
                    + site.url("/static")
                    + "\"], \"formats\": [\"markdown\"], \"onlyMainContent\": false,"
                    + " \"actions\": [{\"type\": \"executeJavascript\", \"script\": \"document.title\"}]}")
            .post("/v1/batch/scrape")
            .then()
            .statusCode(200)
            .extract()
            .path("id");
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                "completed"
                    .equals(
                        given()
                            .auth()
                            .oauth2(BOB)
                            .get("/v1/batch/scrape/" + id)
                            .then()
                            .extract()
                            .path("status")));
    JsonPath status =
        given()
            .auth()
            .oauth2(BOB)
            .queryParam("skip", 0)
            .get("/v1/batch/scrape/" + id)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();

    List<Map<String, Object>> documents = status.getList("data");
    assertThat(documents).hasSize(2);
    assertThat(documents).extracting(d -> d.get("renderDecision")).containsOnly("browser");
    assertThat(status.getList("data.actions.javascriptReturns.value.flatten()", String.class))
        .containsExactlyInAnyOrder(
            "Interactive", "Harbour bridge reopens after repairs | Coastal Times");
  }

  @Test
  void aStoredScrapeKeepsEveryBrowserOption() throws Exception {
    ScrapeSpec spec =
        ScrapeSpec.markdown()
            .withBrowser(
                new BrowserOptions(
                    Duration.ofMillis(250),
                    List.of(
                        new RenderAction.Wait(Duration.ofMillis(100), null),
                        new RenderAction.Wait(null, "#late"),
                        new RenderAction.Click("#more", true),
                        new RenderAction.Write("Ada"),
                        new RenderAction.Press("Enter"),
                        new RenderAction.Scroll(false, "#list"),
                        new RenderAction.TakeScreenshot(
                            new ScreenshotSpec(true, 80, new Viewport(800, 600))),
                        new RenderAction.Scrape(),
                        new RenderAction.ExecuteJavascript("document.title")),
                    ScreenshotSpec.FULL_PAGE_PNG,
                    true));

    ScrapeSpec read = json.readValue(json.writeValueAsString(spec), ScrapeSpec.class);

    assertThat(read).isEqualTo(spec);
    assertThat(read.formats()).isEqualTo(Set.of(Format.MARKDOWN));
  }
}
