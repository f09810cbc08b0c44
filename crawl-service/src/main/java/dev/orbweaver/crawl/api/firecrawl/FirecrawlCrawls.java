package dev.orbweaver.crawl.api.firecrawl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orbweaver.common.error.ApiException;
import dev.orbweaver.common.input.HttpFields;
import dev.orbweaver.crawl.api.WireChecks;
import dev.orbweaver.crawl.events.LiveProgress;
import dev.orbweaver.crawl.events.Outbox;
import dev.orbweaver.crawl.lifecycle.CrawlService;
import dev.orbweaver.crawl.model.Crawl;
import dev.orbweaver.crawl.model.CrawlDialect;
import dev.orbweaver.crawl.model.CrawlSpec;
import dev.orbweaver.crawl.pages.PageRepository;
import dev.orbweaver.crawl.pages.Pages;
import dev.orbweaver.crawl.pages.Progress;
import dev.orbweaver.crawl.pages.StoredPage;
import dev.orbweaver.crawl.scope.PathPatterns;
import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** What the v1 and v2 Firecrawl crawl endpoints share: mapping, status documents, paging. */
@ApplicationScoped
public class FirecrawlCrawls {
  static final int PAGE_SIZE = 100;
  // An HMAC key needs no more; a longer one is someone testing our limits.
  private static final int MAX_SECRET = 256;
  private static final Set<String> FORMATS =
      Set.of("markdown", "html", "rawHtml", "links", "json", "plainText", "summary");

  private final CrawlService crawls;
  private final Pages pages;
  private final Progress progress;
  private final LiveProgress live;

  @Inject
  public FirecrawlCrawls(CrawlService crawls, Pages pages, Progress progress, LiveProgress live) {
    this.crawls = crawls;
    this.pages = pages;
    this.progress = progress;
    this.live = live;
  }

  /** Live status of the account's crawl, for either version's event stream. */
  Multi<Map<String, Object>> events(long accountId, String id) {
    Crawl crawl = find(accountId, id);
    return live.stream(accountId, crawl.id(), c -> Map.of("status", status(c)));
  }

  CrawlSpec spec(FirecrawlRequests.StartCrawl r, CrawlDialect dialect, List<String> warnings) {
    if (r == null) {
      throw ApiException.validation("body must be a JSON object with url");
    }
    String url = WireChecks.httpUrl("url", r.url());
    Integer requested = r.limit() != null ? r.limit() : r.maxPages();
    int maxPages =
        WireChecks.range(
            r.limit() != null ? "limit" : "maxPages",
            requested,
            dialect == CrawlDialect.FIRECRAWL_V2 ? 10_000 : 100,
            1,
            100_000);
    if (maxPages > 100_000) {
      maxPages = 100_000;
    }
    Integer depthValue = r.maxDiscoveryDepth() != null ? r.maxDiscoveryDepth() : r.maxDepth();
    int maxDepth =
        WireChecks.range(
            r.maxDiscoveryDepth() != null ? "maxDiscoveryDepth" : "maxDepth",
            depthValue,
            dialect == CrawlDialect.FIRECRAWL_V2 ? 10 : 2,
            0,
            50);
    CrawlSpec.SitemapMode sitemap = CrawlSpec.SitemapMode.INCLUDE;
    if (Boolean.TRUE.equals(r.ignoreSitemap())) {
      sitemap = CrawlSpec.SitemapMode.SKIP;
    }
    if (r.sitemap() != null) {
      sitemap =
          switch (r.sitemap()) {
            case "include" -> CrawlSpec.SitemapMode.INCLUDE;
            case "skip" -> CrawlSpec.SitemapMode.SKIP;
            case "only" -> CrawlSpec.SitemapMode.ONLY;
            default -> throw ApiException.validation("sitemap must be include, skip or only");
          };
    }
    if (Boolean.TRUE.equals(r.allowExternalLinks())) {
      warnings.add("allowExternalLinks is not supported; the crawl stays on the site.");
    }
    int delayMs = r.delay() == null ? 0 : WireChecks.range("delay", r.delay(), 0, 0, 60) * 1000;
    Integer concurrency =
        r.maxConcurrency() == null
            ? null
            : WireChecks.range("maxConcurrency", r.maxConcurrency(), 1, 1, 256);
    FirecrawlRequests.ScrapeOptions options = r.scrapeOptions();
    List<String> formats = new ArrayList<>();
    JsonNode extraction = null;
    boolean onlyMainContent = true;
    Map<String, String> headers = Map.of();
    if (options != null) {
      if (options.formats() != null) {
        for (JsonNode f : options.formats()) {
          String name = f.isTextual() ? f.asText() : f.path("type").asText(null);
          if (name == null || !FORMATS.contains(name)) {
            throw ApiException.validation(
                "scrapeOptions.formats: '" + (name == null ? f : name) + "' is not a crawl format");
          }
          formats.add(name);
          if (name.equals("json") && f.isObject()) {
            extraction = f;
          }
        }
      }
      onlyMainContent = options.onlyMainContent() == null || options.onlyMainContent();
      headers = options.headers() == null ? Map.of() : options.headers();
      HttpFields.headers("scrapeOptions.headers", headers);
      if (options.jsonOptions() != null) {
        extraction = options.jsonOptions();
      }
      if (options.waitFor() != null && options.waitFor() > 0) {
        warnings.add("waitFor is accepted but pages are fetched without JavaScript rendering.");
      }
    }
    if (formats.isEmpty()) {
      formats.add("markdown");
    }
    CrawlSpec.PatternSyntax syntax =
        Boolean.TRUE.equals(r.regexOnFullURL())
            ? CrawlSpec.PatternSyntax.URL_REGEX
            : CrawlSpec.PatternSyntax.PATH_REGEX;
    CrawlSpec.Scope scope =
        new CrawlSpec.Scope(
            Boolean.TRUE.equals(r.allowSubdomains()),
            maxDepth,
            maxPages,
            paths("includePaths", r.includePaths(), syntax),
            paths("excludePaths", r.excludePaths(), syntax),
            syntax,
            Map.of(),
            CrawlSpec.PriorityRules.NONE);
    PathPatterns.checkTotal(scope);
    return new CrawlSpec(
        dialect,
        url,
        CrawlSpec.SeedKind.URL,
        sitemap,
        null,
        scope,
        new CrawlSpec.Politeness(delayMs, concurrency, true),
        new CrawlSpec.RequestOptions(headers, null, null, null),
        new CrawlSpec.Output(true, formats, onlyMainContent, extraction),
        CrawlSpec.CacheOptions.OFF,
        CrawlSpec.ChangeTracking.OFF,
        webhook(r.webhook()),
        null,
        null,
        null);
  }

