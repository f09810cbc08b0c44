package dev.orbweaver.crawl.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.orbweaver.crawl.support.Accounts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Control characters, values HTTP cannot carry, ids that cannot be ids and numbers of the wrong
 * type or size, in each of the three dialects: a 400 (404 for ids) in the dialect's envelope, never
 * a 500 or a bare 404.
 */
@QuarkusTest
class HostileInputTest {
  /** Nothing listens there: a crawl of it exists, which is all these tests need. */
  static final String NOWHERE = "http://127.0.0.1:9/";

  String token;

  @BeforeEach
  void anAccount() {
    token = Accounts.open("selfhost").token();
  }

  private RequestSpecification caller() {
    return given().auth().oauth2(token).contentType(ContentType.JSON);
  }

  private static void crawlcrawlRefuses(ValidatableResponse response, int status, String field) {
    response
        .statusCode(status)
        .body("error.code", equalTo(status == 404 ? "not_found" : "invalid_input"))
        .body("error.message", containsString(field));
  }

  private static void alterlabRefuses(ValidatableResponse response, String field) {
    response
        .statusCode(400)
        .body("error", equalTo("validation_error"))
        .body("detail", containsString(field));
  }

  private static void firecrawlRefuses(ValidatableResponse response, int status, String field) {
    response
        .statusCode(status)
        .body("success", equalTo(false))
        .body("error", equalTo(status == 404 ? "not_found" : "bad_request"))
        .body("message", containsString(field));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"headers\": {\"X-Trace\": \"a\\u0000b\"}}",
        "{\"headers\": {\"X-Trace\": \"a\\r\\nX-Injected: 1\"}}",
        "{\"headers\": {\"X-Tr\\u0001ce\": \"a\"}}",
        "{\"headers\": {\"Bad Name\": \"a\"}}",
        "{\"headers\": {\"X-Trace\": \"caf\\u00e9\"}}"
      })
  void crawlcrawlHeadersMustBeSendable(String fields) {
    crawlcrawlRefuses(caller().body(withUrl(fields)).post("/v1/crawls").then(), 400, "headers");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"user_agent\": \"bot\\u0000\"}",
        "{\"user_agent\": \"bot\\nX-Injected: 1\"}",
        "{\"cookies\": \"a=b\\u0001\"}",
        "{\"cookies\": \"a=b\\r\\nX-Injected: 1\"}",
        "{\"proxy_url\": \"http://proxy\\u0000\"}"
      })
  void crawlcrawlUserAgentCookiesAndProxyMustBeSendable(String fields) {
    String field = fields.substring(2, fields.indexOf('"', 2));
    crawlcrawlRefuses(caller().body(withUrl(fields)).post("/v1/crawls").then(), 400, field);
  }

  @Test
  void crawlcrawlIdsThatCannotBeIdsAre404s() {
    crawlcrawlRefuses(caller().get("/v1/crawls/abc").then(), 404, "");
    crawlcrawlRefuses(caller().get("/v1/crawls/%00").then(), 404, "");
    crawlcrawlRefuses(caller().delete("/v1/crawls/99999999999999999999").then(), 404, "");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/v1/crawls?limit=abc",
        "/v1/crawls?offset=-1",
        "/v1/crawls?offset=1000000000000",
        "/v1/crawls/1/pages?status=ok",
        "/v1/pages/1?format=html%00"
      })
  void crawlcrawlQueryParametersOfTheWrongTypeOrSizeAre400s(String path) {
    String name = path.substring(path.indexOf('?') + 1, path.indexOf('='));
    crawlcrawlRefuses(caller().get(path).then(), 400, name);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"include_patterns\": [\"/blog/\\u0000*\"]}",
        "{\"exclude_patterns\": [\"\\u0007\"]}",
        "{\"headers\": {\"X-Trace\": \"a\\r\\nb\"}}",
        "{\"webhook\": {\"url\": \"https://hooks.example.com/\", \"metadata\": {\"note\": \"\\u0000\"}}}",
        "{\"webhook\": {\"url\": \"https://hooks.example.com/\", \"headers\": {\"X\": \"\\n\"}}}",
        "{\"priority\": {\"keywords\": [\"\\u0000\"]}}"
      })
  void alterlabFieldsWithControlCharactersAre400s(String fields) {
    String field = fields.substring(2, fields.indexOf('"', 2));
    alterlabRefuses(caller().body(withUrl(fields)).post("/api/v1/crawl").then(), field);
  }

  @Test
  void webhookMetadataNamesTheFieldInside() {
    caller()
        .body(
            withUrl(
                "{\"webhook\": {\"url\": \"https://hooks.example.com/\","
                    + " \"metadata\": {\"tags\": [\"ok\", \"\\u0000\"]}}}"))
        .post("/api/v1/crawl")
        .then()
        .statusCode(400)
        .body("detail", containsString("'webhook.metadata.tags[1]'"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "include_results=true&offset=-1",
        "include_results=true&offset=abc",
        "include_results=true&offset=1000000000000",
        "include_results=yes"
      })
  void alterlabResultPagesRefuseBadNumbers(String query) {
    String id =
        caller()
            .body("{\"url\": \"" + NOWHERE + "\", \"max_pages\": 1}")
            .post("/api/v1/crawl")
            .then()
            .statusCode(202)
            .extract()
            .path("crawl_id");
    String last = query.substring(query.lastIndexOf('&') + 1);
    alterlabRefuses(
        caller().get("/api/v1/crawl/" + id + "?" + query).then(),
        last.substring(0, last.indexOf('=')));
  }

  @Test
  void alterlabIdsThatCannotBeIdsAre404s() {
    caller().get("/api/v1/crawl/%00").then().statusCode(404).body("error", equalTo("not_found"));
    caller().delete("/api/v1/crawl/%01").then().statusCode(404).body("error", equalTo("not_found"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"includePaths\": [\"^/blog/\\u0000\"]}",
        "{\"excludePaths\": [\"\\u0001\"]}",
        "{\"scrapeOptions\": {\"headers\": {\"X-Trace\": \"a\\r\\nb\"}}}",
        "{\"scrapeOptions\": {\"headers\": {\"X-Trace\": \"\\u0000\"}}}",
        "{\"webhook\": {\"url\": \"https://hooks.example.com/\", \"headers\": {\"X\": \"\\r\"}}}",
        "{\"webhook\": {\"url\": \"https://hooks.example.com/\", \"metadata\": {\"k\": \"\\u0000\"}}}"
      })
  void firecrawlFieldsWithControlCharactersAre400s(String fields) {
    String field = fields.substring(2, fields.indexOf('"', 2));
    for (String path : new String[] {"/v1/crawl", "/v2/crawl"}) {
      firecrawlRefuses(caller().body(withUrl(fields)).post(path).then(), 400, field);
    }
  }

  @Test
  void firecrawlStatusPagesRefuseBadSkipsAndIds() {
    String id =
        caller()
            .body("{\"url\": \"" + NOWHERE + "\", \"limit\": 1}")
            .post("/v1/crawl")
            .then()
            .statusCode(200)
            .extract()
            .path("id");
    for (String skip : new String[] {"-1", "abc", "1000000000000"}) {
      firecrawlRefuses(caller().get("/v1/crawl/" + id + "?skip=" + skip).then(), 400, "skip");
    }
    firecrawlRefuses(caller().get("/v2/crawl/%00").then(), 404, "");
    firecrawlRefuses(caller().delete("/v1/crawl/%00").then(), 404, "");
  }

  /** The fields of a crawl request, with a url added. */
  private static String withUrl(String fields) {
    return "{\"url\": \"" + NOWHERE + "\", " + fields.substring(1);
  }

  /**
   * No resource method takes a text body, so no method's dialect is known: the service answers in
   * the one the gateway names for the route (it answered in the internal envelope before).
   */
  @Test
  void aBodyOfTheWrongMediaTypeIsA415InTheDialectTheGatewayNames() {
    String text = "{\"url\": \"" + NOWHERE + "\"}";
    given()
        .auth()
        .oauth2(token)
        .header("X-Orbweaver-Dialect", "firecrawl")
        .contentType(ContentType.TEXT)
        .body(text)
        .post("/v2/crawl")
        .then()
        .statusCode(415)
        .body("success", equalTo(false))
        .body("error", equalTo("bad_request"));
    given()
        .auth()
        .oauth2(token)
        .header("X-Orbweaver-Dialect", "crawlcrawl")
        .contentType(ContentType.TEXT)
        .body(text)
        .post("/v1/crawls")
        .then()
        .statusCode(415)
        .body("error.code", equalTo("invalid_input"));
    given()
        .auth()
        .oauth2(token)
        .header("X-Orbweaver-Dialect", "alterlab")
        .get("/api/v1/crawl/" + java.util.UUID.randomUUID() + "/nothing-here")
        .then()
        .statusCode(404)
        .body("error", equalTo("not_found"))
        .body("detail", equalTo("No such path."));
  }
}
