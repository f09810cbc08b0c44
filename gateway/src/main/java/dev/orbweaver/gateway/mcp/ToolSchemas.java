package dev.orbweaver.gateway.mcp;

import io.quarkiverse.mcp.server.InputSchemaGenerator;
import io.quarkiverse.mcp.server.ToolManager;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each tool's input schema, written by hand in {@code mcp/tools/<name>.json}: bounds, enums and
 * descriptions a model needs, which a schema generated from Java parameters would not carry. {@code
 * ToolSchemasTest} keeps them in step with the tools' arguments.
 */
@Singleton
public class ToolSchemas implements InputSchemaGenerator<JsonObject> {
  private final Map<String, JsonObject> schemas = new ConcurrentHashMap<>();

  @Override
  public JsonObject generate(ToolManager.ToolInfo tool) {
    // A copy: the MCP server serializes what it gets, and nothing may change the cached original.
    return schemas.computeIfAbsent(tool.name(), ToolSchemas::load).copy();
  }

  static JsonObject load(String tool) {
    String resource = "mcp/tools/" + tool + ".json";
    try (InputStream in =
        Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("no input schema at " + resource);
      }
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
