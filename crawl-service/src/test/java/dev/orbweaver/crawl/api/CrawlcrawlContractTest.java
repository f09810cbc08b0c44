package dev.orbweaver.crawl.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.orbweaver.crawl.support.Accounts;
import dev.orbweaver.crawl.support.CleanSlate;
import dev.orbweaver.crawl.support.Sites;
import dev.orbweaver.testing.FixtureSite;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * crawlcrawl's documented rules: validation, idempotency, the concurrency cap, tenancy, cascade.
 */
@QuarkusTest
class CrawlcrawlContractTest {

  @BeforeAll
  static void emptyCrawlSchema() {
    CleanSlate.crawls();
  }

  @Test
  void invalidInputIsA400InCrawlcrawlsEnvelope() {
    var account = Accounts.open("selfhost");
    post(account.token(), Map.of("url", "https://example.com", "depth", 0), null)
        .then()
        .statusCode(400)
        .body("error.code", equalTo("invalid_input"))
        .body("error.message", equalTo("depth must be 1..=50"));
    post(account.token(), Map.of("url", "ftp://example.com"), null).then().statusCode(400);
    post(account.token(), Map.of("url", "https://example.com", "max_pages", 100_001), null)
        .then()
        .body("error.message", equalTo("max_pages must be 1..=100000"));
    given()
        .auth()
        .oauth2(account.token())
        .contentType(ContentType.JSON)
        .body("{\"url\": \"https://example.com\", \"depth\": \"deep\"}")
        .post("/v1/crawls")
        .then()
        .statusCode(400)
        .body("error.code", equalTo("invalid_input"))
        .body("error.message", org.hamcrest.Matchers.containsString("depth"));
    post(account.token(), Map.of("url", "https://malware.test/"), null)
        .then()
        .statusCode(400)
        .body("error.message", org.hamcrest.Matchers.containsString("blocklist"));
  }

  @Test
  void theSameIdempotencyKeyReturnsTheSameRunAndSaysItWasReplayed() {
    var account = Accounts.open("selfhost");
    try (FixtureSite site = Sites.chain("127.0.0.6", 3).start()) {
      Map<String, Object> body = Map.of("url", site.url("/"), "delay_ms", 0);
      var first = post(account.token(), body, "key-1").then().statusCode(202);
      first.header("Idempotent-Replayed", nullValue());
      long id = first.extract().jsonPath().getLong("id");

      // the same request, its fields in another order and a default spelled out
      given()
          .auth()
          .oauth2(account.token())
          .contentType(ContentType.JSON)
          .header("Idempotency-Key", "key-1")
          .body("{\"delay_ms\": 0, \"depth\": 5, \"url\": \"" + site.url("/") + "\"}")
          .post("/v1/crawls")
          .then()
          .statusCode(202)
          .header("Idempotent-Replayed", "true")
          .body("id", equalTo((int) id));

      long other =
          post(account.token(), body, "key-2")
              .then()
              .statusCode(202)
              .header("Idempotent-Replayed", nullValue())
              .extract()
              .jsonPath()
              .getLong("id");
      assertThat(other).isNotEqualTo(id);
    }
  }

  @Test
  void theSameIdempotencyKeyWithAnotherRequestIsA409() {
    var account = Accounts.open("selfhost");
    try (FixtureSite site = Sites.chain("127.0.0.6", 3).start()) {
      post(account.token(), Map.of("url", site.url("/"), "delay_ms", 0), "key-c")
          .then()
          .statusCode(202);
      post(account.token(), Map.of("url", site.url("/"), "delay_ms", 0, "depth", 2), "key-c")
          .then()
          .statusCode(409)
          .body("error.code", equalTo("conflict"))
          .body("error.message", containsString("Idempotency-Key"));
      // another project's key is its own
      var other = Accounts.open("selfhost");
      post(other.token(), Map.of("url", site.url("/"), "delay_ms", 2), "key-c")
          .then()
          .statusCode(202)
          .header("Idempotent-Replayed", nullValue());
    }
  }

