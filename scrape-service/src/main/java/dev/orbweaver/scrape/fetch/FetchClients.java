package dev.orbweaver.scrape.fetch;

import dev.orbweaver.fetch.config.FetchConfig;
import dev.orbweaver.fetch.guard.AllowedPrivateCidrs;
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
import dev.orbweaver.scrape.config.ScrapeConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The service's one {@link Fetcher} (one connection pool, the SSRF guard with the operator's
 * allowed CIDRs) and the robots.txt and sitemap readers built on it. Every outbound request of
 * scrape-service goes through it: customer pages, sitemaps, SearXNG and LLM providers alike.
 */
@ApplicationScoped
public class FetchClients {
  private static final Logger LOG = Logger.getLogger(FetchClients.class);

  private final Fetcher fetcher;
  private final Fetcher operatorFetcher;
  private final Robots robots;
  private final SitemapReader sitemaps;
  private final UrlNormalizer normalizer = new UrlNormalizer();

  @Inject
  public FetchClients(FetchConfig config, ScrapeConfig scrape, RedisRobotsCache cache) {
    this.fetcher = new Fetcher(config.toSettings());
    this.operatorFetcher =
        new Fetcher(
            config
                .toSettings()
                .withAllowedPrivateCidrs(
                    AllowedPrivateCidrs.parse(
                        String.join(
                            ",",
                            config.allowedPrivateCidrs().orElse(""),
                            endpointAddresses(scrape)))));
    this.robots = new Robots(fetcher, cache, RobotsSettings.defaults(), Clock.systemUTC());
    this.sitemaps = new SitemapReader(fetcher, SitemapSettings.defaults());
  }

  public Fetcher fetcher() {
    return fetcher;
  }

  /**
   * The fetcher for endpoints the operator configured (SearXNG, the LLM): the SSRF guard still vets
   * every address, but the configured hosts' own addresses are allowed even when private (a SearXNG
   * next to the service), without opening their ranges to every tenant's scrapes. Never give it a
   * URL that came from a request.
   */
  public Fetcher operatorFetcher() {
    return operatorFetcher;
  }

  /** The addresses of the configured SearXNG and LLM hosts, as /32 and /128 ranges. */
  private static String endpointAddresses(ScrapeConfig config) {
    List<String> ranges = new ArrayList<>();
    for (Optional<String> endpoint :
        List.of(config.search().searxngUrl(), config.llm().baseUrl())) {
      String url = endpoint.filter(s -> !s.isBlank()).orElse(null);
      if (url == null) {
        continue;
      }
      try {
        String host = URI.create(url.strip()).getHost();
        for (InetAddress address : InetAddress.getAllByName(host)) {
          ranges.add(
              address.getHostAddress() + (address.getAddress().length == 4 ? "/32" : "/128"));
        }
      } catch (IllegalArgumentException | UnknownHostException | NullPointerException e) {
        // Unresolvable now: its fetches will report the DNS failure themselves.
        LOG.warnf("cannot resolve the configured endpoint %s: %s", url, e.getMessage());
      }
    }
    return String.join(",", ranges);
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
    operatorFetcher.close();
  }
}
