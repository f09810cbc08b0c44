package dev.orbweaver.gateway.console.crawls;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orbweaver.gateway.console.Dates;
import io.quarkus.qute.TemplateData;

/** A crawl run as listed and on its own page. */
@TemplateData
public record CrawlView(
    long id,
    String url,
    String status,
    int pageCount,
    int errorCount,
    String enqueued,
    String started,
    String finished,
    String errorMessage) {

  static CrawlView of(JsonNode run) {
    return new CrawlView(
        run.path("id").asLong(),
        run.path("url").asText(),
        word(run.path("status").asText()),
        run.path("page_count").asInt(),
        run.path("error_count").asInt(),
        Dates.minute(run.get("enqueued_at")),
        Dates.minute(run.get("started_at")),
        Dates.minute(run.get("finished_at")),
        run.path("error_message").asText(null));
  }

  /** crawlcrawl calls a finished run "done"; the console says completed, as the issue does. */
  static String word(String status) {
    return "done".equals(status) ? "completed" : status;
  }

  public boolean live() {
    return status.equals("queued") || status.equals("running");
  }
}
