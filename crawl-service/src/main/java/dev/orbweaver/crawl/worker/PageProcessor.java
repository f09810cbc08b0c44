package dev.orbweaver.crawl.worker;

import com.github.luben.zstd.Zstd;
import dev.orbweaver.crawl.config.CrawlConfig;
import dev.orbweaver.crawl.frontier.Discovered;
import dev.orbweaver.crawl.frontier.FrontierItem;
import dev.orbweaver.crawl.model.Crawl;
import dev.orbweaver.crawl.model.CrawlSpec;
import dev.orbweaver.crawl.model.Tier;
import dev.orbweaver.crawl.pages.StorableText;
import dev.orbweaver.crawl.politeness.HostPoliteness;
import dev.orbweaver.crawl.scope.CrawlScope;
import dev.orbweaver.crawl.scope.UrlRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Works one frontier item: a discovery step becomes sitemap rows, a sitemap becomes page rows, and
 * a page is checked against robots.txt, fetched under the host's politeness, hashed, analysed for
 * links and formats, and compressed for storage.
 */
@ApplicationScoped
public class PageProcessor {
  private static final int MAX_SITEMAPS_PER_STEP = 50;
  private static final int MAX_SCOPES = 1024;

  private final PageFetchers fetchers;
  private final RobotsGate robots;
  private final SitemapReader sitemaps;
  private final PageAnalyzer analyzer;
  private final HostPoliteness politeness;
  private final PageCache cache;
  private final UrlRules urls;
  private final CrawlConfig config;
  private final Map<Long, CrawlScope> scopes = new ConcurrentHashMap<>();

  @Inject
  public PageProcessor(
      PageFetchers fetchers,
      RobotsGate robots,
      SitemapReader sitemaps,
      PageAnalyzer analyzer,
      HostPoliteness politeness,
      PageCache cache,
      UrlRules urls,
      CrawlConfig config) {
    this.fetchers = fetchers;
    this.robots = robots;
    this.sitemaps = sitemaps;
    this.analyzer = analyzer;
    this.politeness = politeness;
    this.cache = cache;
    this.urls = urls;
    this.config = config;
  }

  public Outcome process(Crawl crawl, FrontierItem item) throws InterruptedException {
    CrawlScope scope = scopeOf(crawl);
    return switch (item.kind()) {
      case DISCOVER -> discover(crawl, item, scope);
      case SITEMAP -> sitemap(crawl, item, scope);
      case PAGE, LINKS -> page(crawl, item, scope);
    };
  }

  /** A crawl's scope never changes: built once per crawl, not once per page. */
  private CrawlScope scopeOf(Crawl crawl) {
    CrawlScope scope = scopes.get(crawl.id());
    if (scope == null) {
      if (scopes.size() >= MAX_SCOPES) {
        scopes.clear(); // crawls end; a worker that saw many rebuilds the ones still running
      }
      scope = new CrawlScope(crawl, urls);
      scopes.put(crawl.id(), scope);
    }
    return scope;
  }

  /**
   * Whether the crawl's pages come only from sitemaps: then a sitemap, or the robots.txt that names
   * them, that cannot be read is the crawl's own failure, not a detour it can do without.
   */
  private static boolean sitemapsAreTheSeed(Crawl crawl) {
    return crawl.seedKind() == CrawlSpec.SeedKind.SITEMAP
        || crawl.sitemapMode() == CrawlSpec.SitemapMode.ONLY;
  }

  private Outcome discover(Crawl crawl, FrontierItem item, CrawlScope scope) {
    RobotsGate.Rules rules = robots.rulesFor(crawl, item.url());
    if (crawl.politeness().respectRobots() && !rules.reachable()) {
      // Nothing of the site may be fetched, its sitemaps included. A seed page says so itself.
      return sitemapsAreTheSeed(crawl)
          ? robotsUnreachable(item, rules)
          : new Outcome.Expanded(item, List.of());
    }
    List<String> named = rules.sitemaps();
    List<String> candidates =
        named.isEmpty()
            ? List.of(URI.create(item.url()).resolve("/sitemap.xml").toString())
            : named;
    List<Discovered> next = new ArrayList<>();
    for (String sitemap :
        candidates.subList(0, Math.min(candidates.size(), MAX_SITEMAPS_PER_STEP))) {
      scope.helper(sitemap, FrontierItem.Kind.SITEMAP).ifPresent(next::add);
    }
    return new Outcome.Expanded(item, next);
  }

  private Outcome sitemap(Crawl crawl, FrontierItem item, CrawlScope scope) {
    if (crawl.politeness().respectRobots()) {
      RobotsGate.Rules rules = robots.rulesFor(crawl, item.url());
      if (!rules.reachable()) {
        return sitemapsAreTheSeed(crawl)
            ? robotsUnreachable(item, rules)
            : new Outcome.Expanded(item, List.of());
      }
    }
    try {
      SitemapReader.Sitemap sitemap = sitemaps.read(crawl, item.url());
      List<Discovered> next = new ArrayList<>();
      int room = frontierRoom(crawl);
      for (String page : sitemap.pages()) {
        if (next.size() >= room) {
          break;
        }
        scope.admitAnyDepth(page, 0).ifPresent(next::add);
      }
      for (String child :
          sitemap
              .sitemaps()
              .subList(0, Math.min(sitemap.sitemaps().size(), MAX_SITEMAPS_PER_STEP))) {
        scope.helper(child, FrontierItem.Kind.SITEMAP).ifPresent(next::add);
      }
      return new Outcome.Expanded(item, next);
    } catch (PageFetcher.FetchFailure missing) {
      // A missing or broken sitemap is not a page error when the crawl goes on from its links.
      return sitemapsAreTheSeed(crawl)
          ? new Outcome.Failure(item, missing.kind(), missing.getMessage())
          : new Outcome.Expanded(item, List.of());
    }
  }

