package dev.orbweaver.crawl.adapters;

import dev.orbweaver.fetch.config.FetchConfig;
import dev.orbweaver.fetch.guard.HostResolver;
import dev.orbweaver.fetch.http.Fetcher;
import dev.orbweaver.fetch.robots.Robots;
import dev.orbweaver.fetch.robots.RobotsSettings;
import dev.orbweaver.fetch.sitemap.SitemapReader;
import dev.orbweaver.fetch.sitemap.SitemapSettings;
import dev.orbweaver.fetch.url.UrlNormalizer;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;

/**
 * The service's one fetcher (a shared connection pool, the SSRF guard with the operator's allowed
 * CIDRs), and the robots.txt and sitemap readers built on it. robots.txt is cached in Redis, so all
 * workers share one copy per site.
 */
@ApplicationScoped
public class FetchClients {
  private final Fetcher fetcher;
  private final Robots robots;
  private final SitemapReader sitemaps;
  private final UrlNormalizer normalizer = new UrlNormalizer();

  @Inject
  public FetchClients(FetchConfig config, RedisRobotsCache cache, HostResolver names) {
    this.fetcher = new Fetcher(config.toSettings(), names);
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

  @PreDestroy
  void close() {
    fetcher.close();
  }
}