  /**
   * includePaths and excludePaths are regular expressions; Firecrawl ignores a list whose first
   * entry is empty (its SDKs send [""] for "none").
   */
  private static List<String> paths(
      String field, List<String> patterns, CrawlSpec.PatternSyntax syntax) {
    if (patterns == null || patterns.isEmpty() || "".equals(patterns.get(0))) {
      return List.of();
    }
    return PathPatterns.check(field, patterns, syntax);
  }

  /**
   * Firecrawl's webhook: a URL, or {url, headers, metadata, events}. Its events ({@code started},
   * {@code page}, {@code completed}, {@code failed}; all of them when absent) are chosen among the
   * engine's: a page is sent when it was scraped, and a cancelled crawl is a failed one, as on
   * Firecrawl. {@code secret} is Orbweaver's: the key of {@code X-Firecrawl-Signature}, which
   * Firecrawl keeps in its account settings.
   */
  private static CrawlSpec.WebhookTarget webhook(JsonNode webhook) {
    if (webhook == null || webhook.isNull()) {
      return null;
    }
    if (!webhook.isTextual() && !webhook.isObject()) {
      throw ApiException.validation("webhook must be a URL or an object with url");
    }
    String url = webhook.isTextual() ? webhook.asText() : webhook.path("url").asText(null);
    JsonNode chosen = webhook.path("events");
    if (!chosen.isMissingNode() && !chosen.isNull() && !chosen.isArray()) {
      throw ApiException.validation("webhook.events must be an array");
    }
    List<String> events = new ArrayList<>();
    if (chosen.isArray() && !chosen.isEmpty()) {
      for (JsonNode e : chosen) {
        events.addAll(engineEvents(e.asText()));
      }
    } else {
      for (String e : List.of("started", "page", "completed", "failed")) {
        events.addAll(engineEvents(e));
      }
    }
    Map<String, String> headers = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = webhook.path("headers").fields();
    fields.forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
    HttpFields.headers("webhook.headers", headers);
    JsonNode metadata = webhook.get("metadata");
    if (metadata != null && !metadata.isNull() && !metadata.isObject()) {
      throw ApiException.validation("webhook.metadata must be an object");
    }
    String secret = webhook.path("secret").isTextual() ? webhook.path("secret").asText() : null;
    if (secret != null && secret.length() > MAX_SECRET) {
      throw ApiException.validation(
          "webhook.secret is " + secret.length() + " characters long; at most " + MAX_SECRET);
    }
    return new CrawlSpec.WebhookTarget(
        "firecrawl",
        WireChecks.httpUrl("webhook.url", url),
        secret == null || secret.isBlank() ? null : secret,
        events.stream().distinct().toList(),
        headers,
        metadata == null || metadata.isNull() ? null : metadata);
  }

