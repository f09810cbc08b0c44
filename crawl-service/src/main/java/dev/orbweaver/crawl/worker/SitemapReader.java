package dev.orbweaver.crawl.worker;

import dev.orbweaver.crawl.model.Crawl;
import java.util.List;

/** Reads a sitemap or sitemap index (plain or gzip) into page URLs and child sitemaps. */
public interface SitemapReader {
  Sitemap read(Crawl crawl, String url) throws PageFetcher.FetchFailure;

  record Sitemap(List<String> pages, List<String> sitemaps) {}
}
