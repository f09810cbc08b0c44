package dev.orbweaver.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which error envelope a path answers in: the dialect of the gateway's route for it (its
 * configuration, longest segment-aware prefix first, as the gateway matches), the JSON-RPC of
 * {@code /mcp}, and CrawlGraph's shape for the gateway's own paths (health, the OpenAPI document),
 * which is how the gateway answers what no route serves.
 */
final class RouteEnvelopes {
  private static final Pattern SETTING =
      Pattern.compile(
          "^orbweaver\\.gateway\\.routes\\.([a-z0-9-]+)\\.(prefix|dialect)=(\\S+)$",
          Pattern.MULTILINE);

  /** The shape of an error body in each dialect, as the seeds state it. */
  enum Envelope {
    /** CrawlGraph and the internal/admin API: {@code {"error": code, "message", "request_id"}}. */
    CRAWLGRAPH(b -> b.path("error").isTextual() && b.path("message").isTextual()),
    /** crawlcrawl: {@code {"error": {"code", "message"}}}. */
    CRAWLCRAWL(
        b ->
            b.path("error").path("code").isTextual()
                && b.path("error").path("message").isTextual()),
    /** AlterLab (FastAPI-like): {@code {"detail", "error"}}. */
    ALTERLAB(b -> !b.path("detail").isMissingNode() && b.path("error").isTextual()),
    /** Firecrawl and CRW: {@code {"success": false, "error", …}}. */
    FIRECRAWL(
        b ->
            b.path("success").isBoolean()
                && !b.path("success").asBoolean()
                && b.path("error").isTextual()),
    /**
     * MCP: a JSON-RPC error, or the gateway's CrawlGraph-shaped refusal of a request without a
     * usable key (before the MCP server sees it).
     */
    MCP(
        b ->
            ("2.0".equals(b.path("jsonrpc").asText())
                    && b.path("error").path("code").isIntegralNumber()
                    && b.path("error").path("message").isTextual())
                || CRAWLGRAPH.test(b));

    private final Predicate<JsonNode> shape;

    Envelope(Predicate<JsonNode> shape) {
      this.shape = shape;
    }

    boolean test(JsonNode body) {
      return body != null && body.isObject() && shape.test(body);
    }
  }

  private final Map<String, Envelope> byPrefix;

  private RouteEnvelopes(Map<String, Envelope> byPrefix) {
    this.byPrefix = byPrefix;
  }

  /** The route table of the gateway's configuration in this checkout. */
  static RouteEnvelopes ofGatewayConfiguration(Path root) {
    String properties;
    try {
      properties =
          Files.readString(root.resolve("gateway/src/main/resources/application.properties"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> prefixes = new TreeMap<>();
    Map<String, String> dialects = new TreeMap<>();
    Matcher m = SETTING.matcher(properties);
    while (m.find()) {
      (m.group(2).equals("prefix") ? prefixes : dialects).put(m.group(1), m.group(3));
    }
    Map<String, Envelope> byPrefix = new TreeMap<>();
    prefixes.forEach(
        (route, prefix) -> {
          String dialect = dialects.get(route);
          if (dialect == null) {
            throw new IllegalStateException("route " + route + " names no dialect");
          }
          byPrefix.put(prefix, envelopeOf(dialect));
        });
    return new RouteEnvelopes(byPrefix);
  }

  private static Envelope envelopeOf(String dialect) {
    return switch (dialect) {
      case "crawlgraph", "internal" -> Envelope.CRAWLGRAPH;
      case "crawlcrawl" -> Envelope.CRAWLCRAWL;
      case "alterlab" -> Envelope.ALTERLAB;
      case "firecrawl" -> Envelope.FIRECRAWL;
      default -> throw new IllegalStateException("unknown dialect " + dialect);
    };
  }

  /** The envelope of the route serving a path (a template such as {@code /v1/crawls/{id}}). */
  Envelope of(String path) {
    if (path.equals("/mcp") || path.startsWith("/mcp/")) {
      return Envelope.MCP;
    }
    String best = null;
    for (String prefix : byPrefix.keySet()) {
      if ((path.equals(prefix) || path.startsWith(prefix + "/"))
          && (best == null || prefix.length() > best.length())) {
        best = prefix;
      }
    }
    return best == null ? Envelope.CRAWLGRAPH : byPrefix.get(best);
  }

  /** True when a route of the table serves the path (false for the gateway's own paths). */
  boolean routed(String path) {
    return byPrefix.keySet().stream()
        .anyMatch(prefix -> path.equals(prefix) || path.startsWith(prefix + "/"));
  }
}
