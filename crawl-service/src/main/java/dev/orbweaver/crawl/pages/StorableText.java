package dev.orbweaver.crawl.pages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Text as PostgreSQL can store it. A page may say anything, but {@code text} refuses the NUL
 * character and {@code jsonb} refuses {@code \u0000} (one JSON-LD value with it used to fail the
 * whole batch of results), and neither can hold half of a surrogate pair. NULs are dropped, lone
 * surrogates become U+FFFD; everything else is kept as the page wrote it.
 */
public final class StorableText {
  private StorableText() {}

  /** The text without what PostgreSQL refuses; the same instance when there is nothing to do. */
  public static String of(String text) {
    if (text == null || clean(text)) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == 0) {
        continue;
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        out.append(c).append(text.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        out.append('\uFFFD');
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** Cleans every string of a JSON tree, field names included, in place; returns the tree. */
  public static <T extends JsonNode> T tree(T node) {
    if (node instanceof ObjectNode object) {
      List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
      object.fields().forEachRemaining(fields::add);
      boolean renamed = fields.stream().anyMatch(e -> !clean(e.getKey()));
      if (renamed) {
        object.removeAll();
      }
      for (Map.Entry<String, JsonNode> e : fields) {
        JsonNode value = e.getValue().isTextual() ? text(e.getValue()) : tree(e.getValue());
        if (renamed) {
          object.set(of(e.getKey()), value);
        } else if (value != e.getValue()) {
          object.set(e.getKey(), value);
        }
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        JsonNode item = array.get(i);
        JsonNode value = item.isTextual() ? text(item) : tree(item);
        if (value != item) {
          array.set(i, value);
        }
      }
    }
    return node;
  }

  /**
   * A value of the formats a page is stored with (strings, JSON trees, lists and maps of them) with
   * every string cleaned; values of other types are kept as they are.
   */
  public static Object value(Object value) {
    return switch (value) {
      case null -> null;
      case String s -> of(s);
      case JsonNode n -> tree(n);
      case Map<?, ?> m -> {
        Map<Object, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k instanceof String s ? of(s) : k, value(v)));
        yield out;
      }
      case Collection<?> c -> {
        List<Object> out = new ArrayList<>(c.size());
        c.forEach(v -> out.add(value(v)));
        yield out;
      }
      default -> value;
    };
  }

  private static JsonNode text(JsonNode node) {
    String text = node.asText();
    String cleaned = of(text);
    return cleaned == text ? node : TextNode.valueOf(cleaned);
  }

  /** Whether the text has no NUL and every surrogate in it is half of a well-formed pair. */
  private static boolean clean(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == 0) {
        return false;
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }
}