  private static List<String> engineEvents(String firecrawlEvent) {
    return switch (firecrawlEvent) {
      case "started" -> List.of(Outbox.STARTED);
      case "page" -> List.of(Outbox.PAGE_COMPLETED);
      case "completed" -> List.of(Outbox.COMPLETED);
      case "failed" -> List.of(Outbox.FAILED, Outbox.CANCELLED);
      default ->
          throw ApiException.validation(
              "webhook.events: '"
                  + firecrawlEvent
                  + "' is not one of started, page, completed, failed");
    };
  }

  Crawl find(long accountId, String id) {
    try {
      return crawls.find(accountId, UUID.fromString(id));
    } catch (IllegalArgumentException e) {
      throw ApiException.notFound("Crawl job not found.");
    }
  }

  /** The status document: counts, credits, expiry, a page of documents and the link to the next. */
  ObjectNode status(Crawl crawl, int skip, String selfUrl) {
    JsonNodeFactory json = JsonNodeFactory.instance;
    ObjectNode body = json.objectNode();
    body.put("success", true);
    body.put("status", status(crawl));
    body.put("completed", crawl.pageCount());
    body.put("total", progress.plannedTotal(crawl));
    body.put("creditsUsed", crawl.pageCount());
    body.put("expiresAt", crawl.expiresAt() == null ? null : crawl.expiresAt().toString());
    if (crawl.errorMessage() != null) {
      body.put("error", crawl.errorMessage()); // why a failed crawl failed
    }
    List<StoredPage> batch = pages.list(crawl.id(), null, skip, PAGE_SIZE + 1);
    var data = body.putArray("data");
    batch.stream().limit(PAGE_SIZE).forEach(p -> data.add(document(p)));
    if (batch.size() > PAGE_SIZE) {
      body.put("next", selfUrl + "?skip=" + (skip + PAGE_SIZE));
    }
    // No "next" at all on the last page: Firecrawl's v1 SDK follows "next" whenever the key exists.
    return body;
  }

  ObjectNode errors(Crawl crawl) {
    JsonNodeFactory json = JsonNodeFactory.instance;
    ObjectNode body = json.objectNode();
    var errors = body.putArray("errors");
    var robots = body.putArray("robotsBlocked");
    for (PageRepository.CrawlError e : pages.errors(crawl.id(), 0, 10_000)) {
      if (e.kind().equals("blocked_by_robots")) {
        robots.add(e.url());
      } else {
        ObjectNode item = errors.addObject();
        item.put("id", Long.toString(e.id()));
        item.put("timestamp", e.at().toString());
        item.put("url", e.url());
        item.put("error", e.kind() + ": " + e.message());
      }
    }
    return body;
  }

  CrawlService crawls() {
    return crawls;
  }

  static String status(Crawl crawl) {
    return switch (crawl.status()) {
      case QUEUED, RUNNING -> "scraping";
      case COMPLETED -> "completed";
      case FAILED -> "failed";
      case CANCELLED -> "cancelled";
    };
  }

  /**
   * A page as Firecrawl documents look: its formats plus metadata with sourceURL and statusCode.
   */
  static ObjectNode document(StoredPage page) {
    JsonNodeFactory json = JsonNodeFactory.instance;
    ObjectNode doc = json.objectNode();
    if (page.formats() != null) {
      page.formats().fields().forEachRemaining(e -> doc.set(e.getKey(), e.getValue()));
    }
    ObjectNode metadata = json.objectNode();
    if (page.metadata() != null && page.metadata().isObject()) {
      metadata.setAll((ObjectNode) page.metadata());
    }
    metadata.put("sourceURL", page.url());
    metadata.put("url", page.finalUrl());
    metadata.put("statusCode", page.status());
    if (page.contentType() != null) {
      metadata.put("contentType", page.contentType());
    }
    doc.set("metadata", metadata);
    return doc;
  }
}
