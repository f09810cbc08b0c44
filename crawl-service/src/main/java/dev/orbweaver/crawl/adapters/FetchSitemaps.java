package dev.orbweaver.crawl.adapters;

import dev.orbweaver.crawl.config.CrawlConfig;
import dev.orbweaver.crawl.model.Crawl;
import dev.orbweaver.crawl.worker.PageFetcher;
import dev.orbweaver.crawl.worker.SitemapReader;
import dev.orbweaver.fetch.sitemap.SitemapEntry;
import dev.orbweaver.fetch.sitemap.SitemapFailure;
import dev.orbweaver.fetch.sitemap.SitemapHarvest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/** Sitemaps through libs/fetch: index recursion, gzip and limits happen there, in one step. */
@ApplicationScoped
public class FetchSitemaps implements SitemapReader {
  private static final Pattern DOUBLED_CODE = Pattern.compile("^([a-z_]+): \\1: ");

  private final FetchClients clients;
  private final CrawlConfig config;

  @Inject
  public FetchSitemaps(FetchClients clients, CrawlConfig config) {
    this.clients = clients;
    this.config = config;
  }

  @Override
  public Sitemap read(Crawl crawl, String url) throws PageFetcher.FetchFailure {
    // An index of slow sitemaps could outlast the item's lease, and another worker would then read
    // it all again: half the lease is what one sitemap step may take, the rest is dropped.
    SitemapHarvest harvest =
        clients.sitemaps().read(List.of(url), Instant.now().plus(config.lease().dividedBy(2)));
    if (harvest.urls().isEmpty() && !harvest.failures().isEmpty()) {
      SitemapFailure first = harvest.failures().get(0);
      // libs/fetch writes a fetch failure's code twice ("connect: connect: …"); once is enough.
      String reason = DOUBLED_CODE.matcher(first.reason()).replaceFirst("$1: ");
      if (!reason.contains(first.sitemapUrl())) {
        reason += " (" + first.sitemapUrl() + ")";
      }
      throw new PageFetcher.FetchFailure("sitemap", reason);
    }
    return new Sitemap(harvest.urls().stream().map(SitemapEntry::url).toList(), List.of());
  }
}
