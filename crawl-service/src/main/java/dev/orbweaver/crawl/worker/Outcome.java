package dev.orbweaver.crawl.worker;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orbweaver.crawl.frontier.Discovered;
import dev.orbweaver.crawl.frontier.FrontierItem;
import dev.orbweaver.crawl.model.Tier;
import java.util.List;
import java.util.Map;

/** What working on one frontier item came to. */
public sealed interface Outcome {
  FrontierItem item();

  /**
   * The target answered (any status): a page, with what it links to, the tier that fetched it and
   * what the fetch costs (no tier and nothing for a page served from the cache).
   */
  record Page(
      FrontierItem item,
      String finalUrl,
      int status,
      String contentType,
      int bytes,
      int fetchMs,
      String contentHash,
      ObjectNode metadata,
      Map<String, Object> formats,
      byte[] htmlZstd,
      String text,
      List<Discovered> links,
      Tier tier,
      int credits,
      boolean fromCache)
      implements Outcome {}

  /** The target never answered; a crawler-side error, not a page. */
  record Failure(FrontierItem item, String kind, String message) implements Outcome {
    /** An item whose earlier leases all came to nothing: a page error, not another fetch. */
    public static Failure gaveUp(FrontierItem item, int maxAttempts) {
      return new Failure(
          item,
          "gave_up",
          "not fetched again after "
              + maxAttempts
              + " attempts came to nothing; last: "
              + (item.lastFailure() == null
                  ? "the lease ran out (the worker stopped, or waited too long)"
                  : item.lastFailure()));
    }
  }

  /** robots.txt forbids the URL. */
  record Blocked(FrontierItem item) implements Outcome {}

  /** A discovery or sitemap item, expanded into more frontier rows. */
  record Expanded(FrontierItem item, List<Discovered> urls) implements Outcome {}
}
