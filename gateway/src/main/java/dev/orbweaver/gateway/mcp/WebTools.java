package dev.orbweaver.gateway.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orbweaver.gateway.call.PublicApi;
import io.quarkiverse.mcp.server.Progress;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.ToolArg;
import io.quarkiverse.mcp.server.ToolCallException;
import io.quarkiverse.mcp.server.ToolResponse;
import io.smallrye.common.annotation.RunOnVirtualThread;
import io.vertx.core.http.HttpMethod;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scrape, map and crawl over the Firecrawl v2 routes: the same quotas (scrape, map, crawl) as the
 * HTTP calls, answers cut to what a model reads.
 */
public class WebTools {
  private final PublicApi api;
  private final ToolCaller callers;
  private final McpConfig config;

  @Inject
  public WebTools(PublicApi api, ToolCaller callers, McpConfig config) {
    this.api = api;
    this.callers = callers;
    this.config = config;
  }

  @Tool(
      description =
          "Fetch one web page and return its main content as Markdown, with its title and"
              + " status (optionally its links). Costs one scrape call.",
      annotations = @Tool.Annotations(readOnlyHint = true, destructiveHint = false),
      inputSchema = @Tool.InputSchema(generator = ToolSchemas.class))
  @RunOnVirtualThread
  ToolResponse scrape(
      @ToolArg(name = "url") String url,
      @ToolArg(name = "only_main_content", required = false) Boolean onlyMainContent,
      @ToolArg(name = "include_links", required = false) Boolean includeLinks,
      @ToolArg(name = "max_chars", required = false) Integer maxChars) {
    List<String> formats = new ArrayList<>(List.of("markdown"));
    if (Boolean.TRUE.equals(includeLinks)) {
      formats.add("links");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("url", url);
    body.put("formats", formats);
    body.put("onlyMainContent", onlyMainContent == null || onlyMainContent);
    PublicApi.Answer answer = call(HttpMethod.POST, "/v2/scrape", body);
    if (!answer.ok()) {
      return ToolText.error(answer);
    }
    JsonNode data = answer.body().path("data");
    JsonNode metadata = data.path("metadata");
    String markdown = data.path("markdown").asText("");
    StringBuilder out = new StringBuilder();
    out.append("# ").append(metadata.path("title").asText("(no title)")).append('\n');
    out.append("url: ")
        .append(metadata.path("url").asText(metadata.path("sourceURL").asText(url)))
        .append(" · status ")
        .append(metadata.path("statusCode").asText("-"))
        .append(" · ")
        .append(markdown.length())
        .append(" characters of Markdown\n\n");
    out.append(ToolText.cut(markdown, maxChars == null ? config.defaultMaxChars() : maxChars));
    if (data.has("links")) {
      out.append("\n\nlinks (").append(data.path("links").size()).append("):\n");
      data.path("links").forEach(link -> out.append(link.asText()).append('\n'));
    }
    return ToolResponse.success(out.toString());
  }

  @Tool(
      description =
          "List the URLs of a web site (sitemaps and links), optionally only those matching a"
              + " search text. Costs one map call.",
      annotations = @Tool.Annotations(readOnlyHint = true, destructiveHint = false),
      inputSchema = @Tool.InputSchema(generator = ToolSchemas.class))
  @RunOnVirtualThread
  ToolResponse map(
      @ToolArg(name = "url") String url,
      @ToolArg(name = "search", required = false) String search,
      @ToolArg(name = "limit", required = false) Integer limit,
      @ToolArg(name = "include_subdomains", required = false) Boolean includeSubdomains) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("url", url);
    body.put("search", search);
    body.put("limit", limit == null ? 100 : limit);
    body.put("includeSubdomains", includeSubdomains);
    PublicApi.Answer answer = call(HttpMethod.POST, "/v2/map", body);
    if (!answer.ok()) {
      return ToolText.error(answer);
    }
    JsonNode links = answer.body().path("links");
    return ToolResponse.success(
        "%d URLs on %s\n".formatted(links.size(), url)
            + ToolText.table(
                links, Integer.MAX_VALUE, List.of(ToolText.field("url"), ToolText.field("title"))));
  }

