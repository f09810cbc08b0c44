package dev.orbweaver.gateway.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orbweaver.common.error.Dialect;
import dev.orbweaver.gateway.route.Route;
import dev.orbweaver.gateway.route.RouteTable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Given the CRW contract, the gateway's own document and three small service documents (fixtures in
 * src/test/resources/openapi), the merged document keeps what clients can call, as they call it,
 * with the contract's operations and schemas unchanged.
 */
class OpenApiMergerTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final RouteTable ROUTES =
      new RouteTable(
          List.of(
              route(
                  "backlinks",
                  "/api/v1/backlinks",
                  "backlink-service",
                  Dialect.CRAWLGRAPH,
                  "backlinks",
                  null,
                  true),
              route("admin", "/admin/v1", "auth-service", Dialect.INTERNAL, null, null, false),
              route(
                  "scrape-v1",
                  "/v1/scrape",
                  "scrape-service",
                  Dialect.FIRECRAWL,
                  "scrape",
                  null,
                  true),
              route(
                  "scrape-v2",
                  "/v2/scrape",
                  "scrape-service",
                  Dialect.FIRECRAWL,
                  "scrape",
                  null,
                  true),
              route("map-v1", "/v1/map", "scrape-service", Dialect.FIRECRAWL, "map", null, true),
              route(
                  "search-v1",
                  "/v1/search",
                  "scrape-service",
                  Dialect.FIRECRAWL,
                  "search",
                  null,
                  true),
              route(
                  "extract-v1",
                  "/v1/extract",
                  "scrape-service",
                  Dialect.FIRECRAWL,
                  "extract",
                  null,
                  true),
              route(
                  "change-tracking",
                  "/v1/change-tracking",
                  "scrape-service",
                  Dialect.FIRECRAWL,
                  null,
                  null,
                  true),
              route(
                  "firecrawl-crawl-v1",
                  "/v1/crawl",
                  "crawl-service",
                  Dialect.FIRECRAWL,
                  "crawl",
                  null,
                  true),
              route(
                  "ping-auth",
                  "/ping/auth-service",
                  "auth-service",
                  Dialect.INTERNAL,
                  null,
                  "/ping",
                  true),
              route(
                  "ping-scrape",
                  "/ping/scrape-service",
                  "scrape-service",
                  Dialect.INTERNAL,
                  null,
                  "/ping",
                  true)));

  private final ObjectNode merged =
      new OpenApiMerger(ROUTES)
          .merge(
              "9.9.9",
              List.of(
                  new OpenApiMerger.Source(
                      "crw", main(MergedDocument.CRW_CONTRACT), OpenApiMerger.Kind.CONTRACT),
                  new OpenApiMerger.Source(
                      "gateway", main(MergedDocument.GATEWAY), OpenApiMerger.Kind.GATEWAY),
                  service("auth-service"),
                  service("backlink-service"),
                  service("scrape-service")));

  @Test
  void crawlGraphsOwnDocumentHoldsItsEndpointsAndWhatTheyUseOnly() {
    ObjectNode crawlGraph = CrawlGraphDocument.of(merged);
    List<String> paths = new ArrayList<>();
    crawlGraph.path("paths").fieldNames().forEachRemaining(paths::add);
    assertThat(paths)
        .contains("/api/v1/backlinks")
        .allMatch(p -> CrawlGraphDocument.ENDPOINTS.stream().anyMatch(p::startsWith));
    crawlGraph
        .findValuesAsText("$ref")
        .forEach(
            ref -> assertThat(crawlGraph.at(ref.substring(1)).isMissingNode()).as(ref).isFalse());
    String errorRef =
        crawlGraph
            .at(
                "/paths/~1api~1v1~1backlinks/post/responses/400/content/application~1json/schema/$ref")
            .asText();
    assertThat(errorRef).startsWith("#/components/schemas/");
    assertThat(crawlGraph.at(errorRef.substring(1)).isMissingNode()).isFalse();
    assertThat(crawlGraph.at("/components/schemas/Unused").isMissingNode()).isTrue();
    assertThat(crawlGraph.at("/components/schemas/ScrapeRequest").isMissingNode()).isTrue();
    assertThat(crawlGraph.at("/components/securitySchemes/bearerAuth").isMissingNode()).isFalse();
    assertThat(crawlGraph.at("/info/title").asText()).isEqualTo("CrawlGraph API");
    // The merged document it was cut from is the cached one: it must stay whole.
    assertThat(merged.path("paths").has("/v1/scrape")).isTrue();
    assertThat(merged.at("/info/title").asText()).isNotEqualTo("CrawlGraph API");
  }

  @Test
  void theCrwContractIsSeed003Verbatim() throws IOException {
    // The seeds live beside the working checkout (../shared), not in the repository: a clone made
    // elsewhere has only the kept copy, which the other tests here hold the served document to.
    Path seed = Path.of("../../shared/seeds/003_de4fb60c1c510a27.txt");
    assumeTrue(Files.exists(seed), "no seeds beside this checkout");
    try (InputStream kept = resource(MergedDocument.CRW_CONTRACT)) {
      assertThat(new String(kept.readAllBytes())).isEqualTo(Files.readString(seed));
    }
  }

  @Test
  void everyCrwOperationAndSchemaIsServedAsTheContractStatesIt() {
    JsonNode crw = main(MergedDocument.CRW_CONTRACT);
    crw.path("paths")
        .fields()
        .forEachRemaining(
            path ->
                path.getValue()
                    .fields()
                    .forEachRemaining(
                        op -> {
                          JsonNode served =
                              merged.path("paths").path(path.getKey()).path(op.getKey());
                          assertThat(withoutExtensions(served))
                              .as(op.getKey() + " " + path.getKey())
                              .isEqualTo(op.getValue());
                        }));
    crw.path("components")
        .fields()
        .forEachRemaining(
            kind -> {
              if (kind.getKey().equals("securitySchemes")) {
                return;
              }
              kind.getValue()
                  .fields()
                  .forEachRemaining(
                      c ->
                          assertThat(merged.path("components").path(kind.getKey()).path(c.getKey()))
                              .as(kind.getKey() + "/" + c.getKey())
                              .isEqualTo(c.getValue()));
            });
    // The contract's scheme name, with Orbweaver's meaning (and none of CRW's hosts).
    assertThat(merged.at("/components/securitySchemes/bearerAuth/scheme").asText())
        .isEqualTo("bearer");
    assertThat(merged.toString()).doesNotContain("fastcrw.com");
  }

  @Test
  void aGeneratedOperationOnAContractedPathStepsAsideAndOthersStay() {
    assertThat(merged.at("/paths/~1v1~1scrape/post/operationId").asText()).isEqualTo("scrape");
    assertThat(merged.at("/paths/~1v2~1scrape/post/summary").asText()).isEqualTo("Scrape");
    assertThat(merged.at("/paths/~1v2~1scrape/post/tags").toString())
        .isEqualTo("[\"Firecrawl v2: scrape\"]");
    assertThat(merged.at("/paths/~1v2~1scrape/post/operationId").asText())
        .isEqualTo("postV2Scrape");
    assertThat(merged.at("/paths/~1v2~1scrape/post/x-orbweaver-quota").asText())
        .isEqualTo("scrape");
  }

  @Test
  void onlyRoutedPathsAreKeptUnderThePathTheClientCalls() {
    List<String> paths = new ArrayList<>();
    merged.path("paths").fieldNames().forEachRemaining(paths::add);
    assertThat(paths)
        .contains(
            "/ping/auth-service", "/ping/scrape-service", "/admin/v1/accounts", "/api/v1/backlinks")
        .contains("/v1/health", "/v1/ready", "/mcp", "/openapi.json", "/api/v1/openapi.json")
        .doesNotContain("/ping", "/internal/v1/keys/verify", "/internal/v1/search-index/pages");
  }

  @Test
  void clientsSeeTheirKeyOrTheAdminTokenNeverTheInternalJwt() {
    assertThat(merged.at("/security").toString())
        .isEqualTo("[{\"bearerAuth\":[]},{\"apiKeyHeader\":[]}]");
    assertThat(merged.at("/paths/~1api~1v1~1backlinks/post/security").isMissingNode()).isTrue();
    assertThat(merged.at("/paths/~1admin~1v1~1accounts/post/security").toString())
        .isEqualTo("[{\"adminToken\":[]}]");
    assertThat(merged.at("/components/securitySchemes").size()).isEqualTo(3);
    assertThat(merged.toString()).doesNotContain("SecurityScheme\"");
    // The gateway's own answers on keyed, metered routes.
    assertThat(merged.at("/paths/~1api~1v1~1backlinks/post/responses/401/description").asText())
        .startsWith("Missing or refused API key");
    assertThat(merged.at("/paths/~1api~1v1~1backlinks/post/responses/429/description").asText())
        .startsWith("The monthly backlinks quota is spent");
    assertThat(merged.at("/paths/~1v2~1scrape/post/responses/413/description").asText())
        .isEqualTo(
            "The request body is over this route's limit of 1024 bytes (payload_too_large), in"
                + " the dialect's error envelope");
  }

  @Test
  void clashingComponentsAreRenamedAfterTheirServiceAndUnreachableOnesDropped() {
    assertThat(merged.at("/components/schemas/Error"))
        .isEqualTo(main(MergedDocument.CRW_CONTRACT).at("/components/schemas/Error"));
    assertThat(merged.at("/components/schemas/BacklinkError/properties/request_id").isObject())
        .isTrue();
    assertThat(
            merged
                .at(
                    "/paths/~1api~1v1~1backlinks/post/responses/400/content/application~1json/schema/$ref")
                .asText())
        .isEqualTo("#/components/schemas/BacklinkError");
    assertThat(
            merged
                .at("/paths/~1v2~1scrape/post/responses/400/content/application~1json/schema/$ref")
                .asText())
        .isEqualTo("#/components/schemas/ScrapeError");
    Set<String> schemas = new java.util.HashSet<>();
    merged.at("/components/schemas").fieldNames().forEachRemaining(schemas::add);
    assertThat(schemas).contains("ScrapeRequest1").doesNotContain("Unused", "IndexRequest");
  }

  @Test
  void declaredTagsStayAndGeneratedOnesBecomeTheDialectsEndpoint() {
    List<String> tags = new ArrayList<>();
    merged.path("tags").forEach(t -> tags.add(t.path("name").asText()));
    assertThat(tags)
        .contains(
            "scrape", "crawl", "Backlinks", "Firecrawl v2: scrape", "Admin", "Platform", "MCP")
        .doesNotContain("Scrape Resource", "Ping Resource", "Admin Resource");
    merged
        .path("tags")
        .forEach(t -> assertThat(t.path("description").asText()).as(t.toString()).isNotBlank());
  }

  private static JsonNode withoutExtensions(JsonNode operation) {
    ObjectNode copy = operation.deepCopy();
    copy.remove(List.of("x-orbweaver-quota"));
    return copy;
  }

  private static Route route(
      String name,
      String prefix,
      String service,
      Dialect dialect,
      String resource,
      String rewrite,
      boolean key) {
    return new Route(
        name,
        prefix,
        service,
        dialect,
        Optional.ofNullable(resource),
        Set.of(),
        Set.of(),
        1024,
        key,
        Optional.ofNullable(rewrite));
  }

  private static OpenApiMerger.Source service(String name) {
    return new OpenApiMerger.Source(
        name, main("openapi/" + name + ".json"), OpenApiMerger.Kind.SERVICE);
  }

  private static JsonNode main(String name) {
    try (InputStream in = resource(name)) {
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static InputStream resource(String name) {
    InputStream in = OpenApiMergerTest.class.getClassLoader().getResourceAsStream(name);
    assertThat(in).as(name).isNotNull();
    return in;
  }
}
