package dev.orbweaver.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * What every Orbweaver service promises, whatever else it does: it answers a caller whose JWT
 * auth-service signed, refuses one without a token or with a forged one, echoes a request id, and
 * is ready only when its PostgreSQL and Redis answer, and serves health, metrics and OpenAPI on its
 * management interface, not on the port that serves its API. Each service runs it with
 * {@code @QuarkusTest}.
 */
public abstract class ServiceContractTest {

  /**
   * How this service's tokens are made; services verified against {@link TestJwt} keep the default.
   */
  protected String userToken(long accountId) {
    return TestJwt.user(accountId, 7, "lifetime");
  }

  protected String forgedToken(long accountId) {
    return TestJwt.forged(accountId);
  }

  @Test
  void answersACallerWithAValidToken() {
    String service = ConfigProvider.getConfig().getValue("quarkus.application.name", String.class);
    given()
        .auth()
        .oauth2(userToken(42))
        .when()
        .get("/ping")
        .then()
        .statusCode(200)
        .body("service", equalTo(service))
        .body("account_id", equalTo(42))
        .header("X-Request-ID", notNullValue());
  }

  @Test
  void echoesTheCallersRequestId() {
    given()
        .auth()
        .oauth2(userToken(42))
        .header("X-Request-ID", "req_from_client_1")
        .when()
        .get("/ping")
        .then()
        .statusCode(200)
        .header("X-Request-ID", equalTo("req_from_client_1"));
  }

  @Test
  void refusesACallWithoutAToken() {
    given().when().get("/ping").then().statusCode(401).body("error", equalTo("auth_missing"));
  }

  @Test
  void refusesATokenSignedByAnotherKey() {
    given()
        .auth()
        .oauth2(forgedToken(42))
        .when()
        .get("/ping")
        .then()
        .statusCode(401)
        .body("error", equalTo("auth_invalid"));
  }

  @Test
  void isReadyWhenPostgresAndRedisAnswer() {
    ManagementInterface.given()
        .when()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"));
  }

  @Test
  void publishesMetricsAndOpenApiOnTheManagementInterfaceOnly() {
    for (String path : List.of("/q/health/ready", "/q/metrics", "/q/openapi?format=json")) {
      ManagementInterface.given().when().get(path).then().statusCode(200);
      given().when().get(path).then().statusCode(404);
    }
  }
}
