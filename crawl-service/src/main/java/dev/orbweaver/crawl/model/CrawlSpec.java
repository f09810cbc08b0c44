package dev.orbweaver.crawl.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * What a client asked a crawl to do, in the engine's words. Every dialect's request maps onto this;
 * nothing here knows a wire format.
 */
public record CrawlSpec(
    CrawlDialect dialect,
    String seedUrl,
    SeedKind seedKind,
    SitemapMode sitemapMode,
    String sitemapPath,
    Scope scope,
    Politeness politeness,
    RequestOptions request,
    Output output,
    CacheOptions cache,
    ChangeTracking changeTracking,
    WebhookTarget webhook,
    WebhookTarget stream,
    CostControls costs,
    String idempotencyKey) {

  public CrawlSpec {
    costs = costs == null ? CostControls.NONE : costs;
  }

  public enum SeedKind {
    URL,
    SITEMAP
  }

  public enum SitemapMode {
    INCLUDE,
    SKIP,
    ONLY
  }

  /**
   * Which pages belong to the crawl. The include and exclude patterns are read in {@code
   * patternSyntax}; budget and priority patterns are always globs.
   */
  public record Scope(
      boolean includeSubdomains,
      int maxDepth,
      int maxPages,
      List<String> includePatterns,
      List<String> excludePatterns,
      PatternSyntax patternSyntax,
      Map<String, Integer> budget,
      PriorityRules priority) {

    /**
     * Rows a crawl's frontier grows to at most: 20 × max_pages + 1,000 bounds link traps and
     * sitemaps of a million URLs without cutting any crawl short of max_pages.
     */
    public int frontierCap() {
      return maxPages * 20 + 1000;
    }
  }

  /**
   * How include and exclude patterns read: globs over the path and query, matched whole (AlterLab);
   * or regular expressions found anywhere in the path (Firecrawl), or in the whole URL (Firecrawl's
   * regexOnFullURL).
   */
  public enum PatternSyntax {
    GLOB("glob"),
    PATH_REGEX("path_regex"),
    URL_REGEX("url_regex");

    private final String column;

    PatternSyntax(String column) {
      this.column = column;
    }

    public String column() {
      return column;
    }

    public static PatternSyntax ofColumn(String column) {
      for (PatternSyntax s : values()) {
        if (s.column.equals(column)) {
          return s;
        }
      }
      throw new IllegalArgumentException("unknown pattern syntax " + column);
    }
  }

  /** Content-aware ordering: keywords in path segments, boost and demote globs. */
  public record PriorityRules(
      List<String> keywords, List<String> boostPatterns, List<String> demotePatterns) {
    public static final PriorityRules NONE = new PriorityRules(List.of(), List.of(), List.of());

    public boolean none() {
      return keywords.isEmpty() && boostPatterns.isEmpty() && demotePatterns.isEmpty();
    }
  }

  /** How gently to treat the target. A null concurrency means the engine's default. */
  public record Politeness(int delayMs, Integer concurrency, boolean respectRobots) {}

  /** What every request of the crawl carries. */
  public record RequestOptions(
      Map<String, String> headers, String cookies, String proxyUrl, String userAgent) {}

  /** What to keep of each page: raw HTML, and formats rendered at crawl time. */
  public record Output(
      boolean storeHtml, List<String> formats, boolean onlyMainContent, JsonNode extraction) {}

  /** The per-page response cache. */
  public record CacheOptions(boolean enabled, int ttlSeconds, boolean forceRefresh) {
    public static final CacheOptions OFF = new CacheOptions(false, 900, false);
  }

  /** Change detection against the previous crawl of the same tracking id. */
  public record ChangeTracking(
      boolean enabled, String trackingId, String mode, boolean includeDiff) {
    public static final ChangeTracking OFF = new ChangeTracking(false, null, "content", false);

    /** Credits a page's diff adds: 1 in content mode, 2 in structured mode, none without. */
    public int diffCredits() {
      return enabled && includeDiff ? ("structured".equals(mode) ? 2 : 1) : 0;
    }
  }

  /**
   * What a crawl may spend: a cap on its credits, the highest tier it may use, a tier every page
   * must be fetched at, and whether it asks for JavaScript rendering (which needs tier 4). Null
   * fields say nothing.
   */
  public record CostControls(Long maxCredits, Tier maxTier, Tier forceTier, boolean rendering) {
    public static final CostControls NONE = new CostControls(null, null, null, false);
  }

  /**
   * Where to deliver events: style {@code crawlcrawl} (terminal events, unsigned), {@code alterlab}
   * (filtered, signed when a secret is set), {@code firecrawl} (filtered, metadata and webhookId
   * added, X-Firecrawl-Signature when a secret is set) or {@code stream} (every page, in order).
   */
  public record WebhookTarget(
      String style,
      String url,
      String secret,
      List<String> events,
      Map<String, String> headers,
      JsonNode metadata) {}
}
