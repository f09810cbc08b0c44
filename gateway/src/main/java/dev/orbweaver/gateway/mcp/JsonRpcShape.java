package dev.orbweaver.gateway.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;

/**
 * The shape of a JSON-RPC message posted to {@code /mcp}, checked before the MCP server reads it:
 * the server answered a body that is not an object (or an empty batch) and {@code params} that are
 * not an object with a 500, and a {@code tools/call} or {@code prompts/get} without a name never
 * answered at all. Bodies that are not JSON are left to the server, which answers them with a
 * JSON-RPC parse error.
 */
final class JsonRpcShape {
  /** JSON-RPC's codes: the message is not a valid request; its params are not valid. */
  static final int INVALID_REQUEST = -32600;

  static final int INVALID_PARAMS = -32602;

  /** Methods whose params name what they call. */
  private static final Set<String> NAMED = Set.of("tools/call", "prompts/get");

  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonRpcShape() {}

  /** Why the MCP server must not see a message: a JSON-RPC error code and message. */
  record Refusal(int code, String message, JsonNode id) {
    /** The JSON-RPC error response for it. */
    ObjectNode body() {
      ObjectNode body = JsonNodeFactory.instance.objectNode();
      body.put("jsonrpc", "2.0");
      body.set("id", id);
      body.putObject("error").put("code", code).put("message", message);
      return body;
    }
  }

  /** The refusal of a posted body, or empty when the MCP server may read it. */
  static Optional<Refusal> check(byte[] body) {
    JsonNode message;
    try {
      message = JSON.readTree(body);
    } catch (IOException | RuntimeException notJson) {
      return Optional.empty(); // the server's own parse error
    }
    if (message == null || message.isMissingNode()) {
      return Optional.empty();
    }
    if (message.isArray()) {
      if (message.isEmpty()) {
        return refuse(INVALID_REQUEST, "An empty batch holds no message.", null);
      }
      for (JsonNode element : message) {
        Optional<Refusal> refusal = checkOne(element);
        if (refusal.isPresent()) {
          return refuse(refusal.get().code(), refusal.get().message(), null);
        }
      }
      return Optional.empty();
    }
    return checkOne(message);
  }

  private static Optional<Refusal> checkOne(JsonNode message) {
    if (!message.isObject()) {
      return refuse(INVALID_REQUEST, "A JSON-RPC message is an object.", null);
    }
    JsonNode id = message.get("id");
    if (id != null && !id.isNull() && !id.isTextual() && !id.isIntegralNumber()) {
      return refuse(INVALID_REQUEST, "id must be a string or an integer.", null);
    }
    JsonNode params = message.get("params");
    if (params != null && !params.isObject()) {
      return refuse(INVALID_PARAMS, "params must be an object.", id);
    }
    String method = message.path("method").asText();
    if (NAMED.contains(method)) {
      if (params == null || !params.path("name").isTextual()) {
        return refuse(INVALID_PARAMS, method + " needs params.name, a string.", id);
      }
      JsonNode arguments = params.get("arguments");
      if (arguments != null && !arguments.isNull() && !arguments.isObject()) {
        return refuse(INVALID_PARAMS, "params.arguments must be an object.", id);
      }
    }
    return Optional.empty();
  }

  private static Optional<Refusal> refuse(int code, String message, JsonNode id) {
    return Optional.of(
        new Refusal(code, message, id == null ? JsonNodeFactory.instance.nullNode() : id));
  }
}
