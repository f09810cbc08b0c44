package dev.orbweaver.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/**
 * Checks that no string of a JSON answer holds a NUL character, names and values alike. The JSON
 * text itself cannot be searched for an escaped NUL: a page may say that escape in its own text (as
 * the JSON-LD of {@link HostileSite}'s NUL page does), which is six characters, not a NUL.
 */
public final class NoNul {
  private static final ObjectMapper JSON = new ObjectMapper();

  private NoNul() {}

  /**
   * @throws AssertionError naming the path of the first string with a NUL, or when not JSON
   */
  public static void in(String json) {
    try {
      check(JSON.readTree(json), "$");
    } catch (JsonProcessingException e) {
      throw new AssertionError("not JSON: " + json, e);
    }
  }

  private static void check(JsonNode node, String path) {
    if (node.isTextual() && node.asText().indexOf('\0') >= 0) {
      throw new AssertionError("a NUL at " + path + ": " + node.asText());
    }
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      if (field.getKey().indexOf('\0') >= 0) {
        throw new AssertionError("a NUL in a name at " + path + ": " + field.getKey());
      }
      check(field.getValue(), path + "." + field.getKey());
    }
    for (int i = 0; node.isArray() && i < node.size(); i++) {
      check(node.get(i), path + "[" + i + "]");
    }
  }
}
