package dev.orbweaver.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The merged OpenAPI document the gateway builds from every running service: served at both paths,
 * it covers every route of the gateway's table, passes {@code @redocly/cli lint} with no error, and
 * states CRW's operations exactly as seed 003 does; Swagger UI at /docs reads it.
 */
@ExtendWith(PlatformExtension.class)
class OpenApiIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ROUTE_PREFIX =
      Pattern.compile(
          "^orbweaver\\.gateway\\.routes\\.([a-z0-9-]+)\\.prefix=(\\S+)$", Pattern.MULTILINE);

  @Test
  void theMergedDocumentCoversEveryRouteOfTheGatewaysTable(Platform platform) throws IOException {
    String document = document(platform, "/openapi.json");
    JsonNode merged = JSON.readTree(document);
    assertThat(merged.path("openapi").asText()).isEqualTo("3.1.0");
    assertThat(merged.has("x-orbweaver-missing-services")).as("every service answered").isFalse();
    List<String> paths = new ArrayList<>();
    merged.path("paths").fieldNames().forEachRemaining(paths::add);

    Map<String, String> routes = routeTable();
    assertThat(routes).hasSizeGreaterThan(20);
    Map<String, List<String>> uncovered = new TreeMap<>();
    routes.forEach(
        (name, prefix) -> {
          if (paths.stream().noneMatch(p -> p.equals(prefix) || p.startsWith(prefix + "/"))) {
            uncovered.put(name, List.of(prefix));
          }
        });
    assertThat(uncovered).as("routes with no path in the document").isEmpty();
    assertThat(paths).noneMatch(p -> p.startsWith("/internal/") || p.equals("/ping"));
  }

  /** CrawlGraph's document: "It covers exactly the endpoints documented above". */
  @Test
  void crawlGraphsPathServesExactlyCrawlGraphsEndpoints(Platform platform) throws IOException {
    JsonNode crawlGraph = JSON.readTree(document(platform, "/api/v1/openapi.json"));
    List<String> paths = new ArrayList<>();
    crawlGraph.path("paths").fieldNames().forEachRemaining(paths::add);
    assertThat(paths)
        .contains(
            "/api/v1/backlinks",
            "/api/v1/releases",
            "/api/v1/gap-analysis",
            "/api/v1/gap-analysis/{job_id}",
            "/api/v1/changes")
        .allMatch(
            p ->
                List.of(
                        "/api/v1/backlinks",
                        "/api/v1/releases",
                        "/api/v1/gap-analysis",
                        "/api/v1/changes")
                    .stream()
                    .anyMatch(p::startsWith),
            "a CrawlGraph endpoint");
    crawlGraph
        .findValuesAsText("$ref")
        .forEach(
            ref -> assertThat(crawlGraph.at(ref.substring(1)).isMissingNode()).as(ref).isFalse());
    assertThat(crawlGraph.path("servers").get(0).path("url").asText()).startsWith("http");
  }

  @Test
  void redoclyLintFindsNoError(Platform platform) throws IOException {
    Path file = Files.createTempFile("orbweaver-openapi", ".json");
    Files.writeString(file, document(platform, "/openapi.json"));
    Path js = Node.js("@redocly/cli");
    String output =
        Node.run(
            js,
            List.of("node_modules/.bin/redocly", "lint", file.toString(), "--format=summary"),
            Map.of(),
            180);
    assertThat(output).contains("Your API description is valid").doesNotContain("error ");
    Files.deleteIfExists(file);
  }

  @Test
  void crwOperationsAndSchemasAreTheSeedsWordForWord(Platform platform) throws IOException {
    // The kept copy is seed 003 byte for byte (OpenApiMergerTest holds it to the seed).
    JsonNode merged = JSON.readTree(document(platform, "/openapi.json"));
    JsonNode seed =
        JSON.readTree(root().resolve("gateway/src/main/resources/openapi/crw-0.10.json").toFile());
    seed.path("paths")
        .fields()
        .forEachRemaining(
            path ->
                path.getValue()
                    .fields()
                    .forEachRemaining(
                        op -> {
                          JsonNode served =
                              merged.path("paths").path(path.getKey()).path(op.getKey()).deepCopy();
                          ((com.fasterxml.jackson.databind.node.ObjectNode) served)
                              .remove("x-orbweaver-quota");
                          assertThat(served)
                              .as(op.getKey() + " " + path.getKey())
                              .isEqualTo(op.getValue());
                        }));
    seed.path("components")
        .path("schemas")
        .fields()
        .forEachRemaining(
            schema ->
                assertThat(merged.path("components").path("schemas").path(schema.getKey()))
                    .as(schema.getKey())
                    .isEqualTo(schema.getValue()));
  }

  @Test
  void swaggerUiAtDocsReadsTheMergedDocument(Platform platform) {
    String page =
        given()
            .baseUri(platform.gatewayUrl())
            .get("/docs/")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(page).contains("/openapi.json").contains("swagger-ui");
  }

  private static String document(Platform platform, String path) {
    return given()
        .baseUri(platform.gatewayUrl())
        .get(path)
        .then()
        .statusCode(200)
        .contentType("application/json")
        .extract()
        .asString();
  }

  /** The gateway's route table as configured: route name to path prefix. */
  private static Map<String, String> routeTable() throws IOException {
    String properties =
        Files.readString(root().resolve("gateway/src/main/resources/application.properties"));
    Map<String, String> routes = new TreeMap<>();
    Matcher m = ROUTE_PREFIX.matcher(properties);
    while (m.find()) {
      routes.put(m.group(1), m.group(2));
    }
    return routes;
  }

  private static Path root() {
    return Path.of(System.getProperty("orbweaver.root", "..")).toAbsolutePath().normalize();
  }
}
