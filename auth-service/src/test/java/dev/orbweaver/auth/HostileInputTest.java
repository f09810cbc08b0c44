package dev.orbweaver.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Control characters, ids that cannot be ids and numbers of the wrong type or size: each is a 4xx
 * in the route's envelope (CrawlGraph's for keys, the internal one for the admin API), never a 500
 * and never a bare 404.
 */
@QuarkusTest
class HostileInputTest {
  String jwt;

  @BeforeEach
  void anAccount() {
    jwt = AuthTestFixtures.userToken(AuthTestFixtures.open("free").key());
  }

  private ValidatableResponse createKey(String bodyJson) {
    return given()
        .auth()
        .oauth2(jwt)
        .contentType(ContentType.JSON)
        .body(bodyJson)
        .when()
        .post("/api/v1/keys")
        .then();
  }

  private static void refused(ValidatableResponse response, int status, String error) {
    response
        .statusCode(status)
        .contentType(ContentType.JSON)
        .body("error", equalTo(error))
        .body("message", notNullValue())
        .body("request_id", notNullValue());
  }

  @ParameterizedTest
  @ValueSource(strings = {"\\u0000", "\\u0001", "\\u001f", "\\b", "\\f"})
  void aKeyLabelWithAControlCharacterIsA400NamingTheField(String escape) {
    ValidatableResponse response = createKey("{\"label\": \"bot" + escape + "\"}");
    refused(response, 400, "validation_error");
    response.body("message", containsString("'label'")).body("message", containsString("U+00"));
  }

  @Test
  void tabsAndLineBreaksAreText() {
    createKey("{\"label\": \"a\\tb\"}").statusCode(201);
  }

  @Test
  void aKeyIdThatCannotBeAnIdIsA404() {
    refused(given().auth().oauth2(jwt).when().delete("/api/v1/keys/%00").then(), 404, "not_found");
    refused(given().auth().oauth2(jwt).when().delete("/api/v1/keys/%01x").then(), 404, "not_found");
  }

  @Test
  void anAccountNameWithNulIsA400() {
    refused(
        AuthTestFixtures.admin()
            .body("{\"name\": \"evil\\u0000\", \"plan\": \"free\"}")
            .when()
            .post("/admin/v1/accounts")
            .then(),
        400,
        "validation_error");
  }

  @ParameterizedTest
  @ValueSource(strings = {"limit=abc", "limit=1000000000000", "limit=-1", "after=x", "after=-1"})
  void accountListingsRefuseBadNumbers(String query) {
    ValidatableResponse response =
        AuthTestFixtures.admin().when().get("/admin/v1/accounts?" + query).then();
    refused(response, 400, "validation_error");
    response.body("message", containsString(query.substring(0, query.indexOf('='))));
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "%00", "99999999999999999999"})
  void anAccountIdThatCannotBeAnIdIsA404(String id) {
    refused(
        AuthTestFixtures.admin().when().get("/admin/v1/accounts/" + id).then(), 404, "not_found");
  }
}
