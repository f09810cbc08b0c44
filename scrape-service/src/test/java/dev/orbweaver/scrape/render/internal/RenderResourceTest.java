package dev.orbweaver.scrape.render.internal;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.orbweaver.scrape.support.Fixtures;
import dev.orbweaver.testing.FixtureSite;
import dev.orbweaver.testing.TestJwt;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code POST /internal/v1/render}: service tokens only, bounded parameters, a real render. */
@QuarkusTest
@QuarkusTestResource(TestJwt.class)
class RenderResourceTest {
  private static FixtureSite site;

  @BeforeAll
  static void start() {
    site =
        FixtureSite.on("127.0.0.1")
            .page("/built", Fixtures.text("render/pages/built-on-dom-ready.html"))
            .page("/tall", Fixtures.text("render/pages/tall.html"))
            .page("/interactive", Fixtures.text("render/pages/interactive.html"))
            .start();
  }

  @AfterAll
  static void stop() {
    site.close();
  }

  private static ValidatableResponse render(String token, String body) {
    return given()
        .auth()
        .oauth2(token)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/internal/v1/render")
        .then();
  }

  private static ValidatableResponse render(String body) {
    return render(TestJwt.service("scrape-service"), body);
  }

  @Test
  void onlyServicesMayRender() {
    given()
        .contentType(ContentType.JSON)
        .body("{\"url\": \"" + site.url("/built") + "\"}")
        .post("/internal/v1/render")
        .then()
        .statusCode(401);
    render(TestJwt.user(1, 1, "free"), "{\"url\": \"" + site.url("/built") + "\"}").statusCode(403);
  }

  @Test
  void aScriptBuiltPageComesBackRenderedWithAFullPageScreenshot() throws Exception {
    JsonPath answer =
        render(
                "{\"url\": \""
                    + site.url("/tall")
                    + "\", \"screenshot\": {\"full_page\": true}, \"actions\": ["
                    + "{\"type\": \"executeJavascript\", \"script\": \"document.title\"},"
                    + "{\"type\": \"scrape\"}]}")
            .statusCode(200)
            .body("outcome", equalTo("ok"))
            .body("status_code", equalTo(200))
            .body("final_url", equalTo(site.url("/tall")))
            .body("html", containsString("A tall column"))
            .body("screenshot.media_type", equalTo("image/png"))
            .body("actions.javascript_returns[0].type", equalTo("string"))
            .body("actions.javascript_returns[0].value", equalTo("Tall"))
            .body("actions.scrapes[0].url", equalTo(site.url("/tall")))
            .body("attempts", equalTo(1))
            .extract()
            .jsonPath();
    byte[] png = Base64.getDecoder().decode(answer.getString("screenshot.data"));
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    assertThat(image.getHeight()).isEqualTo(3000);
    assertThat(answer.getLong("timing.total_ms")).isPositive();

    render("{\"url\": \"" + site.url("/built") + "\"}")
        .statusCode(200)
        .body("html", containsString("Loquat is in season"));
  }

  @Test
  void aFailedActionIsAnOutcomeNotAnError() {
    render(
            "{\"url\": \""
                + site.url("/interactive")
                + "\", \"actions\": [{\"type\": \"click\", \"selector\": \"#missing\"}]}")
        .statusCode(200)
        .body("outcome", equalTo("action_failed"))
        .body("message", containsString("actions[0]"));
  }

