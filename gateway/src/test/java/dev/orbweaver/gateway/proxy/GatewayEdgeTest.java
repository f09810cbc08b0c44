package dev.orbweaver.gateway.proxy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * What the gateway answers on its own, before any service is involved: health, unknown paths,
 * missing keys in each dialect's envelope, and services that are down.
 */
@QuarkusTest
class GatewayEdgeTest {

  @Test
  void healthIsLiveWithoutAKeyAndCarriesARequestId() {
    given()
        .when()
        .get("/v1/health")
        .then()
        .statusCode(200)
        .body(equalTo("ok"))
        .header("X-Request-ID", matchesPattern("req_[0-9a-f]{16}"));
  }

  @Test
  void aClientsRequestIdIsEchoed() {
    given()
        .header("X-Request-ID", "my-trace-7")
        .when()
        .get("/v1/health")
        .then()
        .header("X-Request-ID", "my-trace-7");
    given()
        .header("X-Request-ID", "bad id\twith tab")
        .when()
        .get("/v1/health")
        .then()
        .header("X-Request-ID", matchesPattern("req_[0-9a-f]{16}"));
  }

  @Test
  void anUnknownPathIsNotFound() {
    given()
        .when()
        .get("/v9/nothing")
        .then()
        .statusCode(404)
        .body("error", equalTo("not_found"))
        .body("request_id", matchesPattern("req_.*"));
  }

  @Test
  void aMissingKeyIsRefusedInTheRoutesDialect() {
    given()
        .when()
        .post("/api/v1/backlinks")
        .then()
        .statusCode(401)
        .body("error", equalTo("auth_missing"))
        .body("message", equalTo("Authorization header missing or malformed."))
        .body("request_id", matchesPattern("req_.*"));
    given()
        .when()
        .post("/v1/crawls")
        .then()
        .statusCode(401)
        .body("error.code", equalTo("unauthorized"));
    given()
        .when()
        .post("/v1/scrape")
        .then()
        .statusCode(401)
        .body("success", equalTo(false))
        .body("error", equalTo("unauthorized"));
    given()
        .when()
        .post("/api/v1/crawl")
        .then()
        .statusCode(401)
        .body("error", equalTo("unauthorized"));
    given()
        .header("Authorization", "Basic abc")
        .when()
        .get("/api/v1/releases")
        .then()
        .statusCode(401)
        .body("error", equalTo("auth_missing"));
  }

  @Test
  void aKeyThatCannotBeVerifiedBecauseAuthIsDownIsA503NotA401() {
    given()
        .header("Authorization", "Bearer ow_live_whatever")
        .when()
        .get("/api/v1/releases")
        .then()
        .statusCode(503)
        .body("error", equalTo("service_unavailable"));
  }

  @Test
  void aServiceThatIsDownAnswers503InItsDialect() {
    given()
        .header("Authorization", "Bearer admin-token")
        .when()
        .get("/admin/v1/accounts")
        .then()
        .statusCode(503)
        .body("error", equalTo("service_unavailable"))
        .body("message", equalTo("auth-service is unavailable; retry shortly."));
  }

  @Test
  void readinessNamesWhatIsDown() {
    given()
        .when()
        .get("/v1/ready")
        .then()
        .statusCode(503)
        .body("status", equalTo("not_ready"))
        .body("failing", hasItems("auth-service", "crawl-service"))
        .body("components.postgres", equalTo("up"))
        .body("components.redis", equalTo("up"));
  }

  @Test
  void quarkusOwnEndpointsStayServed() {
    given().when().get("/q/health/live").then().statusCode(200);
  }
}
