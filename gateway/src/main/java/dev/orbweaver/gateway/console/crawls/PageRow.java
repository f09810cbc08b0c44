package dev.orbweaver.gateway.console.crawls;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orbweaver.gateway.console.Dates;
import io.quarkus.qute.TemplateData;

/** A stored page of a run. */
@TemplateData
public record PageRow(long id, String url, int status, int bytes, String fetched) {
  static PageRow of(JsonNode page) {
    return new PageRow(
        page.path("id").asLong(),
        page.path("url").asText(),
        page.path("status").asInt(),
        page.path("bytes").asInt(),
        Dates.minute(page.get("fetched_at")));
  }
}
