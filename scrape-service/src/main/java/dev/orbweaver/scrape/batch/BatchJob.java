package dev.orbweaver.scrape.batch;

import dev.orbweaver.scrape.scrape.ScrapeSpec;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A batch scrape job, owned by an account.
 *
 * @param dialect {@code v1} or {@code v2}, the API that created it
 * @param status {@code scraping}, {@code completed}, {@code failed} or {@code cancelled}
 * @param invalidUrls URLs of the request that were left out (ignoreInvalidURLs)
 */
public record BatchJob(
    UUID id,
    long accountId,
    long projectId,
    String dialect,
    String status,
    ScrapeSpec spec,
    int total,
    List<String> invalidUrls,
    List<String> warnings,
    Instant createdAt,
    Instant finishedAt,
    Instant expiresAt) {

  public BatchJob {
    invalidUrls = List.copyOf(invalidUrls);
    warnings = List.copyOf(warnings);
  }

  /** How far a job has come: pages scraped, pages that failed, pages still to do. */
  public record Progress(int succeeded, int failed, int pending) {}

  /** A page that could not be scraped. */
  public record Failure(int position, String url, String code, String error, Instant at) {}
}
