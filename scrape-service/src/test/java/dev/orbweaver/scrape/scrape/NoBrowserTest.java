package dev.orbweaver.scrape.scrape;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import dev.orbweaver.scrape.support.Fixtures;
import dev.orbweaver.testing.FixtureSite;
import dev.orbweaver.testing.TestJwt;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A replica with no browser installed: what only a browser does is the dialect's 503, and a page
 * built by script is answered with the HTML the server sent, saying why.
 */
@QuarkusTest
@TestProfile(NoBrowserTest.NoBrowser.class)
@QuarkusTestResource(TestJwt.class)
class NoBrowserTest {
  private static final String TOKEN = TestJwt.user(8801, 1, "lifetime");
  private static FixtureSite site;

  public static class NoBrowser implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("orbweaver.render.executable", "/nonexistent/chromium-headless-shell");
    }
  }

  @BeforeAll
  static void startSite() {
    site =
        FixtureSite.on("127.0.0.1")
            .page("/built", Fixtures.text("render/pages/built-on-dom-ready.html"))
            .start();
  }

  @AfterAll
  static void stopSite() {
    site.close();
  }

  private static ValidatableResponse scrape(String version, String body) {
    return given()
        .auth()
        .oauth2(TOKEN)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/" + version + "/scrape")
        .then();
  }

  @Test
  void whatOnlyABrowserDoesIsA503SayingSo() {
    scrape("v1", "{\"url\": \"" + site.url("/built") + "\", \"waitFor\": 500}")
        .statusCode(503)
        .body("success", equalTo(false))
        .body("error", equalTo("render_unavailable"))
        .body("message", containsString("needs a browser"))
        .body("message", containsString("no browser: install chromium-headless-shell"));
    scrape("v2", "{\"url\": \"" + site.url("/built") + "\", \"formats\": [\"screenshot\"]}")
        .statusCode(503)
        .body("error", equalTo("render_unavailable"));
  }

  @Test
  void aPageBuiltByScriptFallsBackToTheServersHtmlWithAWarning() {
    scrape("v1", "{\"url\": \"" + site.url("/built") + "\"}")
        .statusCode(200)
        .body("data.renderDecision", equalTo("http"))
        .body("data.markdown", not(containsString("Rare fruit")))
        .body("warning", containsString("looks built by script (an empty application root"))
        .body("warning", containsString("could not render it (unavailable: no browser"));
  }
}
