package dev.orbweaver.backlink.api;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import dev.orbweaver.backlink.Api;
import dev.orbweaver.backlink.TestReleases;
import dev.orbweaver.testing.TestJwt;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Control characters, ids that cannot be ids and numbers of the wrong type or size: a 400 (404 for
 * ids) in CrawlGraph's envelope, never a 500.
 */
@QuarkusTest
@QuarkusTestResource(TestJwt.class)
@QuarkusTestResource(TestReleases.class)
class HostileInputTest {

  private static void refused(ValidatableResponse response, int status, String field) {
    response
        .statusCode(status)
        .body("error", equalTo(status == 404 ? "not_found" : "validation_error"))
        .body("message", containsString(field))
        .body("request_id", notNullValue());
  }

  @ParameterizedTest
  @ValueSource(strings = {"%00", "gap_%01", "%0D%0A"})
  void aGapJobIdThatCannotBeAnIdIsA404(String id) {
    refused(Api.caller().get("/api/v1/gap-analysis/" + id).then(), 404, "");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/api/v1/backlinks|{\"domain\": \"example.com\\u0000\"}|domain",
        "/api/v1/backlinks|{\"domain\": \"example.com\", \"release_id\": \"\\u0001\"}|release_id",
        "/api/v1/gap-analysis|{\"my_domain\": \"a.com\", \"competitor_domains\": [\"b.com\\u0000\"]}|competitor_domains[0]",
        "/api/v1/outreach-targets|{\"my_domain\": \"\\u0000\", \"competitor_domains\": [\"b.com\"]}|my_domain"
      })
  void aBodyWithAControlCharacterIsA400NamingTheField(String call) {
    String[] parts = call.split("\\|");
    refused(Api.caller().body(parts[1]).post(parts[0]).then(), 400, "'" + parts[2] + "'");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "limit=abc",
        "limit=-1",
        "limit=1000000000000",
        "domain=example.com%00",
        "from=%01"
      })
  void changesRefuseBadQueryParameters(String query) {
    refused(
        Api.caller().get("/api/v1/changes?" + query).then(),
        400,
        query.substring(0, query.indexOf('=')));
  }
}