  @Test
  void aPrivateAddressTheOperatorDidNotAllowIsBlocked() {
    render("{\"url\": \"http://169.254.169.254/latest/meta-data/\"}")
        .statusCode(200)
        .body("outcome", equalTo("blocked"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "no url | {} | url",
        "a file URL | {\"url\": \"file:///etc/passwd\"} | url",
        "a javascript URL | {\"url\": \"javascript:alert(1)\"} | url",
        "a timeout of ten minutes | {\"url\": \"http://x.test/\", \"timeout_ms\": 600000} | timeout",
        "a negative wait | {\"url\": \"http://x.test/\", \"wait_for_ms\": -1} | waitFor",
        "a wait over 60 s | {\"url\": \"http://x.test/\", \"wait_for_ms\": 60001} | waitFor",
        "waits adding up over 60 s | {\"url\": \"http://x.test/\", \"wait_for_ms\": 50000, \"actions\":"
            + " [{\"type\": \"wait\", \"milliseconds\": 20000}]} | actions",
        "a wait with both | {\"url\": \"http://x.test/\", \"actions\": [{\"type\": \"wait\","
            + " \"milliseconds\": 5, \"selector\": \"p\"}]} | actions[0]",
        "an unknown action | {\"url\": \"http://x.test/\", \"actions\": [{\"type\": \"pdf\"}]} |"
            + " actions[0].type",
        "an unknown key | {\"url\": \"http://x.test/\", \"actions\": [{\"type\": \"press\","
            + " \"key\": \"Meta+Hyper\"}]} | actions[0].key",
        "a click without selector | {\"url\": \"http://x.test/\", \"actions\": [{\"type\":"
            + " \"click\"}]} | actions[0].selector",
        "a sideways scroll | {\"url\": \"http://x.test/\", \"actions\": [{\"type\": \"scroll\","
            + " \"direction\": \"left\"}]} | actions[0].direction",
        "quality 0 | {\"url\": \"http://x.test/\", \"screenshot\": {\"quality\": 0}} |"
            + " screenshot.quality",
        "quality 101 | {\"url\": \"http://x.test/\", \"actions\": [{\"type\": \"screenshot\","
            + " \"quality\": 101}]} | actions[0].quality",
        "an 8K+ viewport | {\"url\": \"http://x.test/\", \"screenshot\": {\"viewport\": {\"width\":"
            + " 7681, \"height\": 100}}} | screenshot.viewport.width",
        "a zero viewport | {\"url\": \"http://x.test/\", \"screenshot\": {\"viewport\": {\"width\":"
            + " 100, \"height\": 0}}} | screenshot.viewport.height",
        "a Host header | {\"url\": \"http://x.test/\", \"headers\": {\"Host\": \"internal\"}} |"
            + " headers.Host",
        "a proxy header | {\"url\": \"http://x.test/\", \"headers\": {\"Proxy-Authorization\":"
            + " \"x\"}} | headers.Proxy-Authorization",
        "a header with a line break | {\"url\": \"http://x.test/\", \"headers\": {\"X-A\":"
            + " \"a\\r\\nX-B: b\"}} | headers.X-A",
        "a header name that is no token | {\"url\": \"http://x.test/\", \"headers\": {\"X A\":"
            + " \"a\"}} | headers",
        "a cookie with a semicolon | {\"url\": \"http://x.test/\", \"cookies\": [{\"name\": \"a\","
            + " \"value\": \"b; c=d\"}]} | cookies[0].value",
      })
  void hostileValuesAre400sNamingTheField(String what, String body, String field) {
    render(body)
        .statusCode(400)
        .body("error", equalTo("validation_error"))
        .body("message", containsString("'" + field + "'"));
  }

  @Test
  void tooManyActionsAndTooLongTextsAre400s() {
    String fiftyOne = "{\"type\": \"scrape\"},".repeat(50) + "{\"type\": \"scrape\"}";
    render("{\"url\": \"http://x.test/\", \"actions\": [" + fiftyOne + "]}")
        .statusCode(400)
        .body("message", containsString("'actions'"));
    String script = "x".repeat(100_001);
    render(
            "{\"url\": \"http://x.test/\", \"actions\": [{\"type\": \"executeJavascript\","
                + " \"script\": \""
                + script
                + "\"}]}")
        .statusCode(400)
        .body("message", containsString("'actions[0].script'"));
    render("{\"url\": \"http://x.test/" + "a".repeat(9000) + "\"}")
        .statusCode(400)
        .body("message", containsString("'url'"));
  }
}
