package dev.orbweaver.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The operations of an OpenAPI 3.1 document, each with its parameters and its JSON body's schema
 * resolved through {@code $ref} and {@code allOf}: what a test needs to send something to every
 * operation without knowing the API by heart.
 */
final class OpenApiOperations {
  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

  /** Deep enough for every schema the document holds; a cycle stops here. */
  private static final int MAX_REF_DEPTH = 16;

  private final JsonNode document;

  OpenApiOperations(JsonNode document) {
    this.document = document;
  }

  /** An operation: {@code POST /v1/crawls}, its parameters and (if any) its JSON body. */
  record Operation(
      String method,
      String path,
      List<Parameter> parameters,
      JsonNode bodySchema,
      JsonNode bodyExample,
      boolean adminToken) {
    String name() {
      return method + " " + path;
    }

    List<Parameter> in(String where) {
      return parameters.stream().filter(p -> p.in().equals(where)).toList();
    }

    boolean hasJsonBody() {
      return bodySchema != null;
    }
  }

  /** A path, query or header parameter and its (resolved) schema. */
  record Parameter(String name, String in, JsonNode schema) {}

  List<Operation> all() {
    List<Operation> operations = new ArrayList<>();
    document
        .path("paths")
        .fields()
        .forEachRemaining(
            path -> {
              JsonNode shared = path.getValue().path("parameters");
              path.getValue()
                  .fields()
                  .forEachRemaining(
                      op -> {
                        if (METHODS.contains(op.getKey())) {
                          operations.add(
                              operation(
                                  op.getKey().toUpperCase(Locale.ROOT),
                                  path.getKey(),
                                  shared,
                                  op.getValue()));
                        }
                      });
            });
    return operations;
  }

  private Operation operation(String method, String path, JsonNode shared, JsonNode op) {
    Map<String, Parameter> parameters = new LinkedHashMap<>();
    for (JsonNode list : List.of(shared, op.path("parameters"))) {
      for (JsonNode p : list) {
        JsonNode param = resolve(p);
        String in = param.path("in").asText();
        parameters.put(
            in + ":" + param.path("name").asText(),
            new Parameter(param.path("name").asText(), in, resolve(param.path("schema"))));
      }
    }
    JsonNode json = resolve(op.path("requestBody")).path("content").path("application/json");
    JsonNode schema = json.isMissingNode() ? null : resolve(json.path("schema"));
    JsonNode example = json.get("example");
    if (example == null && json.path("examples").isObject() && json.path("examples").size() > 0) {
      example = resolve(json.path("examples").elements().next()).get("value");
    }
    boolean admin = false;
    for (JsonNode requirement : op.path("security")) {
      admin |= requirement.has("adminToken");
    }
    return new Operation(method, path, List.copyOf(parameters.values()), schema, example, admin);
  }

  /** A schema with its {@code $ref}s followed and its {@code allOf} parts merged. */
  JsonNode resolve(JsonNode node) {
    return resolve(node, 0);
  }

  private JsonNode resolve(JsonNode node, int depth) {
    if (node == null || depth > MAX_REF_DEPTH) {
      return JsonNodeFactory.instance.objectNode();
    }
    if (node.has("$ref")) {
      String ref = node.path("$ref").asText();
      JsonNode target = document.at(ref.substring(1));
      return resolve(target, depth + 1);
    }
    if (node.has("allOf")) {
      ObjectNode merged = JsonNodeFactory.instance.objectNode();
      ObjectNode properties = merged.putObject("properties");
      for (JsonNode part : node.path("allOf")) {
        JsonNode resolved = resolve(part, depth + 1);
        resolved.fields().forEachRemaining(f -> merged.putIfAbsent(f.getKey(), f.getValue()));
        resolved
            .path("properties")
            .fields()
            .forEachRemaining(f -> properties.set(f.getKey(), f.getValue()));
      }
      return merged;
    }
    return node;
  }

  /** The schema's properties, each resolved. */
  Map<String, JsonNode> properties(JsonNode schema) {
    Map<String, JsonNode> properties = new LinkedHashMap<>();
    JsonNode resolved = resolve(schema);
    resolved
        .path("properties")
        .fields()
        .forEachRemaining(f -> properties.put(f.getKey(), resolve(f.getValue())));
    // Unions (anyOf/oneOf): every branch's properties, first branch first.
    for (String union : List.of("anyOf", "oneOf")) {
      for (JsonNode branch : resolved.path(union)) {
        resolve(branch)
            .path("properties")
            .fields()
            .forEachRemaining(f -> properties.putIfAbsent(f.getKey(), resolve(f.getValue())));
      }
    }
    return properties;
  }

  /**
   * The JSON types a schema allows ({@code type} as a word or a list; {@code const}, {@code enum}
   * and unions read as their members), empty when it says nothing (any value).
   */
  Set<String> types(JsonNode schema) {
    JsonNode resolved = resolve(schema);
    Set<String> types = new TreeSet<>();
    JsonNode type = resolved.path("type");
    if (type.isTextual()) {
      types.add(type.asText());
    }
    for (JsonNode t : type.isArray() ? type : JsonNodeFactory.instance.arrayNode()) {
      types.add(t.asText());
    }
    if (types.isEmpty() && resolved.has("properties")) {
      types.add("object");
    }
    if (types.isEmpty() && resolved.path("const").isTextual()) {
      types.add("string");
    }
    if (types.isEmpty() && resolved.path("enum").isArray()) {
      resolved
          .path("enum")
          .forEach(
              e ->
                  types.add(
                      e.isTextual() ? "string" : e.getNodeType().name().toLowerCase(Locale.ROOT)));
    }
    for (String union : List.of("anyOf", "oneOf")) {
      for (JsonNode branch : resolved.path(union)) {
        types.addAll(types(branch));
      }
    }
    types.remove("null");
    if (types.contains("integer")) {
      types.add("number");
    }
    return types;
  }

  /** The schema of an array's items, resolved. */
  JsonNode items(JsonNode schema) {
    return resolve(resolve(schema).path("items"));
  }
}
