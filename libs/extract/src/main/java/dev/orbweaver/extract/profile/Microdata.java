package dev.orbweaver.extract.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orbweaver.extract.links.UrlResolver;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * schema.org microdata ({@code itemscope}/{@code itemtype}/{@code itemprop}) read into the same
 * JSON shape JSON-LD has, so that profiles read both the same way.
 */
final class Microdata {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private Microdata() {}

  /** Every top-level item of the page, with its nested items as property values. */
  static List<ObjectNode> items(Document document, UrlResolver resolver) {
    List<ObjectNode> items = new ArrayList<>();
    for (Element scope : document.select("[itemscope]:not([itemprop])")) {
      items.add(item(scope, resolver, 0));
    }
    return items;
  }

  private static ObjectNode item(Element scope, UrlResolver resolver, int depth) {
    ObjectNode item = JSON.objectNode();
    String type = scope.attr("itemtype").strip();
    if (!type.isEmpty()) {
      item.put("@type", type.split("\\s+")[0]);
    }
    collect(scope, item, resolver, depth);
    return item;
  }

  /** Walks the scope's subtree; a nested itemscope is its own item and ends the walk there. */
  private static void collect(Element element, ObjectNode item, UrlResolver resolver, int depth) {
    for (Element child : element.children()) {
      String properties = child.attr("itemprop").strip();
      boolean scope = child.hasAttr("itemscope");
      if (!properties.isEmpty()) {
        JsonNode value =
            scope && depth < 8
                ? item(child, resolver, depth + 1)
                : JSON.textNode(value(child, resolver));
        for (String property : properties.split("\\s+")) {
          add(item, property, value);
        }
      }
      if (!scope) {
        collect(child, item, resolver, depth);
      }
    }
  }

  private static void add(ObjectNode item, String property, JsonNode value) {
    JsonNode existing = item.get(property);
    if (existing == null) {
      item.set(property, value);
    } else if (existing.isArray()) {
      ((ArrayNode) existing).add(value);
    } else {
      ArrayNode values = JSON.arrayNode();
      values.add(existing);
      values.add(value);
      item.set(property, values);
    }
  }

  private static String value(Element element, UrlResolver resolver) {
    if (element.hasAttr("content")) {
      return element.attr("content").strip();
    }
    String url =
        switch (element.normalName()) {
          case "a", "link", "area" -> element.attr("href");
          case "img", "audio", "video", "source", "embed", "iframe", "track" -> element.attr("src");
          case "object" -> element.attr("data");
          default -> null;
        };
    if (url != null) {
      String resolved = resolver.resolve(url);
      return resolved == null ? url : resolved;
    }
    return switch (element.normalName()) {
      case "data", "meter" -> element.attr("value").strip();
      case "time" ->
          element.hasAttr("datetime") ? element.attr("datetime").strip() : element.text();
      default -> element.text();
    };
  }
}
