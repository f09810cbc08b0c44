package dev.orbweaver.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import dev.orbweaver.testing.FixtureSite;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * JavaScript rendering through the gateway, on the platform {@code ./orbweaver up} started (one
 * scrape-service in the {@code all} role, its browser pool in-process): the automatic decision,
 * waitFor, click and write, a full-page screenshot, and renders that share nothing across accounts.
 * The pages are scrape-service's render fixtures.
 */
@ExtendWith(PlatformExtension.class)
class RenderIT {
  private static FixtureSite site;

  @BeforeAll
  static void startSite() {
    Path pages =
        Path.of(System.getProperty("orbweaver.root", ".."))
            .resolve("scrape-service/src/test/resources");
    site =
        FixtureSite.on("127.0.0.70")
            .page("/built", read(pages, "render/pages/built-on-dom-ready.html"))
            .page("/static", read(pages, "site/article.html"))
            .page("/late", read(pages, "render/pages/late-content.html"))
            .page("/interactive", read(pages, "render/pages/interactive.html"))
            .page("/tall", read(pages, "render/pages/tall.html"))
            .page("/set-state", read(pages, "render/pages/set-state.html"))
            .page("/read-state", read(pages, "render/pages/read-state.html"))
            .start();
  }

  @AfterAll
  static void stopSite() {
    site.close();
  }

  private static String read(Path dir, String name) {
    try {
      return Files.readString(dir.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ValidatableResponse scrape(
      Platform platform, String key, String version, String body) {
    return Gateway.as(platform, key)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/" + version + "/scrape")
        .then();
  }

  @Test
  void aPageBuiltByScriptIsRenderedUnaskedAndAStaticOneIsNot(Platform platform) {
    String key = platform.firstKey();
    scrape(platform, key, "v1", "{\"url\": \"" + site.url("/built") + "\"}")
        .statusCode(200)
        .body("data.renderDecision", equalTo("browser"))
        .body("data.markdown", containsString("Rare fruit of the week"))
        .body("data.markdown", containsString("- Medlar is in season"));

    long before = site.hits("/static");
    scrape(platform, key, "v1", "{\"url\": \"" + site.url("/static") + "\"}")
        .statusCode(200)
        .body("data.renderDecision", equalTo("http"))
        .body("data.markdown", startsWith("# Harbour bridge reopens after repairs"));
    assertThat(site.hits("/static") - before).isEqualTo(1);
  }

  @Test
  void waitForCatchesContentThatAppearsAfter700Milliseconds(Platform platform) {
    scrape(
            platform,
            platform.firstKey(),
            "v2",
            "{\"url\": \"" + site.url("/late") + "\", \"waitFor\": 1200}")
        .statusCode(200)
        .body("data.markdown", containsString("The timetable arrived after 700 milliseconds"));
  }

  @Test
  void clickRevealsHiddenTextAndWriteTypesIntoAnInput(Platform platform) {
    scrape(
            platform,
            platform.firstKey(),
            "v1",
            "{\"url\": \""
                + site.url("/interactive")
                + "\", \"onlyMainContent\": false, \"actions\": ["
                + "{\"type\": \"click\", \"selector\": \"#reveal\"},"
                + "{\"type\": \"click\", \"selector\": \"#name\"},"
                + "{\"type\": \"write\", \"text\": \"Grace\"},"
                + "{\"type\": \"executeJavascript\", \"script\": \"document.getElementById('name').value\"}]}")
        .statusCode(200)
        .body("data.renderDecision", equalTo("browser"))
        .body("data.markdown", containsString("The vault code is 4711"))
        .body("data.markdown", containsString("Hello Grace"))
        .body("data.actions.javascriptReturns[0].value", equalTo("Grace"));
  }

  @Test
  void aFullPageScreenshotIsAPngOfTheRenderedPage(Platform platform) throws Exception {
    String shot =
        scrape(
                platform,
                platform.firstKey(),
                "v1",
                "{\"url\": \""
                    + site.url("/tall")
                    + "\", \"formats\": [\"markdown\", \"screenshot@fullPage\"]}")
            .statusCode(200)
            .body("data.screenshot", startsWith("data:image/png;base64,"))
            .extract()
            .path("data.screenshot");

    byte[] png = Base64.getDecoder().decode(shot.substring(shot.indexOf(',') + 1));
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    assertThat(image.getWidth()).isEqualTo(1280);
    assertThat(image.getHeight()).isEqualTo(3000);
  }

  @Test
  void whatOneAccountsPageStoresIsInvisibleToAnotherAccountsRender(Platform platform) {
    Platform.Account alice = platform.createAccount("render-alice", "lifetime");
    Platform.Account bob = platform.createAccount("render-bob", "lifetime");

    scrape(
            platform,
            alice.key(),
            "v1",
            "{\"url\": \"" + site.url("/set-state") + "\", \"formats\": [\"plainText\"]}")
        .statusCode(200)
        .body("data.renderDecision", equalTo("browser"))
        .body("data.plainText", containsString("cookie=[tenant=alice] storage=[alice]"));
    scrape(
            platform,
            bob.key(),
            "v1",
            "{\"url\": \""
                + site.url("/read-state")
                + "\", \"formats\": [\"plainText\"], \"waitFor\": 300}")
        .statusCode(200)
        .body("data.plainText", containsString("cookie=[] storage=[] session=[]"))
        .body("data.plainText", containsString("databases=[]"))
        .body("data.plainText", not(containsString("alice")));
  }
}
