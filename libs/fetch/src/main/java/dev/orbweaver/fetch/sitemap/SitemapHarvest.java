package dev.orbweaver.fetch.sitemap;

import java.util.List;

/**
 * What reading a set of sitemaps found: the page URLs (deduplicated, in document order), the
 * sitemaps read, those that failed, and whether a limit cut the harvest short.
 */
public record SitemapHarvest(
    List<SitemapEntry> urls,
    List<String> sitemapsRead,
    List<SitemapFailure> failures,
    boolean truncated) {

  public SitemapHarvest {
    urls = List.copyOf(urls);
    sitemapsRead = List.copyOf(sitemapsRead);
    failures = List.copyOf(failures);
  }
}
