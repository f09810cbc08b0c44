package dev.orbweaver.scrape.changetracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.TreeSet;

/**
 * The json mode's diff: every leaf that differs, keyed by its path ({@code plans[0].price}) with
 * {@code {previous, current}}. A field that appeared has {@code previous: null}, one that went away
 * {@code current: null}.
 */
public final class JsonFieldDiff {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private JsonFieldDiff() {}

  /** The changed fields; an empty object when nothing differs. */
  public static ObjectNode between(JsonNode previous, JsonNode current) {
    ObjectNode changes = JSON.objectNode();
    walk("", orNull(previous), orNull(current), changes);
    return changes;
  }

  private static void walk(String path, JsonNode previous, JsonNode current, ObjectNode out) {
    if (previous.isObject() && current.isObject()) {
      TreeSet<String> names = new TreeSet<>();
      previous.fieldNames().forEachRemaining(names::add);
      current.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        String child = path.isEmpty() ? name : path + "." + name;
        walk(child, orNull(previous.get(name)), orNull(current.get(name)), out);
      }
    } else if (previous.isArray() && current.isArray()) {
      int size = Math.max(previous.size(), current.size());
      for (int i = 0; i < size; i++) {
        walk(path + "[" + i + "]", orNull(previous.get(i)), orNull(current.get(i)), out);
      }
    } else if (!sameValue(previous, current)) {
      ObjectNode change = JSON.objectNode();
      change.set("previous", previous);
      change.set("current", current);
      out.set(path.isEmpty() ? "$" : path, change);
    }
  }

  /** Numbers compare by value (1 and 1.0 are the same price), everything else structurally. */
  private static boolean sameValue(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    return a.equals(b);
  }

  private static JsonNode orNull(JsonNode node) {
    return node == null ? NullNode.getInstance() : node;
  }
}
