package dev.orbweaver.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.orbweaver.gateway.route.Route;
import dev.orbweaver.gateway.route.RouteTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * One OpenAPI 3.1 document for the whole platform, from the documents the services publish:
 *
 * <ul>
 *   <li>only paths the gateway's route table sends to the service that describes them, under the
 *       path the client calls (a rewritten route's {@code /ping} becomes {@code /ping/<service>});
 *       internal APIs drop out because no route reaches them;
 *   <li>contract documents go first and win: CRW's (seed 003) operations replace what a service
 *       generated for the same path and method, and keep their component names;
 *   <li>a component that two documents define differently is renamed after its service;
 *   <li>security is the client's view: the API key (Bearer or X-API-Key), or the admin token on the
 *       admin route; the services' internal JWT scheme disappears.
 * </ul>
 */
public final class OpenApiMerger {
  static final String API_KEY = "bearerAuth";
  static final String API_KEY_HEADER = "apiKeyHeader";
  static final String ADMIN_TOKEN = "adminToken";
  private static final List<String> METHODS =
      List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final RouteTable routes;

  public OpenApiMerger(RouteTable routes) {
    this.routes = routes;
  }

  /** A document and where it comes from. */
  public record Source(String service, JsonNode document, Kind kind) {
    boolean contract() {
      return kind == Kind.CONTRACT;
    }
  }

  public enum Kind {
    /** A product's published document (seed 003): it wins over what services generate. */
    CONTRACT,
    /** What a service publishes at /q/openapi (management port); only routed paths are kept. */
    SERVICE,
    /** The gateway's own endpoints (health, MCP, this document): kept as they are. */
    GATEWAY
  }

  public ObjectNode merge(String version, List<Source> sources) {
    ObjectNode merged = JSON.objectNode();
    merged.put("openapi", "3.1.0");
    merged.set("info", info(version));
    ArrayNode security = merged.putArray("security");
    security.addObject().putArray(API_KEY);
    security.addObject().putArray(API_KEY_HEADER);
    Map<String, ObjectNode> tags = new LinkedHashMap<>();
    Map<String, ObjectNode> paths = new TreeMap<>();
    ObjectNode components = JSON.objectNode();
    Set<String> operationIds = new HashSet<>();
    Set<String> contracted = new HashSet<>(); // "METHOD path" a contract already describes
    for (Source source : sources) {
      JsonNode document = renameClashingComponents(source, components);
      mergeComponents(document.path("components"), components);
      document.path("tags").forEach(t -> tags.putIfAbsent(t.path("name").asText(), (ObjectNode) t));
      document
          .path("paths")
          .fields()
          .forEachRemaining(
              entry ->
                  gatewayPaths(source, entry.getKey())
                      .forEach(
                          (path, route) ->
                              addOperations(
                                  source,
                                  path,
                                  route,
                                  (ObjectNode) entry.getValue(),
                                  paths,
                                  contracted,
                                  operationIds,
                                  tags)));
    }
    merged.set("tags", JSON.arrayNode().addAll(tags.values()));
    ObjectNode pathsNode = merged.putObject("paths");
    paths.forEach(pathsNode::set);
    pruneUnreachable(pathsNode, components);
    components.set("securitySchemes", securitySchemes());
    merged.set("components", sorted(components));
    return merged;
  }

  private static ObjectNode info(String version) {
    ObjectNode info = JSON.objectNode();
    info.put("title", "Orbweaver API");
    info.put("version", version);
    info.put(
        "description",
        "Every public API of Orbweaver behind one gateway, in the wire format of each product it"
            + " serves: CrawlGraph (/api/v1/backlinks, releases, gap-analysis, changes,"
            + " outreach-targets, keys, usage), crawlcrawl (/v1/crawls, /v1/pages), AlterLab"
            + " (/api/v1/crawl), Firecrawl/CRW (/v1 and /v2 scrape, map, search, extract, crawl,"
            + " batch scrape, change tracking), the operator's admin API and the MCP endpoint."
            + " Authenticate with an API key as `Authorization: Bearer ow_live_…` or"
            + " `X-API-Key`. Metered calls count against monthly quotas; only 2xx answers"
            + " count.");
    info.putObject("license").put("name", "Proprietary").put("identifier", "LicenseRef-Orbweaver");
    return info;
  }

  private static ObjectNode securitySchemes() {
    ObjectNode schemes = JSON.objectNode();
    schemes
        .putObject(API_KEY)
        .put("type", "http")
        .put("scheme", "bearer")
        .put("bearerFormat", "API key")
        .put("description", "An Orbweaver API key: `Authorization: Bearer ow_live_…`.");
    schemes
        .putObject(API_KEY_HEADER)
        .put("type", "apiKey")
        .put("in", "header")
        .put("name", "X-API-Key")
        .put("description", "The same API key in AlterLab's header.");
    schemes
        .putObject(ADMIN_TOKEN)
        .put("type", "http")
        .put("scheme", "bearer")
        .put("description", "The operator's admin token (ORBWEAVER_ADMIN_TOKEN).");
    return schemes;
  }

  /**
   * The gateway paths a service's path is reachable at, each with its route. A contract document is
   * not any one service's: its paths count for whichever service the route table names.
   */
  Map<String, Optional<Route>> gatewayPaths(Source source, String servicePath) {
    Map<String, Optional<Route>> found = new LinkedHashMap<>();
    if (source.kind() == Kind.GATEWAY) {
      found.put(servicePath, Optional.empty());
      return found;
    }
    Optional<Route> direct = routes.match(servicePath);
    if (direct.isPresent()
        && direct.get().rewrite().isEmpty()
        && (source.contract() || direct.get().service().equals(source.service()))) {
      found.put(servicePath, direct);
    }
    for (Route route : routes.all()) {
      if (route.rewrite().isEmpty() || !route.service().equals(source.service())) {
        continue;
      }
      String rewrite = route.rewrite().get();
      if (servicePath.equals(rewrite) || servicePath.startsWith(rewrite + "/")) {
        String path = route.prefix() + servicePath.substring(rewrite.length());
        if (routes.match(path).filter(r -> r.name().equals(route.name())).isPresent()) {
          found.put(path, Optional.of(route));
        }
      }
    }
    return found;
  }

  private void addOperations(
      Source source,
      String path,
      Optional<Route> route,
      ObjectNode pathItem,
      Map<String, ObjectNode> paths,
      Set<String> contracted,
      Set<String> operationIds,
      Map<String, ObjectNode> tags) {
    ObjectNode target = paths.computeIfAbsent(path, p -> JSON.objectNode());
    pathItem
        .fields()
        .forEachRemaining(
            field -> {
              String method = field.getKey();
              if (!METHODS.contains(method)) {
                if (!target.has(method)) {
                  target.set(method, field.getValue().deepCopy()); // parameters, summary…
                }
                return;
              }
              String key = method + " " + path;
              if (contracted.contains(key)) {
                return; // the contract describes it; the generated description steps aside
              }
              if (source.contract()) {
                contracted.add(key);
              }
              ObjectNode operation = ((ObjectNode) field.getValue()).deepCopy();
              route.ifPresent(
                  r -> {
                    clientSecurity(operation, r);
                    tagged(operation, r, path, tags);
                    Optional<String> quota = r.meteredResource(method.toUpperCase(Locale.ROOT));
                    quota.ifPresent(resource -> operation.put("x-orbweaver-quota", resource));
                    if (!source.contract()) {
                      gatewayResponses(operation, r, quota, method.toUpperCase(Locale.ROOT));
                    }
                  });
              if (!operation.hasNonNull("operationId")) {
                operation.put("operationId", operationId(method, path));
              }
              uniqueOperationId(operation, source, operationIds);
              target.set(method, operation);
            });
  }

  /** {@code post /v2/batch/scrape/{id}} → {@code postV2BatchScrapeId}. */
  static String operationId(String method, String path) {
    StringBuilder id = new StringBuilder(method);
    for (String word : path.split("[^A-Za-z0-9]+")) {
      if (!word.isEmpty()) {
        id.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
      }
    }
    return id.toString();
  }

  /**
   * What the gateway itself may answer on a route, when the service's document does not say: a
   * missing or refused key, a body over the route's limit, and on metered or burst-limited calls a
   * spent quota or a burst.
   */
  private static void gatewayResponses(
      ObjectNode operation, Route route, Optional<String> quota, String method) {
    ObjectNode responses =
        operation.has("responses")
            ? (ObjectNode) operation.get("responses")
            : operation.putObject("responses");
    if (route.requiresKey() && !responses.has("401")) {
      responses
          .putObject("401")
          .put("description", "Missing or refused API key, in the dialect's error envelope");
    }
    if (operation.has("requestBody") && !responses.has("413")) {
      responses
          .putObject("413")
          .put(
              "description",
              "The request body is over this route's limit of "
                  + route.bodyLimit()
                  + " bytes (payload_too_large), in the dialect's error envelope");
    }
    if (quota.isPresent() && !responses.has("429")) {
      responses
          .putObject("429")
          .put(
              "description",
              "The monthly "
                  + quota.get()
                  + " quota is spent, or too many calls came from this address; Retry-After says"
                  + " when to try again");
    } else if (route.burstLimited(method) && !responses.has("429")) {
      responses
          .putObject("429")
          .put(
              "description",
              "Too many calls came from this address; Retry-After says when to try again");
    }
  }

  /** The client's credentials, not the service's internal JWT. */
  private static void clientSecurity(ObjectNode operation, Route route) {
    if (route.requiresKey()) {
      operation.remove("security"); // the document's default: the API key
    } else {
      operation.putArray("security").addObject().putArray(ADMIN_TOKEN);
    }
  }

  /**
   * Tags a reader can navigate: tags a document declares (a service's {@code @Tag}, CRW's) stay;
   * the ones generated from class names ({@code "Scrape V 2 Resource"}) give way to the dialect and
   * endpoint.
   */
  private static void tagged(
      ObjectNode operation, Route route, String path, Map<String, ObjectNode> tags) {
    JsonNode existing = operation.path("tags");
    boolean declared = existing.isArray() && !existing.isEmpty();
    for (JsonNode tag : existing) {
      declared &= tags.containsKey(tag.asText());
    }
    if (!declared) {
      String tag = label(route, path);
      operation.putArray("tags").add(tag);
    }
    for (JsonNode name : operation.path("tags")) {
      ObjectNode tag = tags.computeIfAbsent(name.asText(), n -> JSON.objectNode().put("name", n));
      if (!tag.hasNonNull("description")) {
        tag.put("description", describe(route));
      }
    }
  }

  private static String describe(Route route) {
    String dialect =
        switch (route.dialect()) {
          case CRAWLGRAPH -> "CrawlGraph API v1";
          case CRAWLCRAWL -> "crawlcrawl API";
          case ALTERLAB -> "AlterLab Crawl API";
          case FIRECRAWL -> "Firecrawl/CRW API";
          case INTERNAL -> "Orbweaver internal";
        };
    return "Served by "
        + route.service()
        + " in the "
        + dialect
        + " wire format"
        + (route.requiresKey() ? "; needs an API key." : "; needs the operator's admin token.");
  }

  static String label(Route route, String path) {
    String[] segments = path.split("/");
    return switch (route.dialect()) {
      case CRAWLGRAPH -> "CrawlGraph: " + route.name();
      case CRAWLCRAWL -> "crawlcrawl: " + segments[2];
      case ALTERLAB -> "AlterLab: crawl";
      case FIRECRAWL ->
          "Firecrawl "
              + segments[1]
              + ": "
              + String.join(" ", List.of(segments).subList(2, Math.min(segments.length, 4)))
                  .replaceAll(" \\{.*", "");
      case INTERNAL -> route.requiresKey() ? "Platform" : "Admin";
    };
  }

  private static void uniqueOperationId(
      ObjectNode operation, Source source, Set<String> operationIds) {
    if (!operation.hasNonNull("operationId")) {
      return;
    }
    String id = operation.get("operationId").asText();
    if (!operationIds.add(id)) {
      String prefixed = source.service().replace("-service", "") + "_" + id;
      operation.put("operationId", prefixed);
      operationIds.add(prefixed);
    }
  }

  /**
   * A copy of the source's document in which each component that {@code merged} already holds with
   * another definition is renamed after the service, references included. Components equal to one
   * already merged keep their name and merge into it.
   */
  private static JsonNode renameClashingComponents(Source source, ObjectNode merged) {
    ObjectNode document = source.document().deepCopy();
    document.remove("servers");
    if (!document.path("components").isObject()) {
      document.putObject("components");
    }
    ObjectNode components = (ObjectNode) document.get("components");
    components.remove("securitySchemes");
    Map<String, String> renames = new HashMap<>();
    components
        .fields()
        .forEachRemaining(
            kind -> {
              if (kind.getKey().equals("securitySchemes") || !kind.getValue().isObject()) {
                return;
              }
              JsonNode existing = merged.path(kind.getKey());
              kind.getValue()
                  .fieldNames()
                  .forEachRemaining(
                      name -> {
                        JsonNode taken = existing.get(name);
                        if (taken != null && !taken.equals(kind.getValue().get(name))) {
                          renames.put(
                              "#/components/" + kind.getKey() + "/" + name,
                              "#/components/"
                                  + kind.getKey()
                                  + "/"
                                  + pascal(source.service())
                                  + name);
                        }
                      });
            });
    if (renames.isEmpty()) {
      return document;
    }
    rewriteRefs(document, renames);
    ObjectNode renamedComponents = (ObjectNode) document.path("components");
    renames.forEach(
        (from, to) -> {
          String[] f = from.split("/");
          String[] t = to.split("/");
          ObjectNode kind = (ObjectNode) renamedComponents.get(f[2]);
          kind.set(t[3], kind.remove(f[3]));
        });
    return document;
  }

  /**
   * Drops components no kept path reaches: internal APIs' request and answer types come along with
   * a service's document but describe nothing a client can call.
   */
  private static void pruneUnreachable(JsonNode paths, ObjectNode components) {
    Set<String> reached = new HashSet<>();
    List<JsonNode> pending = new ArrayList<>(List.of(paths));
    while (!pending.isEmpty()) {
      JsonNode node = pending.remove(pending.size() - 1);
      if (node.isObject()) {
        JsonNode ref = node.get("$ref");
        if (ref != null && ref.isTextual() && ref.asText().startsWith("#/components/")) {
          String[] parts = ref.asText().split("/");
          if (parts.length == 4 && reached.add(parts[2] + "/" + parts[3])) {
            JsonNode target = components.path(parts[2]).path(parts[3]);
            if (!target.isMissingNode()) {
              pending.add(target);
            }
          }
        }
      }
      if (node.isContainerNode()) {
        node.elements().forEachRemaining(pending::add);
      }
    }
    components
        .fields()
        .forEachRemaining(
            kind -> {
              if (kind.getValue() instanceof ObjectNode byName) {
                List<String> kept = new ArrayList<>();
                byName
                    .fieldNames()
                    .forEachRemaining(
                        name -> {
                          if (reached.contains(kind.getKey() + "/" + name)) {
                            kept.add(name);
                          }
                        });
                byName.retain(kept);
              }
            });
  }

  private static void rewriteRefs(JsonNode node, Map<String, String> renames) {
    if (node.isObject()) {
      ObjectNode object = (ObjectNode) node;
      JsonNode ref = object.get("$ref");
      if (ref != null && ref.isTextual() && renames.containsKey(ref.asText())) {
        object.set("$ref", TextNode.valueOf(renames.get(ref.asText())));
      }
      object.elements().forEachRemaining(child -> rewriteRefs(child, renames));
    } else if (node.isArray()) {
      node.elements().forEachRemaining(child -> rewriteRefs(child, renames));
    }
  }

  private static void mergeComponents(JsonNode from, ObjectNode into) {
    from.fields()
        .forEachRemaining(
            kind -> {
              if (kind.getKey().equals("securitySchemes")) {
                return;
              }
              ObjectNode target =
                  into.has(kind.getKey())
                      ? (ObjectNode) into.get(kind.getKey())
                      : into.putObject(kind.getKey());
              kind.getValue()
                  .fields()
                  .forEachRemaining(c -> target.putIfAbsent(c.getKey(), c.getValue()));
            });
  }

  private static ObjectNode sorted(ObjectNode components) {
    ObjectNode out = JSON.objectNode();
    for (Iterator<String> kinds = components.fieldNames(); kinds.hasNext(); ) {
      String kind = kinds.next();
      JsonNode value = components.get(kind);
      if (!value.isObject()) {
        out.set(kind, value);
        continue;
      }
      ObjectNode sortedKind = out.putObject(kind);
      new TreeMap<String, JsonNode>(toMap(value)).forEach(sortedKind::set);
    }
    return out;
  }

  private static Map<String, JsonNode> toMap(JsonNode object) {
    Map<String, JsonNode> map = new LinkedHashMap<>();
    object.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue()));
    return map;
  }

  private static String pascal(String service) {
    StringBuilder out = new StringBuilder();
    for (String part : service.replace("-service", "").split("-")) {
      if (!part.isEmpty()) {
        out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
      }
    }
    return out.toString();
  }
}
