package dev.orbweaver.crawl.frontier;

/**
 * A leased frontier row: a URL of a crawl a worker now owns until its lease ends. {@code kind} says
 * what fetching it means: a page, a sitemap to expand, the crawl's discovery step (robots.txt and
 * sitemaps of the seed), or a seed the crawl's patterns leave out, fetched for its links only.
 * {@code attempt} counts this lease (1 for the first), {@code lastFailure} says why an earlier one
 * came to nothing, when that is known.
 */
public record FrontierItem(
    long id,
    long crawlId,
    String url,
    int depth,
    Kind kind,
    boolean holdsSlot,
    String budgetRule,
    int attempt,
    String lastFailure) {
  /** The item as leased: a page holds a slot of its crawl from its claim on. */
  FrontierItem holdingSlot() {
    return kind == Kind.PAGE && !holdsSlot
        ? new FrontierItem(id, crawlId, url, depth, kind, true, budgetRule, attempt, lastFailure)
        : this;
  }

  /**
   * Whether this lease is one more than an item may have: its earlier leases all ran out unsettled
   * (the worker died, the work threw, or the result could not be written), so it is written as a
   * page error instead of being worked again.
   */
  public boolean exhausted(int maxAttempts) {
    return attempt > maxAttempts;
  }

  public enum Kind {
    PAGE,
    SITEMAP,
    DISCOVER,
    LINKS
  }
}
