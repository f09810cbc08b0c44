package dev.orbweaver.gateway.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orbweaver.gateway.call.PublicApi;
import io.quarkiverse.mcp.server.ToolResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Compact answers for a model: a one-line summary, then tab-separated rows under a header line.
 * Tables read well to a model and cost a fraction of the tokens of the JSON they come from.
 */
final class ToolText {
  private ToolText() {}

  /** A row per element of {@code rows}, with the named columns, after a header line. */
  static String table(JsonNode rows, int limit, List<Column> columns) {
    StringBuilder out = new StringBuilder();
    out.append(String.join("\t", columns.stream().map(Column::name).toList())).append('\n');
    int n = 0;
    for (JsonNode row : rows) {
      if (n++ == limit) {
        break;
      }
      List<String> cells = new ArrayList<>(columns.size());
      for (Column column : columns) {
        cells.add(column.value().apply(row));
      }
      out.append(String.join("\t", cells)).append('\n');
    }
    return out.toString();
  }

  record Column(String name, Function<JsonNode, String> value) {}

  static Column field(String name) {
    return new Column(name, row -> cell(row.path(name)));
  }

  static Column list(String name) {
    return new Column(
        name,
        row -> {
          List<String> items = new ArrayList<>();
          row.path(name).forEach(item -> items.add(item.asText()));
          return String.join(" ", items);
        });
  }

  /** A value as a cell: "-" for null or missing, tabs and line breaks flattened. */
  static String cell(JsonNode value) {
    if (value == null || value.isMissingNode() || value.isNull()) {
      return "-";
    }
    return value.asText().replace('\t', ' ').replace('\n', ' ');
  }

  static String joined(JsonNode array) {
    List<String> items = new ArrayList<>();
    array.forEach(item -> items.add(item.asText()));
    return String.join(", ", items);
  }

  /** The first {@code max} characters, with a note when cut. */
  static String cut(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    return text.substring(0, max) + "\n[… cut at " + max + " of " + text.length() + " characters]";
  }

  /**
   * A refusal or failure as the model should read it: the dialect's error code and message, the
   * HTTP status, and when to retry. Every dialect's envelope is understood.
   */
  static ToolResponse error(PublicApi.Answer answer) {
    JsonNode body = answer.body();
    String code;
    String message;
    JsonNode error = body.path("error");
    if (error.isObject()) { // crawlcrawl
      code = error.path("code").asText("error");
      message = error.path("message").asText("");
    } else {
      code = error.asText(body.path("code").asText("error"));
      message = body.path("message").asText(body.path("detail").asText(""));
    }
    StringBuilder text =
        new StringBuilder(code).append(" (HTTP ").append(answer.status()).append(')');
    if (!message.isEmpty()) {
      text.append(": ").append(message);
    }
    answer
        .retryAfter()
        .ifPresent(seconds -> text.append(" Retry after ").append(seconds).append(" s."));
    if (body.hasNonNull("request_id")) {
      text.append(" [request ").append(body.get("request_id").asText()).append(']');
    }
    return ToolResponse.error(text.toString());
  }
}
