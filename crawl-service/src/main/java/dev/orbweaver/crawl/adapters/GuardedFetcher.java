package dev.orbweaver.crawl.adapters;

import dev.orbweaver.crawl.config.CrawlConfig;
import dev.orbweaver.crawl.model.Crawl;
import dev.orbweaver.crawl.model.Tier;
import dev.orbweaver.crawl.worker.PageFetcher;
import dev.orbweaver.fetch.http.FetchException;
import dev.orbweaver.fetch.http.FetchRequest;
import dev.orbweaver.fetch.http.FetchResult;
import dev.orbweaver.fetch.proxy.ProxySpec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Pages fetched through libs/fetch with the crawl's headers, cookies, proxy and user agent. */
@ApplicationScoped
public class GuardedFetcher implements PageFetcher {
  private final FetchClients clients;
  private final CrawlConfig config;

  @Inject
  public GuardedFetcher(FetchClients clients, CrawlConfig config) {
    this.clients = clients;
    this.config = config;
  }

  /** A plain HTTP fetch: AlterLab's tier 1. */
  @Override
  public Tier tier() {
    return Tier.T1;
  }

  @Override
  public Fetched fetch(Crawl crawl, String url) throws FetchFailure {
    FetchRequest request =
        FetchRequest.get(url)
            .withHeaders(crawl.request().headers())
            .withMaxBodyBytes(config.maxPageBytes());
    if (crawl.request().cookies() != null) {
      request = request.withCookies(crawl.request().cookies());
    }
    if (crawl.request().userAgent() != null) {
      request = request.withUserAgent(crawl.request().userAgent());
    }
    if (crawl.request().proxyUrl() != null) {
      try {
        request = request.withProxy(ProxySpec.parse(crawl.request().proxyUrl()));
      } catch (IllegalArgumentException e) {
        throw new FetchFailure("proxy", e.getMessage());
      }
    }
    try {
      FetchResult result = clients.fetcher().fetch(request);
      return new Fetched(
          result.finalUrl(),
          result.status(),
          result.mediaType(),
          result.body(),
          result.charset() == null ? null : result.charset().name(),
          (int) result.timing().total().toMillis());
    } catch (FetchException e) {
      throw new FetchFailure(e.kind().code(), FetchFailures.describe(e));
    }
  }
}
