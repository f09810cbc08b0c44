package dev.orbweaver.scrape.api.v1;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import dev.orbweaver.scrape.changetracking.Fingerprints;
import dev.orbweaver.testing.TestJwt;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/change-tracking/diff} as CRW's OpenAPI document specifies it. */
@QuarkusTest
@QuarkusTestResource(TestJwt.class)
class ChangeTrackingDiffTest {
  private static final String TOKEN = TestJwt.user(501, 1, "lifetime");

  @Test
  void theSinglePageGitDiffExampleOfTheContract() {
    given()
        .auth()
        .oauth2(TOKEN)
        .contentType(ContentType.JSON)
        .body(
            """
            {"modes": ["gitDiff"],
             "previous": {"markdown": "Starter $19", "contentHash": "abc", "capturedAt": "2026-01-01T00:00:00Z"},
             "current": {"markdown": "Starter $24"},
             "tag": "pricing", "origin": "js-sdk@4.42.0"}
            """)
        .post("/v1/change-tracking/diff")
        .then()
        .statusCode(200)
        .body("success", equalTo(true))
        .body("data.status", equalTo("changed"))
        .body("data.firstObservation", equalTo(false))
        .body("data.contentHash", equalTo(Fingerprints.markdownHash("Starter $24")))
        .body("data.snapshot.markdown", equalTo("Starter $24"))
        .body("data.snapshot.contentHash", equalTo(Fingerprints.markdownHash("Starter $24")))
        .body(
            "data.diff.text",
            equalTo("--- previous\n+++ current\n@@ -1,1 +1,1 @@\n-Starter $19\n+Starter $24\n"))
        .body("data.diff.json.files[0].chunks[0].changes[1].content", equalTo("+Starter $24"))
        .body("data.diff.json.files[0].additions", equalTo(1))
        .body("data.tag", equalTo("pricing"))
        .body("data.truncated", equalTo(false));
  }

  @Test
  void theBatchJsonExampleOfTheContractWithSharedModes() {
    given()
        .auth()
        .oauth2(TOKEN)
        .contentType(ContentType.JSON)
        .body(
            """
            {"modes": ["json"],
             "batch": [
               {"url": "https://example.com/pricing", "tag": "a",
                "previous": {"json": {"price": "$19"}, "contentHash": "abc"},
                "current": {"json": {"price": "$24"}}},
               {"url": "https://example.com/about",
                "previous": {"json": {"team": 4}},
                "current": {"json": {"team": 4}}},
               {"url": "https://example.com/new", "modes": ["gitDiff"],
                "current": {"markdown": "# New"}}
             ]}
            """)
        .post("/v1/change-tracking/diff")
        .then()
        .statusCode(200)
        .body("data.size()", equalTo(3))
        .body("data[0].status", equalTo("changed"))
        .body("data[0].diff.json.price.previous", equalTo("$19"))
        .body("data[0].diff.json.price.current", equalTo("$24"))
        .body("data[0].diff", not(hasKey("text")))
        .body("data[0].contentHash", equalTo(Fingerprints.sha256("{\"price\":\"$24\"}")))
        .body("data[0].snapshot.json.price", equalTo("$24"))
        .body("data[0].snapshot", not(hasKey("markdown")))
        .body("data[0].tag", equalTo("a"))
        .body("data[1].status", equalTo("same"))
        .body("data[1]", not(hasKey("diff")))
        .body("data[1]", not(hasKey("tag")))
        .body("data[2].status", equalTo("changed"))
        .body("data[2].firstObservation", equalTo(true))
        .body("data[2].contentHash", equalTo(Fingerprints.markdownHash("# New")));
  }

  @Test
  void anUnknownModeIsA400NamingTheItem() {
    given()
        .auth()
        .oauth2(TOKEN)
        .contentType(ContentType.JSON)
        .body(
            "{\"batch\": [{\"current\": {\"markdown\": \"x\"}, \"modes\": [\"json\", \"words\"]}]}")
        .post("/v1/change-tracking/diff")
        .then()
        .statusCode(400)
        .body("success", equalTo(false))
        .body("error", equalTo("bad_request"))
        .body("message", containsString("'batch[0].modes[1]'"));
  }

  @Test
  void aBodyWithoutCurrentIsA400() {
    given()
        .auth()
        .oauth2(TOKEN)
        .contentType(ContentType.JSON)
        .body("{\"previous\": {\"markdown\": \"x\"}}")
        .post("/v1/change-tracking/diff")
        .then()
        .statusCode(400)
        .body("message", containsString("'current'"));
  }

  @Test
  void aWrongTypeIsA400NamingTheField() {
    given()
        .auth()
        .oauth2(TOKEN)
        .contentType(ContentType.JSON)
        .body("{\"current\": {\"markdown\": 42}}")
        .post("/v1/change-tracking/diff")
        .then()
        .statusCode(400)
        .body("success", equalTo(false))
        .body("message", containsString("'current.markdown'"));
  }

  @Test
  void anEmptyBatchIsA400() {
    given()
        .auth()
        .oauth2(TOKEN)
        .contentType(ContentType.JSON)
        .body("{\"batch\": []}")
        .post("/v1/change-tracking/diff")
        .then()
        .statusCode(400)
        .body("message", containsString("'batch'"));
  }

  @Test
  void aCallerWithoutATokenGetsTheFirecrawlEnvelope() {
    given()
        .contentType(ContentType.JSON)
        .body("{\"current\": {\"markdown\": \"x\"}}")
        .post("/v1/change-tracking/diff")
        .then()
        .statusCode(401)
        .body("success", equalTo(false))
        .body("error", equalTo("unauthorized"));
  }
}
