package dev.orbweaver.scrape.map;

/** Whether map reads the site's sitemaps: as well as links (include), only them, or not at all. */
public enum SitemapMode {
  INCLUDE,
  ONLY,
  SKIP
}
