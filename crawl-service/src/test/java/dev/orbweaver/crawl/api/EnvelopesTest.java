package dev.orbweaver.crawl.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.orbweaver.crawl.support.Accounts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every status a crawl route can answer comes in that route's envelope, also when no resource
 * method took the call: a method the path does not allow (405), a sub-path it does not have (404),
 * a body it does not read (415) or one too large (413).
 */
@QuarkusTest
class EnvelopesTest {
  String token;

  @BeforeEach
  void anAccount() {
    token = Accounts.open("selfhost").token();
  }

  private RequestSpecification caller() {
    return given().auth().oauth2(token);
  }

  @Test
  void aMethodAPathDoesNotAllowIsA405InItsDialect() {
    caller()
        .get("/api/v1/crawl/")
        .then()
        .statusCode(405)
        .body("error", equalTo("validation_error"))
        .body("detail", notNullValue());
    caller()
        .get("/v2/crawl/")
        .then()
        .statusCode(405)
        .body("success", equalTo(false))
        .body("error", equalTo("bad_request"));
    caller().get("/v1/crawl").then().statusCode(405).body("success", equalTo(false));
    caller().put("/v1/crawls").then().statusCode(405).body("error.code", equalTo("invalid_input"));
    caller()
        .post("/v1/pages/12")
        .then()
        .statusCode(405)
        .body("error.code", equalTo("invalid_input"));
  }

  @Test
  void anUnknownSubPathIsA404InItsDialect() {
    caller()
        .get("/v2/crawl/x/y")
        .then()
        .statusCode(404)
        .body("success", equalTo(false))
        .body("error", equalTo("not_found"))
        .body("message", equalTo("No such path."));
    caller()
        .get("/api/v1/crawl/x/y/z")
        .then()
        .statusCode(404)
        .body("error", equalTo("not_found"))
        .body("detail", equalTo("No such path."));
    caller()
        .get("/v1/crawls/1/nothing")
        .then()
        .statusCode(404)
        .body("error.code", equalTo("not_found"))
        .body("error.message", equalTo("No such path."));
  }

  @Test
  void aPathNoDialectOwnsAnswersInTheInternalEnvelope() {
    caller()
        .get("/nothing/here")
        .then()
        .statusCode(404)
        .body("error", equalTo("not_found"))
        .body("request_id", notNullValue())
        .body("detail", nullValue());
  }

  @Test
  void aBodyOfAnotherMediaTypeIsA415InItsDialect() {
    caller()
        .contentType(ContentType.TEXT)
        .body("url=https://example.com")
        .post("/v1/crawls")
        .then()
        .statusCode(415)
        .body("error.code", equalTo("invalid_input"));
    caller()
        .contentType(ContentType.XML)
        .body("<crawl/>")
        .post("/v2/crawl")
        .then()
        .statusCode(415)
        .body("success", equalTo(false));
    caller()
        .contentType(ContentType.TEXT)
        .body("x")
        .post("/api/v1/crawl")
        .then()
        .statusCode(415)
        .body("detail", notNullValue());
  }

  @Test
  void aMissingTokenIsA401InItsDialect() {
    given().get("/v1/crawls").then().statusCode(401).body("error.code", equalTo("unauthorized"));
    given()
        .get("/v2/crawl/abc")
        .then()
        .statusCode(401)
        .body("success", equalTo(false))
        .body("error", equalTo("unauthorized"));
    given().get("/api/v1/crawl/abc").then().statusCode(401).body("detail", notNullValue());
  }

  @Test
  void aDeclaredLengthOverTheServersLimitIsA413InItsDialectBeforeTheBodyIsRead()
      throws IOException {
    for (String path : List.of("/v1/crawls", "/v2/crawl", "/api/v1/crawl")) {
      try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
        socket.setSoTimeout(10_000);
        socket
            .getOutputStream()
            .write(
                ("POST "
                        + path
                        + " HTTP/1.1\r\nHost: crawl\r\nContent-Type: application/json\r\n"
                        + "Authorization: Bearer "
                        + token
                        + "\r\nContent-Length: 11534336\r\n\r\n{")
                    .getBytes(StandardCharsets.US_ASCII));
        String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(answer).startsWith("HTTP/1.1 413").containsIgnoringCase("connection: close");
        JsonPath body = JsonPath.from(answer.substring(answer.indexOf("\r\n\r\n") + 4));
        switch (path) {
          case "/v1/crawls" ->
              assertThat(body.getString("error.code")).isEqualTo("payload_too_large");
          case "/v2/crawl" -> {
            assertThat(body.getBoolean("success")).isFalse();
            assertThat(body.getString("error")).isEqualTo("payload_too_large");
          }
          default -> assertThat(body.getString("detail")).contains("too large");
        }
      }
    }
  }
}
