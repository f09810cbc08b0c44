package dev.orbweaver.gateway.mcp;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import dev.orbweaver.gateway.support.AuthServiceProcess;
import dev.orbweaver.gateway.support.LoopbackService;
import dev.orbweaver.gateway.support.TestAccounts;
import io.quarkiverse.mcp.server.ToolManager;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The MCP endpoint in the gateway with the real auth-service and a loopback server in
 * scrape-service's place: keys are checked on every request, and a tool call spends (and is refused
 * by) the quota of the HTTP call it stands for.
 */
@QuarkusTest
@QuarkusTestResource(AuthServiceProcess.class)
@QuarkusTestResource(LoopbackService.class)
class McpEndpointTest {
  private static final String INITIALIZE =
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
          + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"test\",\"version\":\"1\"}}}";

  private static final String TOOLS_LIST =
      "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\",\"params\":{}}";

  @Inject ToolManager tools;

  @Test
  void withoutAKeyOrWithAWrongOneTheEndpointAnswers401InCrawlGraphsEnvelope() {
    mcp(null, null, INITIALIZE)
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", "Bearer")
        .body("error", equalTo("auth_missing"))
        .body("request_id", matchesPattern("req_.*"));
    mcp("ow_live_nobody", null, INITIALIZE)
        .then()
        .statusCode(401)
        .body("error", equalTo("auth_invalid"));
  }

  @Test
  void aToolCallSpendsItsHttpCallsQuotaAndIsRefusedOnceItIsSpent() {
    TestAccounts.Opened account = TestAccounts.open("lifetime");
    given()
        .header("Authorization", "Bearer " + AuthServiceProcess.ADMIN_TOKEN)
        .contentType("application/json")
        .body("{\"limits\":{\"scrape\":1}}")
        .patch("/admin/v1/accounts/" + account.accountId())
        .then()
        .statusCode(200);
    String session =
        mcp(account.key(), null, INITIALIZE)
            .then()
            .statusCode(200)
            .extract()
            .header("Mcp-Session-Id");

    JsonPath first = call(account.key(), session, 2, "scrape", "{\"url\":\"http://site.test/\"}");
    assertThat(first.getBoolean("result.isError")).isFalse();
    assertThat(first.getString("result.content[0].text"))
        .startsWith("# (no title)\nurl: http://site.test/ · status - · 0 characters of Markdown");
    assertThat(used(account.key(), "scrape")).isEqualTo(1);

    JsonPath second = call(account.key(), session, 3, "scrape", "{\"url\":\"http://site.test/\"}");
    assertThat(second.getBoolean("result.isError")).isTrue();
    assertThat(second.getString("result.content[0].text"))
        .matches(
            "quota_exceeded \\(HTTP 429\\): Monthly quota hit; check Retry-After\\. Retry after \\d+"
                + " s\\.");
    assertThat(used(account.key(), "scrape")).isEqualTo(1);
  }

  @Test
  void aSessionAnswersOnlyToTheKeyThatOpenedIt() {
    TestAccounts.Opened owner = TestAccounts.open("lifetime");
    TestAccounts.Opened stranger = TestAccounts.open("lifetime");
    String secondKeyOfTheOwner =
        given()
            .header("Authorization", "Bearer " + owner.key())
            .contentType("application/json")
            .body("{\"label\":\"second\"}")
            .post("/api/v1/keys")
            .then()
            .statusCode(201)
            .extract()
            .path("key");
    String session =
        mcp(owner.key(), null, INITIALIZE)
            .then()
            .statusCode(200)
            .extract()
            .header("Mcp-Session-Id");
    assertThat(session).isNotBlank();

    for (String otherKey : List.of(stranger.key(), secondKeyOfTheOwner)) {
      mcp(otherKey, session, TOOLS_LIST)
          .then()
          .statusCode(404)
          .body("error", equalTo("not_found"))
          .body("message", equalTo("No such MCP session; open one with initialize."));
      given()
          .header("Authorization", "Bearer " + otherKey)
          .header("Mcp-Session-Id", session)
          .delete("/mcp")
          .then()
          .statusCode(404);
    }

    mcp(owner.key(), session, TOOLS_LIST)
        .then()
        .statusCode(200)
        .body("result.tools.size()", org.hamcrest.Matchers.greaterThan(0));
  }

