package dev.orbweaver.crawl.api.alterlab;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orbweaver.common.error.ApiException;
import dev.orbweaver.common.input.HttpFields;
import dev.orbweaver.crawl.api.WireChecks;
import dev.orbweaver.crawl.model.CrawlDialect;
import dev.orbweaver.crawl.model.CrawlSpec;
import dev.orbweaver.crawl.model.Tier;
import dev.orbweaver.crawl.scope.PathPatterns;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps AlterLab's crawl request onto the engine's spec, checking every field the document bounds.
 */
final class AlterLabMapper {
  static final Set<String> FORMATS = Set.of("text", "json", "json_v2", "html", "markdown");
  static final Set<String> PROFILES =
      Set.of("auto", "product", "article", "job_posting", "faq", "recipe", "event");
  static final Set<String> EVENTS =
      Set.of(
          "crawl.started",
          "crawl.page.completed",
          "crawl.page.failed",
          "crawl.completed",
          "crawl.failed");

  static final Set<String> STORAGE = Set.of("redis", "s3", "r2");

  /** The most a crawl can cost: 100,000 pages at 15 credits, AlterLab's dearest page. */
  static final long MAX_CREDITS = 1_500_000;

  /** AlterLab's patterns are globs: {@code /blog/*}. */
  private static final CrawlSpec.PatternSyntax GLOB = CrawlSpec.PatternSyntax.GLOB;

  private AlterLabMapper() {}

  static CrawlSpec spec(AlterLabRequests.StartCrawl r, List<String> warnings) {
    if (r == null) {
      throw ApiException.validation("body must be a JSON object with url");
    }
    String url = WireChecks.httpUrl("url", r.url());
    HttpFields.headers("headers", r.headers());
    int maxPages = WireChecks.range("max_pages", r.maxPages(), 50, 1, 100_000);
    int maxDepth = WireChecks.range("max_depth", r.maxDepth(), 3, 0, 50);
    List<String> formats = r.formats() == null ? List.of("markdown") : r.formats();
    for (String f : formats) {
      if (!FORMATS.contains(f)) {
        throw ApiException.validation(
            "formats: '" + f + "' is not one of text, json, json_v2, html, markdown");
      }
    }
    if (r.extractionProfile() != null && !PROFILES.contains(r.extractionProfile())) {
      throw ApiException.validation(
          "extraction_profile must be one of auto, product, article, job_posting, faq, recipe, event");
    }
    if (r.extractionSchema() != null && !r.extractionSchema().isObject()) {
      throw ApiException.validation("extraction_schema must be a JSON schema object");
    }
    String sitemap = r.sitemap() == null ? "include" : r.sitemap();
    CrawlSpec.SitemapMode mode =
        switch (sitemap) {
          case "include" -> CrawlSpec.SitemapMode.INCLUDE;
          case "skip" -> CrawlSpec.SitemapMode.SKIP;
          case "only" -> CrawlSpec.SitemapMode.ONLY;
          default -> throw ApiException.validation("sitemap must be include, skip or only");
        };
    if (r.sitemapPath() != null && !r.sitemapPath().startsWith("/")) {
      throw ApiException.validation("sitemap_path must be a path such as /product-sitemap.xml");
    }
    boolean cache = Boolean.TRUE.equals(r.cache());
    int cacheTtl = WireChecks.range("cache_ttl", r.cacheTtl(), 900, 60, 86_400);
    if (r.storage() != null && !STORAGE.contains(r.storage())) {
      throw ApiException.validation("storage must be redis, s3 or r2");
    }
    CrawlSpec.CostControls costs = costControls(r.costControls(), r.advanced());
    if (r.advanced() != null) {
      AlterLabRequests.Advanced a = r.advanced();
      WireChecks.range("advanced.timeout", a.timeout(), 90, 1, 300);
      if (Boolean.TRUE.equals(a.screenshot()) || a.waitFor() != null) {
        warnings.add(
            "Screenshots and wait_for need a browser, which this installation does not run yet; pages are fetched without them.");
      }
    }
    List<String> include = PathPatterns.check("include_patterns", r.includePatterns(), GLOB);
    List<String> exclude = PathPatterns.check("exclude_patterns", r.excludePatterns(), GLOB);
    if (r.budget() != null) {
      PathPatterns.check("budget", List.copyOf(r.budget().keySet()), GLOB);
      r.budget()
          .forEach(
              (pattern, n) -> {
                if (n == null || n < 0) {
                  throw ApiException.validation(
                      "budget['" + pattern + "'] must be a whole number >= 0");
                }
              });
    }
    if (r.webhook() != null && r.webhookUrl() != null) {
      throw ApiException.validation("webhook and webhook_url are mutually exclusive");
    }
    CrawlSpec.WebhookTarget webhook = null;
    if (r.webhook() != null) {
      AlterLabRequests.Webhook w = r.webhook();
      HttpFields.headers("webhook.headers", w.headers());
      List<String> events = w.events() == null ? List.of() : w.events();
      for (String e : events) {
        if (!EVENTS.contains(e)) {
          throw ApiException.validation("webhook.events: '" + e + "' is not a crawl event");
        }
      }
      webhook =
          new CrawlSpec.WebhookTarget(
              "alterlab",
              WireChecks.httpUrl("webhook.url", w.url()),
              w.secret(),
              events,
              w.headers() == null ? Map.of() : w.headers(),
              w.metadata());
    } else if (r.webhookUrl() != null) {
      // Legacy webhook_url: crawl.completed only, unsigned.
      webhook =
          new CrawlSpec.WebhookTarget(
              "alterlab",
              WireChecks.httpUrl("webhook_url", r.webhookUrl()),
              null,
              List.of("crawl.completed"),
              Map.of(),
              null);
    }
    CrawlSpec.WebhookTarget stream = null;
    if (r.output() != null && "webhook_stream".equals(r.output().type())) {
      stream =
          new CrawlSpec.WebhookTarget(
              "stream",
              WireChecks.httpUrl("output.url", r.output().url()),
              r.output().secret(),
              List.of(),
              Map.of(),
              null);
    }
    CrawlSpec.ChangeTracking tracking = CrawlSpec.ChangeTracking.OFF;
    if (r.changeTracking() != null && Boolean.TRUE.equals(r.changeTracking().enabled())) {
      String trackMode = r.changeTracking().mode() == null ? "content" : r.changeTracking().mode();
      if (!trackMode.equals("content") && !trackMode.equals("structured")) {
        throw ApiException.validation("change_tracking.mode must be content or structured");
      }
      if (trackMode.equals("structured")
          && r.extractionSchema() == null
          && r.extractionProfile() == null) {
        throw ApiException.validation(
            "change_tracking.mode structured needs extraction_schema or extraction_profile to compare");
      }
      tracking =
          new CrawlSpec.ChangeTracking(
              true,
              r.changeTracking().trackingId(),
              trackMode,
              Boolean.TRUE.equals(r.changeTracking().includeDiff()));
    }
    ObjectNode extraction = null;
    if (r.extractionSchema() != null || r.extractionProfile() != null) {
      extraction = JsonNodeFactory.instance.objectNode();
      if (r.extractionSchema() != null) {
        extraction.set("schema", r.extractionSchema());
      }
      if (r.extractionProfile() != null) {
        extraction.put("profile", r.extractionProfile());
      }
    }
    List<String> outputFormats = new ArrayList<>(formats);
    if (extraction != null
        && !outputFormats.contains("json")
        && !outputFormats.contains("json_v2")) {
      outputFormats.add("json");
    }
    AlterLabRequests.Priority p = r.priority();
    CrawlSpec.Scope scope =
        new CrawlSpec.Scope(
            Boolean.TRUE.equals(r.includeSubdomains()),
            maxDepth,
            maxPages,
            include,
            exclude,
            GLOB,
            r.budget() == null ? Map.of() : r.budget(),
            p == null
                ? CrawlSpec.PriorityRules.NONE
                : new CrawlSpec.PriorityRules(
                    p.keywords() == null ? List.of() : p.keywords(),
                    PathPatterns.check("priority.boost_patterns", p.boostPatterns(), GLOB),
                    PathPatterns.check("priority.demote_patterns", p.demotePatterns(), GLOB)));
    PathPatterns.checkTotal(scope);
    return new CrawlSpec(
        CrawlDialect.ALTERLAB,
        url,
        CrawlSpec.SeedKind.URL,
        mode,
        r.sitemapPath(),
        scope,
        new CrawlSpec.Politeness(0, null, r.respectRobots() == null || r.respectRobots()),
        new CrawlSpec.RequestOptions(
            r.headers() == null ? Map.of() : r.headers(), null, null, null),
        new CrawlSpec.Output(true, outputFormats, true, extraction),
        cache
            ? new CrawlSpec.CacheOptions(true, cacheTtl, Boolean.TRUE.equals(r.forceRefresh()))
            : CrawlSpec.CacheOptions.OFF,
        tracking,
        webhook,
        stream,
        costs,
        null);
  }

