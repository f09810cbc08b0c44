package dev.orbweaver.extract.metadata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** JSON-LD blocks of a page and the schema.org items inside them. */
public final class JsonLd {
  // Configured once here and never changed afterwards: ObjectMapper is then safe to share.
  private static final ObjectMapper LENIENT =
      JsonMapper.builder()
          .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
          .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
          .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
          .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
          .enable(JsonReadFeature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER)
          .build();

  private JsonLd() {}

  /** Every block that parses; real pages ship broken ones, which are skipped rather than fatal. */
  public static List<JsonNode> blocks(Document document) {
    return blocks(document.getElementsByTag("script"));
  }

  /** {@link #blocks(Document)} over a page's script elements, gathered by the caller. */
  static List<JsonNode> blocks(List<Element> scripts) {
    List<JsonNode> blocks = new ArrayList<>();
    for (Element script : scripts) {
      String type = script.attr("type");
      if (!type.regionMatches(true, 0, "application/ld+json", 0, 19)) {
        continue;
      }
      JsonNode tree = parse(script.data());
      if (tree == null) {
        continue;
      }
      if (tree.isArray()) {
        tree.forEach(element -> addIfObject(blocks, element));
      } else {
        addIfObject(blocks, tree);
      }
    }
    return List.copyOf(blocks);
  }

  /**
   * The typed items of {@code blocks}, depth first: each object with an {@code @type}, including
   * those inside {@code @graph} lists and nested as property values (an Offer inside a Product).
   */
  public static List<ObjectNode> items(List<JsonNode> blocks) {
    List<ObjectNode> items = new ArrayList<>();
    for (JsonNode block : blocks) {
      collect(block, items, 0);
    }
    return items;
  }

  /** The {@code @type} values of an item, without a schema.org prefix. */
  public static List<String> types(JsonNode item) {
    JsonNode type = item.get("@type");
    List<String> types = new ArrayList<>();
    if (type == null) {
      return types;
    }
    if (type.isArray()) {
      type.forEach(t -> types.add(stripVocabulary(t.asText())));
    } else {
      types.add(stripVocabulary(type.asText()));
    }
    return types;
  }

  private static String stripVocabulary(String type) {
    int slash = type.lastIndexOf('/');
    int colon = type.lastIndexOf(':');
    int cut = Math.max(slash, colon);
    return cut >= 0 ? type.substring(cut + 1) : type;
  }

  private static void collect(JsonNode node, List<ObjectNode> items, int depth) {
    if (depth > 32) {
      return;
    }
    if (node.isArray()) {
      node.forEach(element -> collect(element, items, depth + 1));
      return;
    }
    if (!node.isObject()) {
      return;
    }
    if (node.has("@type")) {
      items.add((ObjectNode) node);
    }
    node.properties().forEach(entry -> collect(entry.getValue(), items, depth + 1));
  }

  private static void addIfObject(List<JsonNode> blocks, JsonNode node) {
    if (node.isObject()) {
      blocks.add(node);
    }
  }

  private static JsonNode parse(String raw) {
    String json = raw.strip();
    // CMS templates wrap the block in HTML comments or CDATA markers to hide it from old browsers.
    json = stripWrapper(json, "<!--", "-->");
    json = stripWrapper(json, "//<![CDATA[", "//]]>");
    json = stripWrapper(json, "<![CDATA[", "]]>");
    if (json.isEmpty()) {
      return null;
    }
    try {
      return LENIENT.readTree(json);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static String stripWrapper(String json, String open, String close) {
    if (json.startsWith(open) && json.endsWith(close)) {
      return json.substring(open.length(), json.length() - close.length()).strip();
    }
    return json;
  }
}
