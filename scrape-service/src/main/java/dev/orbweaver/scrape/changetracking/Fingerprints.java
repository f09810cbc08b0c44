package dev.orbweaver.scrape.changetracking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The normal form content is compared and hashed in, so that cosmetic churn (trailing spaces, runs
 * of blank lines, CRLF, JSON key order) never turns a page from same to changed.
 */
public final class Fingerprints {
  private static final ObjectMapper CANONICAL = new ObjectMapper();

  private Fingerprints() {}

  /**
   * Markdown with LF line ends, no trailing whitespace, runs of blank lines collapsed to one and no
   * blank lines at either end.
   */
  public static String normalizeMarkdown(String markdown) {
    String unified = markdown.replace("\r\n", "\n").replace('\r', '\n');
    List<String> lines = new ArrayList<>();
    boolean previousBlank = true; // drops leading blank lines
    for (String raw : unified.split("\n", -1)) {
      String line = raw.stripTrailing();
      if (line.isEmpty()) {
        if (!previousBlank) {
          lines.add("");
        }
        previousBlank = true;
      } else {
        lines.add(line);
        previousBlank = false;
      }
    }
    while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    return String.join("\n", lines);
  }

  /** Hex SHA-256 of the normalized Markdown. */
  public static String markdownHash(String markdown) {
    return sha256(normalizeMarkdown(markdown));
  }

  /** Hex SHA-256 of the JSON with object keys sorted at every level. */
  public static String jsonHash(JsonNode json) {
    try {
      return sha256(CANONICAL.writeValueAsString(canonical(json)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonNode canonical(JsonNode node) {
    if (node == null) {
      return JsonNodeFactory.instance.nullNode();
    }
    if (node.isObject()) {
      ObjectNode sorted = JsonNodeFactory.instance.objectNode();
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      names.sort(null);
      for (String name : names) {
        sorted.set(name, canonical(node.get(name)));
      }
      return sorted;
    }
    if (node.isArray()) {
      ArrayNode items = JsonNodeFactory.instance.arrayNode();
      node.forEach(item -> items.add(canonical(item)));
      return items;
    }
    return node;
  }
}
