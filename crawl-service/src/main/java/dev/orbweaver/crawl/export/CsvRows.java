package dev.orbweaver.crawl.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;

/**
 * A page result as one CSV row (RFC 4180): its scalar fields as they are, its nested ones (content,
 * metadata, diff) as JSON text in one cell, so that every row has the header's columns.
 */
final class CsvRows {
  static final List<String> COLUMNS =
      List.of(
          "url",
          "final_url",
          "status_code",
          "depth",
          "title",
          "cached",
          "credits",
          "change_status",
          "scraped_at",
          "content",
          "metadata");

  static final String HEADER = String.join(",", COLUMNS) + "\r\n";

  private CsvRows() {}

  static String row(ObjectMapper json, Map<String, Object> result) {
    StringBuilder row = new StringBuilder();
    for (String column : COLUMNS) {
      if (row.length() > 0) {
        row.append(',');
      }
      row.append(cell(json, result.get(column)));
    }
    return row.append("\r\n").toString();
  }

  private static String cell(ObjectMapper json, Object value) {
    if (value == null) {
      return "";
    }
    String text;
    if (value instanceof String || value instanceof Number || value instanceof Boolean) {
      text = value.toString();
    } else {
      try {
        text = json.writeValueAsString(value);
        if (text.startsWith("\"") && text.endsWith("\"")) {
          text = json.readValue(text, String.class); // an Instant: its ISO text, unquoted
        }
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("a result field did not serialize", e);
      }
    }
    if (text.indexOf(',') >= 0
        || text.indexOf('"') >= 0
        || text.indexOf('\n') >= 0
        || text.indexOf('\r') >= 0) {
      return '"' + text.replace("\"", "\"\"") + '"';
    }
    return text;
  }
}
