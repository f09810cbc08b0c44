package dev.orbweaver.scrape.scrape;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.orbweaver.scrape.render.service.LocalRenderer;
import dev.orbweaver.scrape.support.Fixtures;
import dev.orbweaver.testing.FixtureSite;
import dev.orbweaver.testing.TestJwt;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A replica in the api role renders nothing itself: its scrapes go to the render replicas named by
 * {@code ORBWEAVER_RENDER_URL}, and without one a render is the dialect's 503 naming the setting.
 */
@QuarkusTest
@TestProfile(ApiRoleTest.ApiRole.class)
@QuarkusTestResource(TestJwt.class)
class ApiRoleTest {
  private static final String TOKEN = TestJwt.user(8802, 1, "lifetime");
  private static FixtureSite site;

  @Inject LocalRenderer local;

  public static class ApiRole implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("orbweaver.scrape.role", "api");
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

  @Test
  void withoutRenderReplicasARenderIsA503NamingTheSetting() {
    given()
        .auth()
        .oauth2(TOKEN)
        .contentType(ContentType.JSON)
        .body("{\"url\": \"" + site.url("/built") + "\", \"mobile\": true}")
        .post("/v1/scrape")
        .then()
        .statusCode(503)
        .body("error", equalTo("render_unavailable"))
        .body("message", containsString("ORBWEAVER_RENDER_URL"));
    given()
        .auth()
        .oauth2(TOKEN)
        .contentType(ContentType.JSON)
        .body("{\"url\": \"" + site.url("/built") + "\"}")
        .post("/v1/scrape")
        .then()
        .statusCode(200)
        .body("data.renderDecision", equalTo("http"))
        .body("warning", containsString("ORBWEAVER_RENDER_URL"));

    org.assertj.core.api.Assertions.assertThat(local.running()).isEmpty();
  }
}
