package dev.orbweaver.fetch.sitemap;

/**
 * Limits on reading sitemaps, so that a hostile or enormous site cannot keep a reader busy.
 *
 * @param maxDepth how deep sitemap indexes are followed (a sitemap listed by the start is depth 1)
 * @param maxSitemaps how many sitemap documents are fetched at most
 * @param maxUrls how many page URLs are collected at most
 * @param maxBytes largest sitemap, after gunzip (the protocol's limit is 50 MB)
 */
public record SitemapSettings(int maxDepth, int maxSitemaps, int maxUrls, long maxBytes) {

  public SitemapSettings {
    if (maxDepth < 0 || maxSitemaps < 1 || maxUrls < 1 || maxBytes < 1) {
      throw new IllegalArgumentException("sitemap limits must be positive");
    }
  }

  /** Depth 3, 200 sitemaps, 100,000 URLs, 50 MiB each. */
  public static SitemapSettings defaults() {
    return new SitemapSettings(3, 200, 100_000, 50L * 1024 * 1024);
  }
}
