package dev.orbweaver.crawl.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.orbweaver.crawl.support.Accounts;
import dev.orbweaver.crawl.support.Crawls;
import dev.orbweaver.crawl.support.Sites;
import dev.orbweaver.testing.FixtureSite;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each dialect's live progress stream: a finished crawl's stream ends with its terminal event, and
 * an id that names no crawl of the caller is a 404 in the dialect's envelope. Firecrawl's streams
 * found the crawl on the event loop, where the caller's identity cannot be read: the client got the
 * stream's headers and then a closed connection, for every id.
 */
@QuarkusTest
class EventStreamsTest {

  @Test
  void aFinishedCrawlsStreamEndsWithItsTerminalEventInEveryDialect() {
    var account = Accounts.open("selfhost");
    try (FixtureSite site = Sites.chain("127.0.0.46", 1).start()) {
      String v1 =
          start(account.token(), "/v1/crawl", Map.of("url", site.url("/"), "maxPages", 1), "id");
      String v2 =
          start(account.token(), "/v2/crawl", Map.of("url", site.url("/"), "limit", 1), "id");
      String alterlab =
          start(
              account.token(),
              "/api/v1/crawl",
              Map.of("url", site.url("/"), "max_pages", 1),
              "crawl_id");
      String crawlcrawl =
          start(account.token(), "/v1/crawls", Map.of("url", site.url("/"), "max_pages", 1), "id");
      Crawls.pollUntil(
          account.token(), "/v1/crawl/" + v1, r -> r.getString("status").equals("completed"));
      Crawls.pollUntil(
          account.token(), "/v2/crawl/" + v2, r -> r.getString("status").equals("completed"));
      Crawls.alterlabDone(account.token(), alterlab);
      Crawls.crawlcrawlDone(account.token(), Long.parseLong(crawlcrawl));

      assertThat(events(account.token(), "/v1/crawl/" + v1))
          .contains("\"type\":\"terminal\"", "\"status\":\"completed\"");
      assertThat(events(account.token(), "/v2/crawl/" + v2))
          .contains("\"type\":\"terminal\"", "\"status\":\"completed\"");
      assertThat(events(account.token(), "/api/v1/crawl/" + alterlab))
          .contains("\"type\":\"terminal\"");
      assertThat(events(account.token(), "/v1/crawls/" + crawlcrawl))
          .contains("\"type\":\"terminal\"", "\"status\":\"done\"");
    }
  }

  @Test
  void anUnknownCrawlsStreamIsA404InTheDialectsEnvelope() {
    String token = Accounts.open("selfhost").token();
    given()
        .auth()
        .oauth2(token)
        .get("/v1/crawls/0/events")
        .then()
        .statusCode(404)
        .body("error.code", equalTo("not_found"));
    given()
        .auth()
        .oauth2(token)
        .get("/api/v1/crawl/0/events")
        .then()
        .statusCode(404)
        .body("error", equalTo("not_found"));
    for (String path : new String[] {"/v1/crawl/0/events", "/v2/crawl/null/events"}) {
      given()
          .auth()
          .oauth2(token)
          .get(path)
          .then()
          .statusCode(404)
          .body("success", equalTo(false))
          .body("error", equalTo("not_found"));
    }
  }

  @Test
  void withoutATokenEveryFirecrawlCrawlCallIsA401() {
    given().get("/v2/crawl/0/events").then().statusCode(401).body("success", equalTo(false));
    given().get("/v1/crawl/0").then().statusCode(401).body("error", equalTo("unauthorized"));
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("url", "http://127.0.0.1:9/"))
        .post("/v2/crawl")
        .then()
        .statusCode(401);
    given().delete("/v2/crawl/0").then().statusCode(401);
  }

  private static String start(String token, String path, Map<String, Object> body, String id) {
    return given()
        .auth()
        .oauth2(token)
        .contentType(ContentType.JSON)
        .body(body)
        .post(path)
        .then()
        .statusCode(org.hamcrest.Matchers.lessThan(300))
        .extract()
        .path(id)
        .toString();
  }

  private static String events(String token, String crawl) {
    Response response = given().auth().oauth2(token).get(crawl + "/events");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.contentType()).startsWith("text/event-stream");
    return response.asString();
  }
}
