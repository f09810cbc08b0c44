package dev.orbweaver.auth;

import static io.restassured.RestAssured.given;

import dev.orbweaver.auth.key.ApiKeys;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.HexFormat;

/** What tests do through auth-service's own APIs: open accounts, exchange secrets, verify keys. */
public final class AuthTestFixtures {
  static final String ADMIN_TOKEN = "test-admin-token";
  static final String INTERNAL_SECRET = "test-internal-secret";

  private AuthTestFixtures() {}

  /** Opens an account through the admin API; returns its id and first key. */
  public static Opened open(String plan) {
    JsonPath body =
        given()
            .header("Authorization", "Bearer " + ADMIN_TOKEN)
            .contentType(ContentType.JSON)
            .body("{\"name\":\"test account\",\"plan\":\"" + plan + "\"}")
            .when()
            .post("/admin/v1/accounts")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    return new Opened(body.getLong("account.id"), body.getString("key.key"));
  }

  public static String serviceToken() {
    return given()
        .header("Authorization", "Bearer " + INTERNAL_SECRET)
        .contentType(ContentType.JSON)
        .body("{\"service\":\"gateway\"}")
        .when()
        .post("/internal/v1/service-tokens")
        .then()
        .statusCode(200)
        .extract()
        .path("token");
  }

  /** The user JWT the gateway would forward for this key. */
  public static String userToken(String key) {
    return verify(key).then().statusCode(200).extract().path("token");
  }

  /** The gateway's question about a key, as auth-service receives it. */
  public static io.restassured.response.Response verify(String key) {
    return given()
        .auth()
        .oauth2(serviceToken())
        .contentType(ContentType.JSON)
        .body("{\"key_hash\":\"" + hash(key) + "\"}")
        .when()
        .post("/internal/v1/keys/verify");
  }

  /** A request with the operator's token, ready for a JSON body. */
  public static io.restassured.specification.RequestSpecification admin() {
    return given().header("Authorization", "Bearer " + ADMIN_TOKEN).contentType(ContentType.JSON);
  }

  public static String hash(String key) {
    return HexFormat.of().formatHex(ApiKeys.sha256(key));
  }

  public static void setLimits(long accountId, String limitsJson) {
    given()
        .header("Authorization", "Bearer " + ADMIN_TOKEN)
        .contentType(ContentType.JSON)
        .body("{\"limits\":" + limitsJson + "}")
        .when()
        .patch("/admin/v1/accounts/" + accountId)
        .then()
        .statusCode(200);
  }

  public record Opened(long accountId, String key) {}
}
