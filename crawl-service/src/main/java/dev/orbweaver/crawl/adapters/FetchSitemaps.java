package dev.orbweaver.crawl.adapters;

import static java.util.concurrent.TimeUnit.MILLISECONDS;

import dev.orbweaver.crawl.config.CrawlConfig;
import dev.orbweaver.crawl.model.Crawl;
import dev.orbweaver.crawl.worker.PageFetcher;
import dev.orbweaver.crawl.worker.SitemapReader;
import dev.orbweaver.fetch.sitemap.SitemapEntry;
import dev.orbweaver.fetch.sitemap.SitemapFailure;
import dev.orbweaver.fetch.sitemap.SitemapHarvest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.regex.Pattern;

/** Sitemaps through libs/fetch: index recursion, gzip and limits happen there, in one step. */
@ApplicationScoped
public class FetchSitemaps implements SitemapReader {
  private static final Pattern DOUBLED_CODE = Pattern.compile("^([a-z_]+): \\1: ");

  private final FetchClients clients;
  private final CrawlConfig config;
  private final Semaphore reads;

  @Inject
  public FetchSitemaps(FetchClients clients, CrawlConfig config) {
    this.clients = clients;
    this.config = config;
    this.reads = new Semaphore(Math.max(1, config.concurrentSitemapReads()), true);
  }

  @Override
  public Sitemap read(Crawl crawl, String url) throws PageFetcher.FetchFailure {
    // An index of slow sitemaps could outlast the item's lease, and another worker would then read
    // it all again: half the lease is what one sitemap step may take, the rest is dropped.
    Instant deadline = Instant.now().plus(config.lease().dividedBy(2));
    SitemapHarvest harvest;
    try {
      // Waiting for a turn counts against the same deadline as the read.
      if (!reads.tryAcquire(Duration.between(Instant.now(), deadline).toMillis(), MILLISECONDS)) {
        throw new PageFetcher.FetchFailure(
            "timeout", "sitemap: no turn to read " + url + " in time");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PageFetcher.FetchFailure("timeout", "sitemap: interrupted waiting to read " + url);
    }
    try {
      harvest = clients.sitemaps().read(List.of(url), deadline);
    } finally {
      reads.release();
    }
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
