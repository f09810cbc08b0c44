package dev.orbweaver.crawl.api.crawlcrawl;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/** crawlcrawl's response shapes. */
final class RunViews {
  private RunViews() {}

  record Accepted(long id, String status, String url) {}

  @JsonInclude(JsonInclude.Include.ALWAYS)
  record Run(
      long id,
      String url,
      String status,
      @JsonProperty("page_count") int pageCount,
      @JsonProperty("error_count") int errorCount,
      @JsonProperty("enqueued_at") Instant enqueuedAt,
      @JsonProperty("started_at") Instant startedAt,
      @JsonProperty("finished_at") Instant finishedAt,
      @JsonProperty("error_message") String errorMessage,
      @JsonProperty("proxy_url") String proxyUrl,
      @JsonProperty("webhook_status") String webhookStatus,
      @JsonProperty("webhook_attempts") Integer webhookAttempts,
      @JsonProperty("webhook_last_error") String webhookLastError) {}

  /** A run in the account's list: its state without the webhook's (one lookup per run). */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record RunItem(
      long id,
      String url,
      String status,
      @JsonProperty("page_count") int pageCount,
      @JsonProperty("error_count") int errorCount,
      @JsonProperty("enqueued_at") Instant enqueuedAt,
      @JsonProperty("started_at") Instant startedAt,
      @JsonProperty("finished_at") Instant finishedAt) {}

  @JsonInclude(JsonInclude.Include.ALWAYS)
  record Runs(List<RunItem> items, @JsonProperty("next_offset") Integer nextOffset) {}

  record PageItem(
      long id, String url, int status, int bytes, @JsonProperty("fetched_at") Instant fetchedAt) {}

  @JsonInclude(JsonInclude.Include.ALWAYS)
  record Pages(List<PageItem> items, @JsonProperty("next_offset") Integer nextOffset) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Page(
      long id,
      String url,
      int status,
      int bytes,
      @JsonProperty("fetched_at") Instant fetchedAt,
      JsonNode metadata,
      String html,
      String markdown,
      @JsonProperty("article_text") String articleText,
      @JsonProperty("article_html") String articleHtml) {}
}