  @Test
  void aReplayTakesNoRunningSlot() {
    var account = Accounts.open("selfhost");
    FixtureSite site =
        FixtureSite.on("127.0.0.7").slow("/", Duration.ofSeconds(20), Sites.page("Slow", ""));
    try (site) {
      site.start();
      List<Long> runs = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        runs.add(
            post(account.token(), Map.of("url", site.url("/"), "delay_ms", 0), "slot-" + i)
                .then()
                .statusCode(202)
                .extract()
                .jsonPath()
                .getLong("id"));
      }
      post(account.token(), Map.of("url", site.url("/"), "delay_ms", 0), "slot-0")
          .then()
          .statusCode(202)
          .header("Idempotent-Replayed", "true")
          .body("id", equalTo(runs.get(0).intValue()));
      runs.forEach(id -> given().auth().oauth2(account.token()).delete("/v1/crawls/" + id));
    }
  }

  @Test
  void aKeyStartsANewRunOnceItsWindowHasPassed() throws Exception {
    var account = Accounts.open("selfhost");
    try (FixtureSite site = Sites.chain("127.0.0.6", 2).start()) {
      Map<String, Object> body = Map.of("url", site.url("/"), "delay_ms", 0);
      long first =
          post(account.token(), body, "key-old")
              .then()
              .statusCode(202)
              .extract()
              .jsonPath()
              .getLong("id");
      CleanSlate.sql(
          "update crawl.crawl set enqueued_at = enqueued_at - interval '25 hours' where id = "
              + first);
      long second =
          post(account.token(), Map.of("url", site.url("/"), "delay_ms", 0, "depth", 2), "key-old")
              .then()
              .statusCode(202)
              .header("Idempotent-Replayed", nullValue())
              .extract()
              .jsonPath()
              .getLong("id");
      assertThat(second).isNotEqualTo(first);
    }
  }

  @Test
  void theSixthConcurrentRunIsRefusedWith429() {
    var account = Accounts.open("selfhost");
    FixtureSite site =
        FixtureSite.on("127.0.0.7").slow("/", Duration.ofSeconds(20), Sites.page("Slow", ""));
    try (site) {
      site.start();
      List<Long> runs = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        runs.add(
            post(account.token(), Map.of("url", site.url("/"), "delay_ms", 0), null)
                .then()
                .statusCode(202)
                .extract()
                .jsonPath()
                .getLong("id"));
      }
      post(account.token(), Map.of("url", site.url("/"), "delay_ms", 0), null)
          .then()
          .statusCode(429)
          .body("error.code", equalTo("too_many_requests"));
      given()
          .auth()
          .oauth2(account.token())
          .delete("/v1/crawls/" + runs.get(0))
          .then()
          .statusCode(204);
      post(account.token(), Map.of("url", site.url("/"), "delay_ms", 0), null)
          .then()
          .statusCode(202);
      runs.forEach(id -> given().auth().oauth2(account.token()).delete("/v1/crawls/" + id));
    }
  }

  @Test
  void anotherTenantsRunAndPagesAreNotFound() {
    var mine = Accounts.open("selfhost");
    var theirs = Accounts.open("selfhost");
    try (FixtureSite site = Sites.chain("127.0.0.6", 2).start()) {
      long id =
          post(mine.token(), Map.of("url", site.url("/"), "delay_ms", 0), null)
              .then()
              .extract()
              .jsonPath()
              .getLong("id");
      long page =
          dev.orbweaver.crawl.support.Crawls.pollUntil(
                  mine.token(), "/v1/crawls/" + id + "/pages", p -> !p.getList("items").isEmpty())
              .getLong("items[0].id");
      given()
          .auth()
          .oauth2(theirs.token())
          .get("/v1/crawls/" + id)
          .then()
          .statusCode(404)
          .body("error.code", equalTo("not_found"));
      given()
          .auth()
          .oauth2(theirs.token())
          .get("/v1/crawls/" + id + "/pages")
          .then()
          .statusCode(404);
      given().auth().oauth2(theirs.token()).get("/v1/pages/" + page).then().statusCode(404);
      given().auth().oauth2(theirs.token()).delete("/v1/crawls/" + id).then().statusCode(404);
      given().auth().oauth2(mine.token()).get("/v1/pages/" + page).then().statusCode(200);
    }
  }

  @Test
  void deleteCancelsAndRemovesTheRunWithItsPages() {
    var account = Accounts.open("selfhost");
    try (FixtureSite site = Sites.chain("127.0.0.6", 4).start()) {
      long id =
          post(account.token(), Map.of("url", site.url("/"), "delay_ms", 0), null)
              .then()
              .extract()
              .jsonPath()
              .getLong("id");
      long page =
          dev.orbweaver.crawl.support.Crawls.pollUntil(
                  account.token(),
                  "/v1/crawls/" + id + "/pages",
                  p -> !p.getList("items").isEmpty())
              .getLong("items[0].id");
      given().auth().oauth2(account.token()).delete("/v1/crawls/" + id).then().statusCode(204);
      given().auth().oauth2(account.token()).get("/v1/crawls/" + id).then().statusCode(404);
      given().auth().oauth2(account.token()).get("/v1/pages/" + page).then().statusCode(404);
    }
  }

  private static io.restassured.response.Response post(
      String token, Map<String, Object> body, String key) {
    var request = given().auth().oauth2(token).contentType(ContentType.JSON).body(body);
    if (key != null) {
      request = request.header("Idempotency-Key", key);
    }
    return request.post("/v1/crawls");
  }
}
