package dev.orbweaver.scrape.fetch;

import dev.orbweaver.fetch.config.FetchConfig;
import dev.orbweaver.fetch.http.FailureKind;
import dev.orbweaver.fetch.http.FetchException;
import dev.orbweaver.fetch.http.FetchRequest;
import dev.orbweaver.fetch.http.FetchResult;
import dev.orbweaver.fetch.http.Fetcher;
import dev.orbweaver.fetch.robots.Robots;
import dev.orbweaver.fetch.robots.RobotsSettings;
import dev.orbweaver.fetch.robots.RobotsStatus;
import dev.orbweaver.fetch.sitemap.SitemapReader;
import dev.orbweaver.fetch.sitemap.SitemapSettings;
import dev.orbweaver.fetch.url.UrlNormalizer;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;

/**
 * The service's one {@link Fetcher} (one connection pool, the SSRF guard with the operator's
 * allowed CIDRs) and the robots.txt and sitemap readers built on it. Every outbound request of
 * scrape-service goes through it: customer pages, sitemaps, SearXNG and LLM providers alike.
 */
@ApplicationScoped
public class FetchClients {
  private final Fetcher fetcher;
  private final Robots robots;
  private final SitemapReader sitemaps;
  private final UrlNormalizer normalizer = new UrlNormalizer();

  @Inject
  public FetchClients(FetchConfig config, RedisRobotsCache cache) {
    this.fetcher = new Fetcher(config.toSettings());
    this.robots = new Robots(fetcher, cache, RobotsSettings.defaults(), Clock.systemUTC());
    this.sitemaps = new SitemapReader(fetcher, SitemapSettings.defaults());
  }

  public Fetcher fetcher() {
    return fetcher;
  }

  public Robots robots() {
    return robots;
  }

  public SitemapReader sitemaps() {
    return sitemaps;
  }

  public UrlNormalizer normalizer() {
    return normalizer;
  }

  /**
   * Fetches a URL when robots.txt allows it. RFC 9309 reads an unreachable robots.txt as "disallow
   * everything"; when the whole site is down that hides the real reason (a name that does not
   * resolve, a refused connection), so the page itself is then tried once, with HEAD, to learn it.
   * If the page answers, robots.txt still wins and the refusal stands.
   */
  public FetchResult politely(FetchRequest request) throws FetchException {
    try {
      return robots.fetch(request);
    } catch (FetchException e) {
      if (e.kind() != FailureKind.BLOCKED_BY_ROBOTS || !robotsUnreachable(e.url())) {
        throw e;
      }
      fetcher.fetch(request.withUrl(e.url()).withMethod("HEAD"));
      throw e;
    }
  }

  private boolean robotsUnreachable(String url) {
    try {
      return robots.rulesFor(url).status() == RobotsStatus.UNREACHABLE;
    } catch (FetchException e) {
      return false;
    }
  }

  @PreDestroy
  void close() {
    fetcher.close();
  }
}
