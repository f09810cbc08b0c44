package dev.orbweaver.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The front door as an operator meets it: up, health, management ports that stay private, and
 * services that refuse to be bypassed.
 */
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

  /**
   * Health, metrics and OpenAPI are on each service's management port (its port + 100, loopback);
   * the public port answers /q/* in no spelling, and no service serves them on its API port.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "gateway",
        "auth-service",
        "backlink-service",
        "crawl-service",
        "scrape-service",
        "webhook-service"
      })
  void managementEndpointsAnswerOnlyOnEachServicesManagementPort(
      String service, Platform platform) {
    given()
        .baseUri(platform.managementUrl(service))
        .when()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"));
    given()
        .baseUri(platform.managementUrl(service))
        .when()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(containsString("jvm_memory_used_bytes"));
    for (String path : List.of("/q/health/ready", "/q/metrics", "/q/openapi")) {
      given().baseUri(platform.serviceUrl(service)).when().get(path).then().statusCode(404);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/q/metrics",
        "/q/health",
        "/q/health/ready",
        "/q/openapi",
        "/v1/scrape/../../q/metrics",
        "/v1/scrape/%2e%2e/%2e%2e/q/health/ready",
        "/ping/auth-service/../../q/openapi",
        "/%71/metrics"
      })
  void managementPathsAreNotReachableThroughTheGateway(String path, Platform platform) {
    given()
        .baseUri(platform.gatewayUrl())
        .urlEncodingEnabled(false)
        .header("Authorization", "Bearer " + platform.firstKey())
        .when()
        .get(path)
        .then()
        .statusCode(404)
        .body("error", equalTo("not_found"));
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

  /**
   * What no service method takes still answers in the route's envelope, not CrawlGraph's: a method
   * the path does not allow, a sub-path it does not have, a body of another media type. None of
   * them costs a unit of the route's quota.
   */
  @Test
  void errorsNoServiceMethodTookSpeakEachRoutesDialectAndCostNothing(Platform platform) {
    Platform.Account account = platform.createAccount("envelopes", "lifetime");
    Gateway.as(platform, account.key())
        .get("/v1/scrape")
        .then()
        .statusCode(405)
        .body("success", equalTo(false))
        .body("error", equalTo("bad_request"));
    Gateway.as(platform, account.key())
        .get("/api/v1/crawl/")
        .then()
        .statusCode(405)
        .body("error", equalTo("validation_error"))
        .body("detail", org.hamcrest.Matchers.notNullValue());
    Gateway.as(platform, account.key())
        .get("/v2/crawl/")
        .then()
        .statusCode(405)
        .body("success", equalTo(false));
    Gateway.as(platform, account.key())
        .get("/v2/crawl/x/y")
        .then()
        .statusCode(404)
        .body("success", equalTo(false))
        .body("error", equalTo("not_found"))
        .body("message", equalTo("No such path."));
    Gateway.as(platform, account.key())
        .contentType("text/plain")
        .body("url=https://example.com")
        .post("/v1/crawls")
        .then()
        .statusCode(415)
        .body("error.code", equalTo("invalid_input"));
    org.assertj.core.api.Assertions.assertThat(Usage.settled(platform, account.key(), "scrape"))
        .isZero();
    org.assertj.core.api.Assertions.assertThat(Usage.settled(platform, account.key(), "crawl"))
        .isZero();
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
