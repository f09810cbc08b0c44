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
    long creditsDebited,
    long creditsUsed,
    long creditsRefunded,
    Instant enqueuedAt,
    Instant startedAt,
    Instant finishedAt,
    String errorMessage,
    Instant expiresAt) {

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
