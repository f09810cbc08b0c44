package dev.orbweaver.crawl.frontier;

/**
 * A leased frontier row: a URL of a crawl a worker now owns until its lease ends. {@code kind} says
 * what fetching it means: a page, a sitemap to expand, the crawl's discovery step (robots.txt and
 * sitemaps of the seed), or a seed the crawl's patterns leave out, fetched for its links only.
 */
public record FrontierItem(
    long id, long crawlId, String url, int depth, Kind kind, boolean holdsSlot, String budgetRule) {
  /** The item as leased: a page holds a slot of its crawl from its claim on. */
  FrontierItem holdingSlot() {
    return kind == Kind.PAGE && !holdsSlot
        ? new FrontierItem(id, crawlId, url, depth, kind, true, budgetRule)
        : this;
  }

  public enum Kind {
    PAGE,
    SITEMAP,
    DISCOVER,
    LINKS
  }
}
