package dev.orbweaver.crawl.frontier;

/**
 * A leased frontier row: a URL of a crawl a worker now owns until its lease ends. {@code kind} says
 * what fetching it means: a page, a sitemap to expand, or the crawl's discovery step (robots.txt
 * and sitemaps of the seed).
 */
public record FrontierItem(
    long id, long crawlId, String url, int depth, Kind kind, boolean holdsSlot, String budgetRule) {
  public enum Kind {
    PAGE,
    SITEMAP,
    DISCOVER
  }
}
