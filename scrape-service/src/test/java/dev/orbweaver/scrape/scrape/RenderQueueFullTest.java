package dev.orbweaver.scrape.scrape;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
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
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One browser page and no queue: while a render runs, another scrape that needs the browser is the
 * dialect's 429 at once, and the next one after it works.
 */
@QuarkusTest
@TestProfile(RenderQueueFullTest.OnePage.class)
@QuarkusTestResource(TestJwt.class)
class RenderQueueFullTest {
  private static final String TOKEN = TestJwt.user(8803, 1, "lifetime");
  private static FixtureSite site;

  @Inject LocalRenderer local;

  public static class OnePage implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "orbweaver.render.browsers", "1",
          "orbweaver.render.pages-per-browser", "1",
          "orbweaver.render.queue-capacity", "0");
    }
  }

  @BeforeAll
  static void startSite() {
    site =
        FixtureSite.on("127.0.0.1")
            .page("/late", Fixtures.text("render/pages/late-content.html"))
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
  void aFullQueueIsA429AndTheNextRenderWorks() throws Exception {
    // The browser starts with the first render; then the pool's one page is free again.
    scrape("{\"url\": \"" + site.url("/late") + "\", \"waitFor\": 100}").statusCode(200);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> local.running().map(p -> p.activeRenders() == 0).orElse(false));

    String slow = "{\"url\": \"" + site.url("/late") + "\", \"waitFor\": 3000}";
    // Not on the common pool: on two cores it has one thread, and the JDK's WebSocket client (the
    // browser's DevTools connection) needs it.
    CompletableFuture<Integer> first = new CompletableFuture<>();
    Thread.ofVirtual().start(() -> first.complete(scrape(slow).extract().statusCode()));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> first.isDone() || local.running().map(p -> p.activeRenders() == 1).orElse(false));
    assertThat(first).as("the first render is still running").isNotDone();

    scrape("{\"url\": \"" + site.url("/late") + "\", \"waitFor\": 100}")
        .statusCode(429)
        .body("success", equalTo(false))
        .body("error", equalTo("render_queue_full"))
        .body("message", containsString("retry shortly"));

    assertThat(first.get()).isEqualTo(200);
    // The page is handed back after the answer, when its context is disposed of.
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> local.running().map(p -> p.activeRenders() == 0).orElse(false));
    scrape("{\"url\": \"" + site.url("/late") + "\", \"waitFor\": 1000}")
        .statusCode(200)
        .body("data.markdown", containsString("The timetable arrived"));
  }
}
