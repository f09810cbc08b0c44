package dev.orbweaver.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The front door as an operator meets it: up, health, and services that refuse to be bypassed. */
@ExtendWith(PlatformExtension.class)
class PlatformSpineIT {

  @Test
  void upPrintsAKeyThatWorksThroughTheGateway(Platform platform) {
    given()
        .baseUri(platform.gatewayUrl())
        .header("Authorization", "Bearer " + platform.firstKey())
        .when()
        .get("/api/v1/usage")
        .then()
        .statusCode(200);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "auth-service",
        "backlink-service",
        "crawl-service",
        "scrape-service",
        "webhook-service"
      })
  void aServiceCalledWithoutTheGatewaysJwtRefuses(String service, Platform platform) {
    given()
        .baseUri(platform.serviceUrl(service))
        .header("Authorization", "Bearer " + platform.firstKey())
        .when()
        .get("/ping")
        .then()
        .statusCode(401);
    given().baseUri(platform.serviceUrl(service)).when().get("/ping").then().statusCode(401);
  }

  @Test
  void healthAnswersWithoutAKey(Platform platform) {
    given()
        .baseUri(platform.gatewayUrl())
        .when()
        .get("/v1/health")
        .then()
        .statusCode(200)
        .body(equalTo("ok"));
  }

  @Test
  void aRequestIdIsEchoedThroughTheGatewayAndTheService(Platform platform) {
    Gateway.as(platform, platform.firstKey())
        .header("X-Request-ID", "trace-e2e-1")
        .get("/ping/auth-service")
        .then()
        .statusCode(200)
        .header("X-Request-ID", "trace-e2e-1");
    String id =
        Gateway.as(platform, platform.firstKey()).get("/api/v1/usage").header("X-Request-ID");
    org.assertj.core.api.Assertions.assertThat(id).startsWith("req_");
  }

  @Test
  void errorsTheGatewayRaisesSpeakEachRoutesDialect(Platform platform) {
    Gateway.anonymous(platform)
        .post("/api/v1/backlinks")
        .then()
        .statusCode(401)
        .body("error", equalTo("auth_missing"));
    Gateway.anonymous(platform)
        .header("Authorization", "Bearer ow_live_nope")
        .post("/api/v1/backlinks")
        .then()
        .statusCode(401)
        .body("error", equalTo("auth_invalid"));
    Gateway.anonymous(platform)
        .post("/v1/crawls")
        .then()
        .statusCode(401)
        .body("error.code", equalTo("unauthorized"));
    Gateway.anonymous(platform)
        .post("/v1/scrape")
        .then()
        .statusCode(401)
        .body("success", equalTo(false))
        .body("error", equalTo("unauthorized"));
    Gateway.anonymous(platform)
        .post("/api/v1/crawl")
        .then()
        .statusCode(401)
        .body("error", equalTo("unauthorized"));
  }

  @Test
  void readyIsUpWhenEverythingIs(Platform platform) {
    given()
        .baseUri(platform.gatewayUrl())
        .when()
        .get("/v1/ready")
        .then()
        .statusCode(200)
        .body(equalTo("ready"));
  }
}