  @Tool(
      description =
          "Crawl a web site: with url, start a crawl (one crawl call) and answer its id; with"
              + " id, report its progress and the pages crawled so far (free). wait_seconds waits"
              + " for the crawl to finish first.",
      annotations = @Tool.Annotations(readOnlyHint = false, destructiveHint = false),
      inputSchema = @Tool.InputSchema(generator = ToolSchemas.class))
  @RunOnVirtualThread
  ToolResponse crawl(
      @ToolArg(name = "url", required = false) String url,
      @ToolArg(name = "id", required = false) String id,
      @ToolArg(name = "limit", required = false) Integer limit,
      @ToolArg(name = "max_depth", required = false) Integer maxDepth,
      @ToolArg(name = "include_paths", required = false) List<String> includePaths,
      @ToolArg(name = "exclude_paths", required = false) List<String> excludePaths,
      @ToolArg(name = "wait_seconds", required = false) Integer waitSeconds,
      @ToolArg(name = "max_chars_per_page", required = false) Integer maxCharsPerPage,
      Progress progress) {
    if ((url == null) == (id == null)) {
      throw new ToolCallException("Give either url (to start a crawl) or id (to follow one).");
    }
    String crawl = id;
    if (url != null) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("url", url);
      body.put("limit", limit == null ? 10 : limit);
      body.put("maxDiscoveryDepth", maxDepth);
      body.put("includePaths", includePaths);
      body.put("excludePaths", excludePaths);
      body.put("scrapeOptions", Map.of("formats", List.of("markdown"), "onlyMainContent", true));
      PublicApi.Answer started = call(HttpMethod.POST, "/v2/crawl", body);
      if (!started.ok()) {
        return ToolText.error(started);
      }
      crawl = started.body().path("id").asText();
    }
    Duration wait = Duration.ofSeconds(waitSeconds == null ? 0 : waitSeconds);
    if (wait.compareTo(config.crawlMaxWait()) > 0) {
      wait = config.crawlMaxWait();
    }
    Instant deadline = Instant.now().plus(wait);
    while (true) {
      PublicApi.Answer status =
          call(HttpMethod.GET, "/v2/crawl/" + BacklinkTools.encode(crawl), null);
      if (!status.ok()) {
        return ToolText.error(status);
      }
      String state = status.body().path("status").asText();
      if (!state.equals("scraping") || !Instant.now().isBefore(deadline)) {
        return crawlReport(crawl, status.body(), maxCharsPerPage == null ? 300 : maxCharsPerPage);
      }
      if (progress.token().isPresent()) {
        progress
            .notificationBuilder()
            .setProgress(status.body().path("completed").asDouble())
            .setTotal(Math.max(1, status.body().path("total").asDouble()))
            .setMessage("crawl " + crawl + " " + state)
            .build()
            .sendAndForget();
      }
      try {
        Thread.sleep(config.pollInterval());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ToolCallException("interrupted while waiting", e);
      }
    }
  }

  private static ToolResponse crawlReport(String id, JsonNode status, int maxChars) {
    JsonNode pages = status.path("data");
    StringBuilder out = new StringBuilder();
    out.append("crawl ")
        .append(id)
        .append(": ")
        .append(status.path("status").asText())
        .append(", ")
        .append(status.path("completed").asLong())
        .append(" of ")
        .append(status.path("total").asLong())
        .append(" pages crawled");
    if (status.path("status").asText().equals("scraping")) {
      out.append("; call crawl with id=").append(id).append(" to follow it");
    }
    out.append('\n');
    for (JsonNode page : pages) {
      JsonNode metadata = page.path("metadata");
      out.append("\n## ")
          .append(metadata.path("sourceURL").asText())
          .append(" (")
          .append(metadata.path("statusCode").asText("-"))
          .append(") ")
          .append(metadata.path("title").asText(""))
          .append('\n');
      if (maxChars > 0) {
        out.append(ToolText.cut(page.path("markdown").asText(""), maxChars)).append('\n');
      }
    }
    if (status.has("next")) {
      out.append("\n(").append(pages.size()).append(" pages shown; more exist)\n");
    }
    return ToolResponse.success(out.toString());
  }

  private PublicApi.Answer call(HttpMethod method, String path, Map<String, Object> body) {
    if (body != null) {
      body.values().removeIf(v -> v == null);
    }
    return api.call(callers.presented(), method, path, body);
  }
}
