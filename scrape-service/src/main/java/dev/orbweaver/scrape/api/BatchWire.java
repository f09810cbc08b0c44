package dev.orbweaver.scrape.api;

import dev.orbweaver.scrape.batch.BatchJob;
import dev.orbweaver.scrape.batch.BatchService;
import dev.orbweaver.scrape.scrape.ScrapedPage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Firecrawl's batch scrape answers, shared by v1 and v2 (only the documents differ). */
public final class BatchWire {
  /** The largest {@code skip} of a status page: a job holds at most a few thousand URLs. */
  public static final int MAX_SKIP = 1_000_000;

  private BatchWire() {}

  public static Map<String, Object> started(BatchJob job, String statusUrl) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("success", true);
    body.put("id", job.id().toString());
    body.put("url", statusUrl);
    if (!job.invalidUrls().isEmpty()) {
      body.put("invalidURLs", job.invalidUrls());
    }
    if (!job.warnings().isEmpty()) {
      body.put("warning", String.join(" ", job.warnings()));
    }
    return body;
  }

  /**
   * {@code {success, status, total, completed, creditsUsed, expiresAt, next?, data}}. {@code next}
   * is left out rather than null when there is no more: the v1 SDK follows any {@code next} key.
   */
  public static Map<String, Object> status(
      BatchService.Status status,
      String nextUrl,
      Function<ScrapedPage, Map<String, Object>> document) {
    BatchJob job = status.job();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("success", true);
    body.put("status", job.status());
    body.put("total", job.total());
    body.put("completed", status.progress().succeeded());
    body.put("creditsUsed", status.progress().succeeded());
    body.put("expiresAt", job.expiresAt().toString());
    if (nextUrl != null) {
      body.put("next", nextUrl);
    }
    List<Map<String, Object>> data = status.documents().stream().map(document).toList();
    body.put("data", data);
    if (!job.warnings().isEmpty()) {
      body.put("warning", String.join(" ", job.warnings()));
    }
    return body;
  }

  /** {@code {errors: [{id, timestamp, url, error, code}], robotsBlocked: [url]}}. */
  public static Map<String, Object> errors(String jobId, List<BatchJob.Failure> failures) {
    List<Map<String, Object>> errors =
        failures.stream()
            .filter(f -> !"blocked_by_robots".equals(f.code()))
            .map(
                f -> {
                  Map<String, Object> e = new LinkedHashMap<>();
                  e.put("id", jobId + ":" + f.position());
                  e.put("timestamp", f.at() == null ? null : f.at().toString());
                  e.put("url", f.url());
                  e.put("error", f.error());
                  e.put("code", f.code());
                  return e;
                })
            .toList();
    List<String> robots =
        failures.stream()
            .filter(f -> "blocked_by_robots".equals(f.code()))
            .map(BatchJob.Failure::url)
            .toList();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("success", true);
    body.put("errors", errors);
    body.put("robotsBlocked", robots);
    return body;
  }

  public static Map<String, Object> cancelled(BatchJob job) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("success", true);
    body.put("status", job.status());
    return body;
  }
}