  /**
   * cost_controls as the document bounds them: a credit cap of at least 1, tiers by name,
   * force_tier within max_tier, and render_js (which forces tier 4) not capped below it. Whether a
   * tier is served is the engine's to say.
   */
  private static CrawlSpec.CostControls costControls(
      AlterLabRequests.CostControls cc, AlterLabRequests.Advanced advanced) {
    boolean rendering = advanced != null && Boolean.TRUE.equals(advanced.renderJs());
    if (cc == null) {
      return new CrawlSpec.CostControls(null, null, null, rendering);
    }
    if (cc.maxCredits() != null && (cc.maxCredits() < 1 || cc.maxCredits() > MAX_CREDITS)) {
      throw ApiException.validation("cost_controls.max_credits must be 1.." + MAX_CREDITS);
    }
    Tier maxTier = tier("cost_controls.max_tier", cc.maxTier());
    Tier forceTier = tier("cost_controls.force_tier", cc.forceTier());
    if (maxTier != null && forceTier != null && forceTier.compareTo(maxTier) > 0) {
      throw ApiException.validation("cost_controls.force_tier cannot exceed max_tier");
    }
    if (rendering && maxTier != null && maxTier != Tier.T4) {
      throw ApiException.validation(
          "advanced.render_js forces tier 4, above cost_controls.max_tier " + maxTier.wire());
    }
    if (rendering && forceTier != null && forceTier != Tier.T4) {
      throw ApiException.validation(
          "advanced.render_js forces tier 4, not cost_controls.force_tier " + forceTier.wire());
    }
    return new CrawlSpec.CostControls(cc.maxCredits(), maxTier, forceTier, rendering);
  }

  private static Tier tier(String field, String value) {
    if (value == null) {
      return null;
    }
    return Tier.ofWire(value)
        .orElseThrow(() -> ApiException.validation(field + " must be one of 1, 2, 3, 3.5, 4"));
  }
}
