package dev.orbweaver.crawl.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A crawl as stored: its request and where it stands. */
public record Crawl(
    long id,
    UUID publicId,
    CrawlDialect dialect,
    long accountId,
    long projectId,
    String seedUrl,
    CrawlSpec.SeedKind seedKind,
    CrawlSpec.SitemapMode sitemapMode,
    String sitemapPath,
    CrawlSpec.Scope scope,
    CrawlSpec.Politeness politeness,
    CrawlSpec.RequestOptions request,
    CrawlSpec.Output output,
    CrawlSpec.CacheOptions cache,
    CrawlSpec.ChangeTracking changeTracking,
    String webhookSubscription,
    String streamSubscription,
    CrawlStatus status,
    int pageCount,
    int errorCount,
    int discoveredCount,
    int currentDepth,
    int inFlight,
    int slotsUsed,
    int frontierRows,
    Pricing pricing,
    long creditsDebited,
    long creditsUsed,
    long creditsHeld,
    long creditsRefunded,
    Map<String, Integer> tierPages,
    Instant enqueuedAt,
    Instant startedAt,
    Instant finishedAt,
    String errorMessage,
    Instant expiresAt) {

  /**
   * What the crawl's pages cost, fixed when it starts: the tier that fetches them, the credits a
   * fetch at that tier costs, the most one page may cost (the fetch plus a change-tracking diff:
   * what a claim holds until the page is written), and the cap on the crawl's spend (null: none
   * beyond the pre-debit). Dialects that do not bill pages have both prices 0.
   */
  public record Pricing(Tier tier, int tierCredits, int pageCredits, Long maxCredits) {
    public static final Pricing FREE = new Pricing(Tier.T1, 0, 0, null);
  }

  /**
   * Pages a claim may still lease: the page slots left under max_pages and, under a credit cap, as
   * many as the credits left pay for once every page in flight is paid for at its most.
   */
  public int pageRoom() {
    int slots = Math.max(0, scope.maxPages() - slotsUsed);
    if (pricing.maxCredits() == null || pricing.pageCredits() == 0) {
      return slots;
    }
    long left = pricing.maxCredits() - creditsUsed - creditsHeld;
    return (int) Math.max(0, Math.min(slots, left / pricing.pageCredits()));
  }

  /** Whether no page has been fetched yet (AlterLab calls this "discovering"). */
  public boolean discovering() {
    return pageCount == 0 && !status.terminal();
  }

  public boolean hasSubscriptions() {
    return webhookSubscription != null || streamSubscription != null;
  }

  public List<String> subscriptions() {
    return java.util.stream.Stream.of(webhookSubscription, streamSubscription)
        .filter(java.util.Objects::nonNull)
        .toList();
  }

  /** Budget patterns with their page caps. */
  public Map<String, Integer> budget() {
    return scope.budget();
  }

  /** The extraction the crawl asked for, if any. */
  public JsonNode extraction() {
    return output.extraction();
  }
}
