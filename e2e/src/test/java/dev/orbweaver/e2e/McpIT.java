package dev.orbweaver.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.orbweaver.testing.FixtureSite;
import io.restassured.http.ContentType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The gateway's MCP server driven by the official MCP TypeScript SDK client
 * ({@code @modelcontextprotocol/sdk}, e2e/js/mcp-check.mjs) over Streamable HTTP and over stdio
 * through {@code ./orbweaver mcp} (McpStdioBridge): it lists the tools, calls each one, is refused
 * without a key and once a quota is spent; the usage API then shows that every tool call spent what
 * its HTTP call spends.
 */
@ExtendWith(PlatformExtension.class)
class McpIT {

  @Test
  void aRealClientListsTheToolsAndCallsEachOneAgainstTheHttpQuotas(Platform platform) {
    Platform.Account account = platform.createAccount("mcp-tools", "lifetime");
    String output;
    try (FixtureSite site = Sites.web("127.0.0.40", 3).start()) {
      output =
          check(
              platform,
              Map.of("ORBWEAVER_API_KEY", account.key(), "FIXTURE_ORIGIN", site.origin()),
              "tools");
    }
    assertThat(output)
        .contains(
            "ok list\n",
            "ok tool releases\n",
            "ok tool backlinks\n",
            "ok tool changes\n",
            "ok tool gap_analysis\n",
            "ok tool gap_outreach_targets\n",
            "ok tool scrape\n",
            "ok tool map\n",
            "ok tool crawl\n",
            "ok tool errors\n");
    // backlinks + changes; gap_analysis + gap_outreach_targets (the refused one is refunded);
    // one each of scrape, map and crawl; releases and following a crawl are free.
    Gateway.as(platform, account.key())
        .get("/api/v1/usage")
        .then()
        .statusCode(200)
        .body("quotas.find { it.resource == 'backlinks' }.used", equalTo(2))
        .body("quotas.find { it.resource == 'gap' }.used", equalTo(2))
        .body("quotas.find { it.resource == 'scrape' }.used", equalTo(1))
        .body("quotas.find { it.resource == 'map' }.used", equalTo(1))
        .body("quotas.find { it.resource == 'crawl' }.used", equalTo(1))
        .body("quotas.findAll { it.reserved != 0 }", equalTo(List.of()));
  }

  @Test
  void aSpentQuotaIsAToolErrorNamingQuotaExceeded(Platform platform) {
    Platform.Account tiny = platform.createAccount("mcp-tiny", "lifetime");
    given()
        .baseUri(platform.gatewayUrl())
        .header("Authorization", "Bearer " + platform.adminToken())
        .contentType(ContentType.JSON)
        .body("{\"limits\":{\"backlinks\":1}}")
        .patch("/admin/v1/accounts/" + tiny.id())
        .then()
        .statusCode(200);
    assertThat(check(platform, Map.of("ORBWEAVER_TINY_KEY", tiny.key()), "quota"))
        .contains("ok quota\n");
    Gateway.as(platform, tiny.key())
        .get("/api/v1/usage")
        .then()
        .body("quotas.find { it.resource == 'backlinks' }.used", equalTo(1))
        .body("quotas.find { it.resource == 'backlinks' }.remaining", equalTo(0));
  }

  @Test
  void withoutAValidKeyTheEndpointRefusesAndTheStdioBridgeRelaysWithOne(Platform platform) {
    Platform.Account account = platform.createAccount("mcp-stdio", "lifetime");
    String output =
        check(
            platform,
            Map.of(
                "ORBWEAVER_API_KEY",
                account.key(),
                "LAUNCHER",
                root().resolve("orbweaver").toString(),
                "JAVA_HOME",
                System.getProperty("java.home")),
            "auth",
            "stdio");
    assertThat(output).contains("ok auth\n", "ok stdio\n");
  }

  private static Path root() {
    return Path.of(System.getProperty("orbweaver.root", "..")).toAbsolutePath().normalize();
  }

  /** Runs e2e/js/mcp-check.mjs with the given checks; fails the test on a non-zero exit. */
  private static String check(Platform platform, Map<String, String> env, String... checks) {
    Path js = Node.js("@modelcontextprotocol/sdk");
    List<String> command = new ArrayList<>(List.of("node", "mcp-check.mjs"));
    command.addAll(List.of(checks));
    Map<String, String> all = new HashMap<>(env);
    all.put("ORBWEAVER_MCP_URL", platform.gatewayUrl() + "/mcp");
    return Node.run(js, command, all, 400);
  }
}
