package dev.orbweaver.scrape.batch;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import dev.orbweaver.scrape.scrape.ScrapeSpec;
import dev.orbweaver.scrape.support.Accounts;
import dev.orbweaver.scrape.support.Fixtures;
import dev.orbweaver.testing.FixtureSite;
import dev.orbweaver.testing.TestJwt;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Batch scrape jobs: started, worked on virtual threads, paged, owned, cancelled, resumed. */
@QuarkusTest
@QuarkusTestResource(TestJwt.class)
class BatchScrapeTest {
  private static FixtureSite site;

  @Inject BatchRepository repository;
  @Inject DataSource dataSource;

  @BeforeAll
  static void startSite() {
    site =
        FixtureSite.on("127.0.0.1")
            .page("/news/bridge", Fixtures.text("site/article.html"))
            .page("/shop/trailrunner", Fixtures.text("site/product.html"))
            .page("/a", "<html><head><title>A</title></head><body><p>Page A</p></body></html>")
            .page("/b", "<html><head><title>B</title></head><body><p>Page B</p></body></html>")
            .slow("/slow", Duration.ofSeconds(3), "<html><body>late</body></html>")
            .start();
  }

  @AfterAll
  static void stopSite() {
    site.close();
  }

  private static JsonPath awaitFinished(String token, String version, String id) {
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                !given()
                    .auth()
                    .oauth2(token)
                    .get("/" + version + "/batch/scrape/" + id)
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("status")
                    .equals("scraping"));
    return given()
        .auth()
        .oauth2(token)
        .get("/" + version + "/batch/scrape/" + id)
        .then()
        .extract()
        .jsonPath();
  }

  @Test
  void v2JobScrapesEveryUrlAndReportsFailuresSeparately() {
    String token = TestJwt.user(Accounts.fresh(), 2, "lifetime");
    String id =
        given()
            .auth()
            .oauth2(token)
            .contentType(ContentType.JSON)
            .header("X-Forwarded-Host", "api.example.test")
            .header("X-Forwarded-Proto", "https")
            .body(
                "{\"urls\": [\""
                    + site.url("/news/bridge")
                    + "\", \"not a url\", \""
                    + site.url("/shop/trailrunner")
                    + "\", \"http://127.0.0.1:1/down\"], \"formats\": [\"markdown\"],"
                    + " \"origin\": \"js-sdk@4.42.0\"}")
            .post("/v2/batch/scrape")
            .then()
            .statusCode(200)
            .body("success", equalTo(true))
            .body("invalidURLs", equalTo(List.of("not a url")))
            .body("url", startsWith("https://api.example.test/v2/batch/scrape/"))
            .extract()
            .path("id");

    JsonPath status = awaitFinished(token, "v2", id);
    assertThat(status.getString("status")).isEqualTo("completed");
    assertThat(status.getInt("total")).isEqualTo(3);
    assertThat(status.getInt("completed")).isEqualTo(2);
    assertThat(status.getInt("creditsUsed")).isEqualTo(2);
    assertThat(Instant.parse(status.getString("expiresAt")))
        .isBetween(
            Instant.now().plus(Duration.ofHours(23)), Instant.now().plus(Duration.ofHours(25)));
    assertThat(status.getList("data")).hasSize(2);
    assertThat(status.getString("data[0].markdown")).startsWith("# Harbour bridge reopens");
    assertThat(status.getString("data[1].metadata.sourceURL"))
        .isEqualTo(site.url("/shop/trailrunner"));
    assertThat(status.getMap("$")).doesNotContainKey("next");

    given()
        .auth()
        .oauth2(token)
        .get("/v2/batch/scrape/" + id + "/errors")
        .then()
        .statusCode(200)
        .body("errors.size()", equalTo(1))
        .body("errors[0].url", equalTo("http://127.0.0.1:1/down"))
        .body("errors[0].code", equalTo("connect"))
        .body("robotsBlocked.size()", equalTo(0));
  }

  @Test
  void statusPagesFollowNextOnTheHostTheClientUsed() {
    String token = TestJwt.user(Accounts.fresh(), 2, "lifetime");
    String urls =
        "\""
            + site.url("/a")
            + "\", \""
            + site.url("/b")
            + "\", \""
            + site.url("/news/bridge")
            + "\"";
    String id =
        given()
            .auth()
            .oauth2(token)
            .contentType(ContentType.JSON)
            .body("{\"urls\": [" + urls + "], \"formats\": [\"markdown\"]}")
            .post("/v1/batch/scrape")
            .then()
            .statusCode(200)
            .extract()
            .path("id");
    awaitFinished(token, "v1", id);

    given()
        .auth()
        .oauth2(token)
        .header("X-Forwarded-Host", "gw.example.test:8080")
        .get("/v1/batch/scrape/" + id)
        .then()
        .statusCode(200)
        .body("status", equalTo("completed"))
        .body("data.size()", equalTo(2))
        .body("data[0].metadata.title", equalTo("A"))
        .body("data[0].renderDecision", equalTo("http"))
        .body("next", equalTo("http://gw.example.test:8080/v1/batch/scrape/" + id + "?skip=2"));
    given()
        .auth()
        .oauth2(token)
        .queryParam("skip", 2)
        .get("/v1/batch/scrape/" + id)
        .then()
        .statusCode(200)
        .body("data.size()", equalTo(1))
        .body(
            "data[0].metadata.title",
            equalTo("Harbour bridge reopens after repairs | Coastal Times"))
        .body("$", not(hasKey("next")));
  }

  @Test
  void anotherAccountsJobIsNotFound() {
    String owner = TestJwt.user(Accounts.fresh(), 2, "lifetime");
    String stranger = TestJwt.user(Accounts.fresh(), 2, "lifetime");
    String id =
        given()
            .auth()
            .oauth2(owner)
            .contentType(ContentType.JSON)
            .body("{\"urls\": [\"" + site.url("/a") + "\"]}")
            .post("/v2/batch/scrape")
            .then()
            .statusCode(200)
            .extract()
            .path("id");

    given()
        .auth()
        .oauth2(stranger)
        .get("/v2/batch/scrape/" + id)
        .then()
        .statusCode(404)
        .body("error", equalTo("not_found"));
    given().auth().oauth2(stranger).delete("/v2/batch/scrape/" + id).then().statusCode(404);
    given().auth().oauth2(stranger).get("/v2/batch/scrape/not-a-uuid").then().statusCode(404);
    given().auth().oauth2(owner).get("/v2/batch/scrape/" + id).then().statusCode(200);
  }

  @Test
  void aJobIsCancelledAndItsUnstartedPagesStayUnscraped() {
    String token = TestJwt.user(Accounts.fresh(), 2, "lifetime");
    StringBuilder urls = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      urls.append(i == 0 ? "" : ",").append("\"").append(site.url("/slow?n=" + i)).append("\"");
    }
    String id =
        given()
            .auth()
            .oauth2(token)
            .contentType(ContentType.JSON)
            .body("{\"urls\": [" + urls + "]}")
            .post("/v2/batch/scrape")
            .then()
            .statusCode(200)
            .extract()
            .path("id");

    given()
        .auth()
        .oauth2(token)
        .delete("/v2/batch/scrape/" + id)
        .then()
        .statusCode(200)
        .body("status", equalTo("cancelled"));
    given()
        .auth()
        .oauth2(token)
        .get("/v2/batch/scrape/" + id)
        .then()
        .statusCode(200)
        .body("status", equalTo("cancelled"))
        .body("total", equalTo(40))
        .body("completed", equalTo(0));
    BatchJob.Progress progress = repository.progress(UUID.fromString(id));
    assertThat(progress.pending()).isGreaterThanOrEqualTo(40 - 16);
  }

  @Test
  void pagesLeftRunningByADeadReplicaAreScrapedOnceTheirLeaseRunsOut() throws Exception {
    long account = Accounts.fresh();
    // A job as a replica that crashed mid-page left it: one page running with a lapsed lease.
    BatchJob job =
        repository.create(
            new BatchJob(
                UUID.randomUUID(),
                account,
                2,
                "v2",
                "scraping",
                ScrapeSpec.markdown(),
                2,
                List.of(),
                List.of(),
                Instant.now(),
                null,
                Instant.now().plus(Duration.ofHours(24))),
            List.of(site.url("/a"), site.url("/b")),
            null);
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.executeUpdate(
          "UPDATE batch_items SET state = 'running', attempts = 1, lease_until = now() - interval '1 second'"
              + " WHERE job_id = '"
              + job.id()
              + "' AND position = 0");
    }

    JsonPath status =
        awaitFinished(TestJwt.user(account, 2, "lifetime"), "v2", job.id().toString());
    assertThat(status.getString("status")).isEqualTo("completed");
    assertThat(status.getInt("completed")).isEqualTo(2);
    assertThat(status.getString("data[0].metadata.title")).isEqualTo("A");
  }

  @Test
  void theSameIdempotencyKeyReturnsTheSameJob() {
    String token = TestJwt.user(Accounts.fresh(), 2, "lifetime");
    String body = "{\"urls\": [\"" + site.url("/a") + "\"]}";
    String first =
        given()
            .auth()
            .oauth2(token)
            .contentType(ContentType.JSON)
            .header("x-idempotency-key", "k-1")
            .body(body)
            .post("/v2/batch/scrape")
            .then()
            .statusCode(200)
            .extract()
            .path("id");
    String second =
        given()
            .auth()
            .oauth2(token)
            .contentType(ContentType.JSON)
            .header("x-idempotency-key", "k-1")
            .body(body)
            .post("/v2/batch/scrape")
            .then()
            .statusCode(200)
            .extract()
            .path("id");
    assertThat(second).isEqualTo(first);
  }

  @Test
  void badRequestsAre400sNamingTheField() {
    String token = TestJwt.user(Accounts.fresh(), 2, "lifetime");
    given()
        .auth()
        .oauth2(token)
        .contentType(ContentType.JSON)
        .body("{\"formats\": [\"markdown\"]}")
        .post("/v2/batch/scrape")
        .then()
        .statusCode(400)
        .body("message", containsString("'urls'"));
    given()
        .auth()
        .oauth2(token)
        .contentType(ContentType.JSON)
        .body("{\"urls\": [\"" + site.url("/a") + "\", \"nope\"]}")
        .post("/v1/batch/scrape")
        .then()
        .statusCode(400)
        .body("message", containsString("'urls[1]'"));
    given()
        .auth()
        .oauth2(token)
        .contentType(ContentType.JSON)
        .body("{\"urls\": [\"nope\"]}")
        .post("/v2/batch/scrape")
        .then()
        .statusCode(400)
        .body("message", containsString("'urls'"));
    given()
        .auth()
        .oauth2(token)
        .contentType(ContentType.JSON)
        .body("{\"urls\": [\"" + site.url("/a") + "\"], \"formats\": [\"markdown\", \"pdf\"]}")
        .post("/v2/batch/scrape")
        .then()
        .statusCode(400)
        .body("message", containsString("'formats[1]'"));
  }
}
