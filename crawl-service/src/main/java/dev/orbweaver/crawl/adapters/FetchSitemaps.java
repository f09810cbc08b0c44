package dev.orbweaver.crawl.adapters;

import dev.orbweaver.crawl.model.Crawl;
import dev.orbweaver.crawl.worker.PageFetcher;
import dev.orbweaver.crawl.worker.SitemapReader;
import dev.orbweaver.fetch.sitemap.SitemapEntry;
import dev.orbweaver.fetch.sitemap.SitemapHarvest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/** Sitemaps through libs/fetch: index recursion, gzip and limits happen there, in one step. */
@ApplicationScoped
public class FetchSitemaps implements SitemapReader {
  private final FetchClients clients;

  @Inject
  public FetchSitemaps(FetchClients clients) {
    this.clients = clients;
  }

  @Override
  public Sitemap read(Crawl crawl, String url) throws PageFetcher.FetchFailure {
    SitemapHarvest harvest = clients.sitemaps().read(List.of(url));
    if (harvest.urls().isEmpty() && !harvest.failures().isEmpty()) {
      throw new PageFetcher.FetchFailure("sitemap", harvest.failures().get(0).reason());
    }
    return new Sitemap(harvest.urls().stream().map(SitemapEntry::url).toList(), List.of());
  }
}
