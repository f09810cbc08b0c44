package dev.orbweaver.scrape.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.orbweaver.scrape.support.Accounts;
import dev.orbweaver.testing.TestJwt;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Control characters, headers HTTP cannot carry, ids that cannot be ids and numbers of the wrong
 * type or size: a 400 (404 for ids) in Firecrawl's envelope, never a 500 or a bare 404.
 */
@QuarkusTest
@QuarkusTestResource(TestJwt.class)
class HostileInputTest {
  private static final String URL = "http://127.0.0.1:9/";

  private static RequestSpecification caller() {
    return given()
        .auth()
        .oauth2(TestJwt.user(Accounts.fresh(), 1, "lifetime"))
        .contentType(ContentType.JSON);
  }

  private static void refused(ValidatableResponse response, int status, String field) {
    response
        .statusCode(status)
        .body("success", equalTo(false))
        .body("error", equalTo(status == 404 ? "not_found" : "bad_request"))
        .body("message", containsString(field));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"X-Trace\": \"a\\u0000b\"}",
        "{\"X-Trace\": \"a\\r\\nX-Injected: 1\"}",
        "{\"X-Tr\\u0001ce\": \"a\"}",
        "{\"Bad Name\": \"a\"}"
      })
  void headersThatCannotBeSentAre400s(String headers) {
    for (String path : new String[] {"/v1/scrape", "/v2/scrape"}) {
      refused(
          caller()
              .body("{\"url\": \"" + URL + "\", \"headers\": " + headers + "}")
              .post(path)
              .then(),
          400,
          "headers");
    }
    for (String path : new String[] {"/v1/batch/scrape", "/v2/batch/scrape"}) {
      refused(
          caller()
              .body("{\"urls\": [\"" + URL + "\"], \"headers\": " + headers + "}")
              .post(path)
              .then(),
          400,
          "headers");
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/v1/map|{\"url\": \"http://127.0.0.1:9/\", \"search\": \"a\\u0000\"}|search",
        "/v1/search|{\"query\": \"\\u0000\"}|query",
        "/v1/extract|{\"urls\": [\"http://127.0.0.1:9/\"], \"prompt\": \"\\u0001\"}|prompt",
        "/v1/scrape|{\"url\": \"http://127.0.0.1:9/\\u0000\"}|url"
      })
  void aBodyWithAControlCharacterIsA400NamingTheField(String call) {
    String[] parts = call.split("\\|");
    refused(caller().body(parts[1]).post(parts[0]).then(), 400, "'" + parts[2] + "'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"skip=abc", "skip=-1", "skip=1000000000000", "skip=2000000"})
  void batchStatusPagesRefuseBadSkips(String query) {
    for (String version : new String[] {"v1", "v2"}) {
      refused(
          caller()
              .get("/" + version + "/batch/scrape/0b1e1f84-6d1f-4d6e-9d0b-1b2a3c4d5e6f?" + query)
              .then(),
          400,
          "skip");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"%00", "%01abc", "not-a-job"})
  void batchIdsThatCannotBeIdsAre404s(String id) {
    refused(caller().get("/v1/batch/scrape/" + id).then(), 404, "");
    refused(caller().delete("/v2/batch/scrape/" + id).then(), 404, "");
  }
}