  private Outcome page(Crawl crawl, FrontierItem item, CrawlScope scope)
      throws InterruptedException {
    RobotsGate.Rules rules =
        crawl.politeness().respectRobots() ? robots.rulesFor(crawl, item.url()) : null;
    if (rules != null && !rules.allowed(item.url())) {
      return rules.reachable() ? new Outcome.Blocked(item) : robotsUnreachable(item, rules);
    }
    Optional<PageFetcher.Fetched> cached = cache.lookup(crawl, item.url());
    PageFetcher.Fetched fetched;
    PageFetcher fetcher = fetchers.forTier(crawl.pricing().tier()).orElse(null);
    if (cached.isPresent()) {
      fetched = cached.get();
    } else if (fetcher == null) {
      return new Outcome.Failure(
          item,
          "tier_unavailable",
          "this worker does not serve tier " + crawl.pricing().tier().wire());
    } else {
      // Politeness is per site: host and port, so two sites on one address are two sites.
      String host = URI.create(item.url()).getRawAuthority();
      long delay = Math.max(crawl.politeness().delayMs(), rules == null ? 0 : rules.crawlDelayMs());
      int perHost =
          Math.min(
              config.maxInFlightPerHost(),
              crawl.politeness().concurrency() == null
                  ? config.maxInFlightPerHost()
                  : crawl.politeness().concurrency());
      HostPoliteness.Permit permit = politeness.acquire(host, delay, Math.max(1, perHost));
      try {
        fetched = fetcher.fetch(crawl, item.url());
      } catch (PageFetcher.FetchFailure failure) {
        return new Outcome.Failure(item, failure.kind(), failure.getMessage());
      } finally {
        politeness.release(permit);
      }
      cache.store(crawl, item.url(), fetched);
    }
    return toPage(crawl, item, scope, fetched, cached.isPresent() ? null : fetcher.tier());
  }

  /**
   * How many URLs one step may offer the frontier: past its cap nothing more is enqueued, and
   * normalizing the rest of a sitemap of 100,000 URLs (or a 10 MiB page of links) only kept a
   * worker busy for seconds.
   */
  private static int frontierRoom(Crawl crawl) {
    return Math.max(0, crawl.scope().frontierCap() - crawl.frontierRows());
  }

  /** RFC 9309 disallows the whole site, and the crawl counts it as an error that names why. */
  private static Outcome robotsUnreachable(FrontierItem item, RobotsGate.Rules rules) {
    return new Outcome.Failure(
        item,
        "robots_unreachable",
        "robots.txt could not be read: "
            + rules.unreachableReason()
            + "; RFC 9309 then disallows the whole site");
  }

  /** A page with what it links to; a links-only item keeps the links and drops the page. */
  private Outcome toPage(
      Crawl crawl, FrontierItem item, CrawlScope scope, PageFetcher.Fetched fetched, Tier tier) {
    PageAnalyzer.Analysis analysis =
        fetched.html()
            ? analyzer.analyze(crawl, fetched)
            : new PageAnalyzer.Analysis(List.of(), null, Map.of(), null, null);
    List<Discovered> links = new ArrayList<>();
    boolean followLinks =
        crawl.seedKind() != CrawlSpec.SeedKind.SITEMAP
            && crawl.sitemapMode() != CrawlSpec.SitemapMode.ONLY
            && item.depth() < crawl.scope().maxDepth();
    if (followLinks) {
      int room = frontierRoom(crawl);
      for (String link : analysis.links()) {
        if (links.size() >= room) {
          break;
        }
        scope.admit(link, item.depth() + 1).ifPresent(links::add);
      }
    }
    if (item.kind() == FrontierItem.Kind.LINKS) {
      return new Outcome.Expanded(item, links);
    }
    // Stored as UTF-8 whatever the page's charset, so that reading it back needs no guessing, and
    // as text: the NULs a page may carry would come back in every JSON answer that serves it.
    byte[] html =
        crawl.output().storeHtml() && analysis.html() != null && !analysis.html().isEmpty()
            ? Zstd.compress(
                StorableText.of(analysis.html()).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                3)
            : null;
    boolean fromCache = tier == null;
    // The crawl was priced at its tier when it started; a cache hit costs nothing.
    int credits = fromCache ? 0 : crawl.pricing().tierCredits();
    // What a page says is stored as text and JSON: without the characters PostgreSQL refuses.
    return new Outcome.Page(
        item,
        StorableText.of(fetched.finalUrl()),
        fetched.status(),
        StorableText.of(fetched.contentType()),
        fetched.body().length,
        fetched.fetchMs(),
        sha256(fetched.body()),
        StorableText.tree(analysis.metadata()),
        storable(analysis.formats()),
        html,
        StorableText.of(analysis.text()),
        links,
        tier,
        credits,
        fromCache);
  }

  private static Map<String, Object> storable(Map<String, Object> formats) {
    if (formats == null || formats.isEmpty()) {
      return formats;
    }
    Map<String, Object> out = new java.util.LinkedHashMap<>();
    formats.forEach((name, value) -> out.put(name, StorableText.value(value)));
    return out;
  }

  static String sha256(byte[] body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
