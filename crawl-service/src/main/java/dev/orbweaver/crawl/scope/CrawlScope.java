package dev.orbweaver.crawl.scope;

import dev.orbweaver.crawl.frontier.Discovered;
import dev.orbweaver.crawl.frontier.FrontierItem;
import dev.orbweaver.crawl.model.Crawl;
import dev.orbweaver.crawl.model.CrawlSpec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which URLs belong to a crawl: the seed's host (www. or not), or any host of its registrable
 * domain when subdomains are on; depth within the limit; matched by an include pattern (if there
 * are any) and by no exclude pattern, in the crawl's pattern syntax. Admitted URLs come out scored
 * and with the budget rule they count against.
 */
public final class CrawlScope {
  private final UrlRules urls;
  private final String seedHost;
  private final String seedDomain;
  private final boolean subdomains;
  private final int maxDepth;
  private final CrawlSpec.PatternSyntax syntax;
  private final List<PathPattern> include;
  private final List<PathPattern> exclude;
  private final PriorityScorer priority;
  private final PathBudget budget;

  public CrawlScope(Crawl crawl, UrlRules urls) {
    this.urls = urls;
    String host = URI.create(urls.normalize(crawl.seedUrl()).orElse(crawl.seedUrl())).getHost();
    this.seedHost = bare(host);
    this.seedDomain = urls.registrableDomain(seedHost);
    this.subdomains = crawl.scope().includeSubdomains();
    this.maxDepth = crawl.scope().maxDepth();
    this.syntax = crawl.scope().patternSyntax();
    this.include = compile(crawl.scope().includePatterns(), syntax);
    this.exclude = compile(crawl.scope().excludePatterns(), syntax);
    this.priority = new PriorityScorer(crawl.scope().priority());
    this.budget = new PathBudget(crawl.scope().budget());
  }

  /** A page URL found at {@code depth}, if the crawl wants it. */
  public Optional<Discovered> admit(String url, int depth) {
    if (depth > maxDepth) {
      return Optional.empty();
    }
    return admitAnyDepth(url, depth);
  }

  /** The seed and sitemap entries: in scope by host and patterns, whatever the depth limit. */
  public Optional<Discovered> admitAnyDepth(String url, int depth) {
    NormalizedUrl normalized = urls.parse(url).orElse(null);
    if (normalized == null || !onSite(normalized.host())) {
      return Optional.empty();
    }
    String path = normalized.path();
    String matched = matchedText(normalized);
    for (PathPattern p : exclude) {
      if (p.matches(matched)) {
        return Optional.empty();
      }
    }
    if (!include.isEmpty() && include.stream().noneMatch(p -> p.matches(matched))) {
      return Optional.empty();
    }
    return Optional.of(
        new Discovered(
            normalized.url(),
            normalized.key(),
            depth,
            priority.score(path, depth),
            budget.ruleFor(path).map(PathBudget.Rule::pattern).orElse(null),
            FrontierItem.Kind.PAGE));
  }

  /**
   * The seed when the crawl's patterns leave it out: fetched for its links only, never stored,
   * listed or charged as a page (Firecrawl and AlterLab scrape only what the patterns admit, but
   * still discover from the start URL). Its key is the page's, so no link brings it back as one.
   */
  public Optional<Discovered> linksOnly(String url) {
    return urls.normalize(url)
        .map(n -> new Discovered(n, key(n), 0, 1.0, null, FrontierItem.Kind.LINKS));
  }

  /** A URL fetched for discovery (robots, sitemaps) rather than as a page. */
  public Optional<Discovered> helper(String url, FrontierItem.Kind kind) {
    return urls.normalize(url)
        .map(n -> new Discovered(n, key(kind.name() + ":" + n), 0, 1.0, null, kind));
  }

  public boolean onSite(String host) {
    if (host == null) {
      return false;
    }
    String h = bare(host);
    return h.equals(seedHost) || (subdomains && urls.registrableDomain(h).equals(seedDomain));
  }

  public PathBudget budget() {
    return budget;
  }

  /**
   * What the include and exclude patterns are matched against: globs read the path with its query,
   * Firecrawl's regular expressions the path alone (a URL's pathname) or the whole URL.
   */
  private String matchedText(NormalizedUrl url) {
    return switch (syntax) {
      case GLOB -> url.path();
      case PATH_REGEX -> {
        int query = url.path().indexOf('?');
        yield query < 0 ? url.path() : url.path().substring(0, query);
      }
      case URL_REGEX -> url.url();
    };
  }

  private static List<PathPattern> compile(List<String> patterns, CrawlSpec.PatternSyntax syntax) {
    return patterns.stream()
        .map(
            p ->
                syntax == CrawlSpec.PatternSyntax.GLOB ? PathPattern.glob(p) : PathPattern.regex(p))
        .toList();
  }

  private static String bare(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return h.startsWith("www.") ? h.substring(4) : h;
  }

  /** The dedup key: 16 bytes of the SHA-256 of the normalized URL. */
  public static byte[] key(String normalized) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(normalized.getBytes(StandardCharsets.UTF_8));
      return Arrays.copyOf(digest, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
