package dev.orbweaver.auth.logging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A line logged while a request is served carries that request's id in the JSON log: libs/common
 * puts X-Request-ID in the MDC before matching, and the log line is written after RESTEasy moved
 * the request to a worker thread. The JSON goes to a file here because tests log plain text to the
 * console; production writes the same JSON to the console.
 */
@QuarkusTest
@TestProfile(JsonLogsCarryTheRequestIdTest.JsonFileLog.class)
class JsonLogsCarryTheRequestIdTest {
  static final java.nio.file.Path LOG =
      java.nio.file.Path.of("target", "json-log-test", "auth.log");

  @Test
  void anUnhandledErrorIsLoggedAsJsonWithTheCallersRequestId() throws IOException {
    String requestId = "req_json_" + UUID.randomUUID().toString().replace("-", "");

    given()
        .header("X-Request-ID", requestId)
        .when()
        .get("/test-only/boom")
        .then()
        .statusCode(500)
        .header("X-Request-ID", requestId);

    ObjectMapper json = new ObjectMapper();
    List<JsonNode> lines = Files.readAllLines(LOG).stream().map(line -> parse(json, line)).toList();
    assertThat(lines)
        .filteredOn(l -> l.path("message").asText().startsWith("Unhandled error in request"))
        .filteredOn(l -> l.path("mdc").path("request_id").asText().equals(requestId))
        .as("a JSON line with mdc.request_id = %s in %s", requestId, LOG)
        .hasSize(1)
        .allSatisfy(l -> assertThat(l.path("level").asText()).isEqualTo("ERROR"));
  }

  private static JsonNode parse(ObjectMapper json, String line) {
    try {
      return json.readTree(line);
    } catch (IOException e) {
      throw new AssertionError("not a JSON log line: " + line, e);
    }
  }

  /** JSON log lines in a file of their own, as the production console writes them. */
  public static class JsonFileLog implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      try {
        Files.deleteIfExists(LOG);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      return Map.of(
          "quarkus.log.file.enabled", "true",
          "quarkus.log.file.path", LOG.toString(),
          "quarkus.log.file.json.enabled", "true");
    }
  }

  /** A bug on purpose: the shared error mapper logs it with the request's id. */
  @Path("/test-only/boom")
  public static class Boom {
    @GET
    @PermitAll
    public String boom() {
      throw new IllegalStateException("a bug on purpose");
    }
  }
}