  /**
   * Messages the MCP server answered with a 500 (not an object, an empty batch, params that are not
   * an object) or never answered (a tool or prompt call without a name): a 400 carrying JSON-RPC's
   * error, and the session still serves the next call.
   */
  @Test
  void malformedMessagesAreJsonRpcErrorsNeverA500OrSilence() {
    TestAccounts.Opened account = TestAccounts.open("lifetime");
    String session =
        mcp(account.key(), null, INITIALIZE)
            .then()
            .statusCode(200)
            .extract()
            .header("Mcp-Session-Id");
    String[][] cases = {
      {"[]", "-32600"},
      {"\"text\"", "-32600"},
      {"null", "-32600"},
      {"1e308", "-32600"},
      {"[1]", "-32600"},
      {"{\"jsonrpc\":\"2.0\",\"id\":[],\"method\":\"tools/list\"}", "-32600"},
      {"{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":12345}", "-32602"},
      {"{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\",\"params\":[]}", "-32602"},
      {
        "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"k\":\"v\"}}",
        "-32602"
      },
      {"{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"prompts/get\",\"params\":{}}", "-32602"},
      {
        "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":"
            + "{\"name\":\"releases\",\"arguments\":12}}",
        "-32602"
      },
    };
    for (String[] c : cases) {
      mcp(account.key(), session, c[0])
          .then()
          .statusCode(400)
          .body("jsonrpc", equalTo("2.0"))
          .body("error.code", equalTo(Integer.parseInt(c[1])));
    }
    mcp(account.key(), session, TOOLS_LIST)
        .then()
        .statusCode(200)
        .body("result.tools.size()", org.hamcrest.Matchers.greaterThan(0));
  }

  /** What the MCP server refused with an empty body: refused in CrawlGraph's envelope instead. */
  @Test
  void httpLevelRefusalsOnTheEndpointCarryAnEnvelope() {
    TestAccounts.Opened account = TestAccounts.open("lifetime");
    for (String method : List.of("GET", "PUT", "PATCH")) {
      given()
          .header("Authorization", "Bearer " + account.key())
          .header("Accept", "application/json, text/event-stream")
          .request(method, "/mcp")
          .then()
          .statusCode(405)
          .header("Allow", "POST, DELETE")
          .body("error", equalTo("validation_error"));
    }
    given()
        .header("Authorization", "Bearer " + account.key())
        .delete("/mcp")
        .then()
        .statusCode(404)
        .body("error", equalTo("not_found"));
    given()
        .header("Authorization", "Bearer " + account.key())
        .header("Accept", "application/json, text/event-stream")
        .contentType("application/json")
        .body("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + "a".repeat(2 << 20) + "\"}")
        .post("/mcp")
        .then()
        .statusCode(413)
        .body("error", equalTo("payload_too_large"));
    given()
        .header("Authorization", "Bearer " + account.key())
        .header("Accept", "application/json")
        .contentType("application/json")
        .body(INITIALIZE)
        .post("/mcp")
        .then()
        .statusCode(400)
        .body("message", equalTo("Accept must list application/json and text/event-stream."));
  }

  @Test
  void everyToolsInputSchemaNamesExactlyItsArguments() {
    List<String> names = new ArrayList<>();
    for (ToolManager.ToolInfo tool : tools) {
      names.add(tool.name());
      JsonObject schema = ToolSchemas.load(tool.name());
      Set<String> arguments = new TreeSet<>();
      Set<String> required = new TreeSet<>();
      tool.arguments()
          .forEach(
              a -> {
                arguments.add(a.name());
                if (a.required()) {
                  required.add(a.name());
                }
              });
      assertThat(new TreeSet<>(schema.getJsonObject("properties").fieldNames()))
          .as(tool.name())
          .isEqualTo(arguments);
      Set<String> schemaRequired = new TreeSet<>();
      schema
          .getJsonArray("required", new io.vertx.core.json.JsonArray())
          .forEach(r -> schemaRequired.add((String) r));
      assertThat(schemaRequired).as(tool.name() + " required").isEqualTo(required);
    }
    assertThat(names)
        .containsExactlyInAnyOrder(
            "backlinks",
            "gap_analysis",
            "gap_outreach_targets",
            "releases",
            "changes",
            "scrape",
            "map",
            "crawl");
  }

  private static JsonPath call(String key, String session, int id, String tool, String arguments) {
    return mcp(
            key,
            session,
            "{\"jsonrpc\":\"2.0\",\"id\":"
                + id
                + ",\"method\":\"tools/call\",\"params\":{\"name\":\""
                + tool
                + "\",\"arguments\":"
                + arguments
                + "}}")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static io.restassured.response.Response mcp(String key, String session, String body) {
    RequestSpecification request =
        given()
            .header("X-Forwarded-For", TestAccounts.freshClientAddress())
            .header("Accept", "application/json, text/event-stream")
            .contentType("application/json")
            .body(body);
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    if (session != null) {
      request.header("Mcp-Session-Id", session);
    }
    return request.post("/mcp");
  }

  private static int used(String key, String resource) {
    return given()
        .header("Authorization", "Bearer " + key)
        .get("/api/v1/usage")
        .then()
        .statusCode(200)
        .extract()
        .path("quotas.find { it.resource == '" + resource + "' }.used");
  }
}
