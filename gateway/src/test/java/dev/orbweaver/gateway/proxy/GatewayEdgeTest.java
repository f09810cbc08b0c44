package dev.orbweaver.gateway.proxy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import dev.orbweaver.gateway.support.AuthServiceProcess;
import dev.orbweaver.gateway.support.GatewayClient;
import dev.orbweaver.gateway.support.LoopbackService;
import dev.orbweaver.gateway.support.TestAccounts;
import dev.orbweaver.testing.ManagementInterface;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the gateway answers on its own, before any service is involved: health, readiness, unknown
 * and management paths, and missing keys in each dialect's envelope.
 */
@QuarkusTest
@QuarkusTestResource(AuthServiceProcess.class)
@QuarkusTestResource(LoopbackService.class)
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

  /**
   * Dot segments that lead out of every route: the client wrote a route's path and reads that
   * route's errors.
   */
  @Test
  void aPathThatResolvesToNoRouteIsNotFoundInTheEnvelopeOfTheRouteWritten() {
    given()
        .urlEncodingEnabled(false)
        .when()
        .get("/api/v1/crawl/%2e%2e")
        .then()
        .statusCode(404)
        .body("error", equalTo("not_found"))
        .body("detail", equalTo("No such path."));
    given()
        .urlEncodingEnabled(false)
        .when()
        .get("/v1/crawls/%2e%2e")
        .then()
        .statusCode(404)
        .body("error.code", equalTo("not_found"));
  }

  /**
   * Vert.x answered a request line over 4 KB with a bare 414 and no body; services still would, so
   * the gateway refuses long targets itself, in the route's envelope, whatever the rest says.
   */
  @Test
  void aPathOrQueryTooLongToForwardIsA414InTheRoutesEnvelope() {
    String id = "a".repeat(5_000);
    given()
        .when()
        .get("/v2/crawl/" + id)
        .then()
        .statusCode(414)
        .body("success", equalTo(false))
        .body("error", equalTo("uri_too_long"));
    given()
        .when()
        .get("/v1/crawls?offset=" + id)
        .then()
        .statusCode(414)
        .body("error.code", equalTo("uri_too_long"));
    given()
        .when()
        .delete("/api/v1/keys/" + "a".repeat(12_000))
        .then()
        .statusCode(414)
        .body("error", equalTo("uri_too_long"))
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
  void aRefusedCallLeavesTheConnectionToTheNextOne() throws IOException {
    try (Socket socket = GatewayClient.open()) {
      GatewayClient.head(
          socket,
          "POST /v1/scrape",
          null,
          TestAccounts.freshClientAddress(),
          "Content-Length: 2\r\n");
      socket.getOutputStream().write("{}".getBytes(StandardCharsets.US_ASCII));
      String refused = GatewayClient.readAnswer(socket.getInputStream());
      assertThat(refused)
          .startsWith("HTTP/1.1 401")
          .doesNotContainIgnoringCase("connection: close");

      GatewayClient.head(socket, "GET /v1/health", null, TestAccounts.freshClientAddress(), "");
      assertThat(GatewayClient.readAnswer(socket.getInputStream()))
          .startsWith("HTTP/1.1 200")
          .endsWith("ok");
    }
  }

  @Test
  void readinessNamesWhatIsDown() {
    given()
        .when()
        .get("/v1/ready")
        .then()
        .statusCode(503)
        .body("status", equalTo("not_ready"))
        .body("failing", containsInAnyOrder("backlink-service", "crawl-service", "webhook-service"))
        .body("components.postgres", equalTo("up"))
        .body("components.redis", equalTo("up"))
        .body("components.auth-service", equalTo("up"))
        .body("components.scrape-service", equalTo("up"))
        .body("components.crawl-service", equalTo("down"))
        .body("request_id", matchesPattern("req_.*"));
  }

  @Test
  void requestsAreCountedByRouteAndStatus() {
    given().when().post("/v2/map").then().statusCode(401);
    ManagementInterface.given()
        .when()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(containsString("orbweaver_gateway_requests_total{route=\"map-v2\",status=\"401\"}"));
  }

  @Test
  void healthAndMetricsAreServedOnTheManagementInterface() {
    ManagementInterface.given().when().get("/q/health/live").then().statusCode(200);
    ManagementInterface.given().when().get("/q/health/ready").then().statusCode(200);
    ManagementInterface.given().when().get("/q/metrics").then().statusCode(200);
  }

  /**
   * Health, metrics and OpenAPI are the management interface's: through the public port, whatever
   * the spelling (dot segments, percent-encoded letters, a route's prefix in front), they are an
   * unknown path in the gateway's envelope and never reach a service.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "/q",
        "/q/",
        "/q/metrics",
        "/q/health",
        "/q/health/live",
        "/q/health/ready",
        "/q/openapi",
        "/q/openapi?format=json",
        "/q/swagger-ui",
        "/q/dev-ui",
        "/v1/scrape/../../q/metrics",
        "/v1/scrape/%2e%2e/%2e%2e/q/health/ready",
        "/v1/scrape/%2E%2E/%2E%2E/q/openapi",
        "/%71/metrics",
        "/q/%6Detrics",
        "/%71/health/ready",
        "/./q/openapi",
        "/docs/../q/openapi",
      })
  void managementPathsAreNotFoundThroughThePublicPort(String path) {
    given()
        .urlEncodingEnabled(false)
        .header("X-Forwarded-For", "203.0.113.80")
        .when()
        .get(path)
        .then()
        .statusCode(404)
        .contentType(containsString("application/json"))
        .body("error", equalTo("not_found"))
        .body("request_id", matchesPattern("req_.*"));
  }
}
