package dev.orbweaver.extract.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orbweaver.extract.metadata.PageMetadata;
import dev.orbweaver.extract.profile.Facts;
import dev.orbweaver.extract.profile.PageStructure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jsoup.nodes.Element;

/**
 * Every value the page states, under normalised keys ("offers price", "review count", "brand"): the
 * properties of its schema.org items (the page's main item first), its labelled fields ({@code
 * <dt>}/{@code <dd>}, two-cell rows, "Label: value" lines), its meta tags and metadata. Earlier
 * sources win: typed data over labels over meta.
 */
final class FactIndex {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** Where a value came from: lower ranks are more trustworthy. */
  static final int MAIN_ITEM = 0;

  static final int OTHER_ITEM = 1;
  static final int LABEL = 2;
  static final int META = 3;
  static final int DOCUMENT_TITLE = 4;

  record Fact(JsonNode value, int rank) {}

  private final Map<String, Fact> values = new LinkedHashMap<>();
  private int rank;

  private FactIndex() {}

  static FactIndex of(Facts facts, ObjectNode mainItem) {
    FactIndex index = new FactIndex();
    index.rank = MAIN_ITEM;
    if (mainItem != null) {
      index.addItem(mainItem, "", 0);
    }
    index.rank = OTHER_ITEM;
    for (ObjectNode item : facts.items()) {
      if (item != mainItem) {
        index.addItem(item, "", 0);
      }
    }
    index.rank = LABEL;
    index.addLabels(facts);
    index.rank = META;
    PageMetadata metadata = facts.metadata();
    metadata.og().forEach((key, value) -> index.put("og " + key, JSON.textNode(value)));
    metadata.twitter().forEach((key, value) -> index.put("twitter " + key, JSON.textNode(value)));
    metadata.meta().forEach((key, value) -> index.put(key, JSON.textNode(value)));
    index.putText("heading", PageStructure.heading(facts.document()));
    index.putText("description", metadata.description());
    index.putText(
        "url", metadata.canonical() != null ? metadata.canonical() : metadata.sourceUrl());
    index.putText("language", metadata.language());
    index.putText("author", metadata.author());
    index.putText("published time", metadata.publishedTime());
    index.putText("keywords", metadata.keywords());
    // The document title usually carries the site's name: the page's own heading beats it.
    index.rank = DOCUMENT_TITLE;
    index.putText("title", metadata.title());
    return index;
  }

  /** A flat index over one object, for filling the items of an array of objects. */
  static FactIndex ofObject(JsonNode object) {
    FactIndex index = new FactIndex();
    if (object.isObject()) {
      index.addItem((ObjectNode) object, "", 0);
    }
    return index;
  }

  Fact get(String key) {
    return values.get(key);
  }

  /** Whether any fact lives under {@code prefix} ("author" for "author name"). */
  boolean hasPrefix(String prefix) {
    for (String key : values.keySet()) {
      if (key.equals(prefix) || key.startsWith(prefix + " ")) {
        return true;
      }
    }
    return false;
  }

  /** Keys inside {@code prefix} that end with {@code key} ("base salary value min value"). */
  List<String> keysUnder(String prefix, String key) {
    List<String> keys = new ArrayList<>();
    for (String candidate : values.keySet()) {
      if (candidate.startsWith(prefix + " ") && candidate.endsWith(" " + key)) {
        keys.add(candidate);
      }
    }
    return keys;
  }

  /** Keys whose last word is {@code word}, in insertion order ("offers price" for "price"). */
  List<String> keysEndingWith(String word) {
    List<String> keys = new ArrayList<>();
    for (String key : values.keySet()) {
      if (key.equals(word) || key.endsWith(" " + word)) {
        keys.add(key);
      }
    }
    return keys;
  }

  private void addItem(ObjectNode item, String prefix, int depth) {
    if (depth > 6) {
      return;
    }
    for (Map.Entry<String, JsonNode> property : item.properties()) {
      String name = property.getKey();
      if (name.startsWith("@")) {
        continue;
      }
      String key = prefix.isEmpty() ? normalise(name) : prefix + " " + normalise(name);
      JsonNode value = property.getValue();
      put(key, value);
      if (!prefix.isEmpty()) {
        put(normalise(name), value);
      }
      JsonNode object = value.isArray() && value.size() > 0 ? value.get(0) : value;
      if (object.isObject()) {
        addItem((ObjectNode) object, key, depth + 1);
      }
    }
  }

  private void addLabels(Facts facts) {
    for (Element term : facts.document().body().select("dt, tr > th:eq(0), tr > td:eq(0)")) {
      Element value = term.nextElementSibling();
      String label = term.text().strip();
      if (value != null && label.length() > 0 && label.length() < 40 && !value.text().isBlank()) {
        put(normalise(trimColon(label)), JSON.textNode(value.text().strip()));
      }
    }
    for (Element line : facts.document().body().select("p, li, span, div, dd, td")) {
      if (line.childrenSize() > 3) {
        continue;
      }
      String text = line.text();
      int colon = text.indexOf(':');
      if (colon > 0 && colon < 40 && colon < text.length() - 1) {
        String value = text.substring(colon + 1).strip();
        if (!value.isEmpty()) {
          put(normalise(text.substring(0, colon)), JSON.textNode(value));
        }
      }
    }
  }

  private static String trimColon(String label) {
    return label.endsWith(":") ? label.substring(0, label.length() - 1) : label;
  }

  private void putText(String key, String value) {
    if (value != null) {
      put(key, JSON.textNode(value));
    }
  }

  private void put(String key, JsonNode value) {
    if (!key.isEmpty() && value != null && !value.isNull()) {
      values.putIfAbsent(key, new Fact(value, rank));
    }
  }

  /**
   * A field or label name as lower-case words: "reviewCount", "review_count", "Review count:" and
   * "og:review-count" all become "review count" (with "og" kept as a word where present).
   */
  static String normalise(String name) {
    StringBuilder words = new StringBuilder(name.length() + 4);
    char previous = ' ';
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isLetterOrDigit(c)) {
        if (Character.isUpperCase(c) && Character.isLowerCase(previous)) {
          words.append(' ');
        }
        words.append(Character.toLowerCase(c));
      } else if (words.length() > 0 && words.charAt(words.length() - 1) != ' ') {
        words.append(' ');
      }
      previous = c;
    }
    return words.toString().strip().toLowerCase(Locale.ROOT);
  }
}
