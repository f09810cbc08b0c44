package dev.orbweaver.crawl.scope;

import dev.orbweaver.crawl.frontier.Discovered;
import dev.orbweaver.crawl.frontier.FrontierItem;
import dev.orbweaver.crawl.model.Crawl;
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
 * domain when subdomains are on; depth within the limit; path matched by the include globs and by
 * none of the exclude globs. Admitted URLs come out scored and with the budget rule they count
 * against.
 */
public final class CrawlScope {
  private final UrlRules urls;
  private final String seedHost;
  private final String seedDomain;
  private final boolean subdomains;
  private final int maxDepth;
  private final List<Glob> include;
  private final List<Glob> exclude;
  private final PriorityScorer priority;
  private final PathBudget budget;

  public CrawlScope(Crawl crawl, UrlRules urls) {
    this.urls = urls;
    String host = URI.create(urls.normalize(crawl.seedUrl()).orElse(crawl.seedUrl())).getHost();
    this.seedHost = bare(host);
    this.seedDomain = urls.registrableDomain(seedHost);
    this.subdomains = crawl.scope().includeSubdomains();
    this.maxDepth = crawl.scope().maxDepth();
    this.include = crawl.scope().includePatterns().stream().map(Glob::of).toList();
    this.exclude = crawl.scope().excludePatterns().stream().map(Glob::of).toList();
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

  /** The seed and sitemap entries: in scope by host and globs, whatever the depth limit. */
  public Optional<Discovered> admitAnyDepth(String url, int depth) {
    NormalizedUrl normalized = urls.parse(url).orElse(null);
    if (normalized == null || !onSite(normalized.host())) {
      return Optional.empty();
    }
    String path = normalized.path();
    for (Glob g : exclude) {
      if (g.matches(path)) {
        return Optional.empty();
      }
    }
    if (!include.isEmpty() && include.stream().noneMatch(g -> g.matches(path))) {
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
