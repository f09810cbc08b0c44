package dev.orbweaver.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * CrawlGraph's {@code /api/v1/openapi.json}: its API document says the schema there "covers exactly
 * the endpoints documented above", so it is the merged document cut down to CrawlGraph's paths and
 * the components and tags they use. Nodes are shared with the merged document, never changed.
 */
final class CrawlGraphDocument {
  /** The endpoints of CrawlGraph's API document; each covers its sub-paths (a job's status). */
  static final List<String> ENDPOINTS =
      List.of("/api/v1/backlinks", "/api/v1/releases", "/api/v1/gap-analysis", "/api/v1/changes");

  private static final String COMPONENT_REF = "#/components/";

  private CrawlGraphDocument() {}

  static ObjectNode of(ObjectNode merged) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    ObjectNode document = nodes.objectNode();
    merged
        .fields()
        .forEachRemaining(
            f -> {
              if (!List.of("paths", "components", "tags").contains(f.getKey())) {
                document.set(f.getKey(), f.getValue());
              }
            });
    ObjectNode info = nodes.objectNode();
    merged.path("info").fields().forEachRemaining(f -> info.set(f.getKey(), f.getValue()));
    info.put("title", "CrawlGraph API");
    info.put(
        "description",
        "Backlinks from the Common Crawl domain graph, releases, gap analysis and changes.");
    document.set("info", info);

    ObjectNode paths = document.putObject("paths");
    merged
        .path("paths")
        .fields()
        .forEachRemaining(
            p -> {
              if (ENDPOINTS.stream()
                  .anyMatch(e -> p.getKey().equals(e) || p.getKey().startsWith(e + "/"))) {
                paths.set(p.getKey(), p.getValue());
              }
            });

    ObjectNode components = document.putObject("components");
    JsonNode schemes = merged.path("components").path("securitySchemes");
    if (!schemes.isMissingNode()) {
      components.set("securitySchemes", schemes);
    }
    Deque<JsonNode> pending = new ArrayDeque<>(List.of(paths));
    while (!pending.isEmpty()) {
      for (String ref : refsIn(pending.pop())) {
        String[] kindAndName = ref.substring(COMPONENT_REF.length()).split("/", 2);
        if (kindAndName.length < 2 || components.path(kindAndName[0]).has(kindAndName[1])) {
          continue;
        }
        JsonNode component = merged.path("components").path(kindAndName[0]).path(kindAndName[1]);
        if (!component.isMissingNode()) {
          ObjectNode kind =
              components.has(kindAndName[0])
                  ? (ObjectNode) components.get(kindAndName[0])
                  : components.putObject(kindAndName[0]);
          kind.set(kindAndName[1], component);
          pending.push(component);
        }
      }
    }

    Set<String> used = new LinkedHashSet<>();
    paths.forEach(
        item ->
            item.forEach(operation -> operation.path("tags").forEach(t -> used.add(t.asText()))));
    var tags = document.putArray("tags");
    merged
        .path("tags")
        .forEach(
            t -> {
              if (used.contains(t.path("name").asText())) {
                tags.add(t);
              }
            });
    return document;
  }

  /** Every local component reference under a node. */
  private static Set<String> refsIn(JsonNode node) {
    Set<String> refs = new LinkedHashSet<>();
    Deque<JsonNode> pending = new ArrayDeque<>(List.of(node));
    while (!pending.isEmpty()) {
      JsonNode n = pending.pop();
      JsonNode ref = n.get("$ref");
      if (ref != null && ref.isTextual() && ref.asText().startsWith(COMPONENT_REF)) {
        refs.add(ref.asText());
      }
      n.forEach(pending::push);
    }
    return refs;
  }
}
