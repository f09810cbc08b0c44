package dev.orbweaver.scrape.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.orbweaver.scrape.support.Accounts;
import dev.orbweaver.testing.TestJwt;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

/**
 * Firecrawl's routes answer in Firecrawl's envelope also when no resource method took the call: a
 * method the path does not allow, a sub-path it does not have, a body of another media type.
 */
@QuarkusTest
@QuarkusTestResource(TestJwt.class)
class EnvelopesTest {

  private static RequestSpecification caller() {
    return given().auth().oauth2(TestJwt.user(Accounts.fresh(), 1, "lifetime"));
  }

  @Test
  void aMethodAPathDoesNotAllowIsA405InFirecrawlsEnvelope() {
    for (String path : new String[] {"/v1/scrape", "/v2/scrape", "/v1/map", "/v2/search"}) {
      caller()
          .get(path)
          .then()
          .statusCode(405)
          .body("success", equalTo(false))
          .body("error", equalTo("bad_request"));
    }
    given().get("/v1/scrape").then().statusCode(405).body("success", equalTo(false));
  }

  @Test
  void anUnknownSubPathIsA404InFirecrawlsEnvelope() {
    caller()
        .get("/v1/scrape/x/y")
        .then()
        .statusCode(404)
        .body("success", equalTo(false))
        .body("error", equalTo("not_found"))
        .body("message", equalTo("No such path."));
  }

  @Test
  void aBodyOfAnotherMediaTypeIsA415InFirecrawlsEnvelope() {
    caller()
        .contentType(ContentType.TEXT)
        .body("url=http://127.0.0.1:9/")
        .post("/v1/scrape")
        .then()
        .statusCode(415)
        .body("success", equalTo(false));
  }
}
