package dev.orbweaver.gateway.quota;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** A quota counter as auth-service reports it; limit and remaining null when unlimited. */
public record QuotaCounter(String resource, Long limit, Long remaining, long resetAt) {

  static List<QuotaCounter> listOf(JsonNode counters) {
    List<QuotaCounter> out = new ArrayList<>();
    for (JsonNode c : counters) {
      out.add(
          new QuotaCounter(
              c.path("resource").asText(),
              c.path("limit").isNumber() ? c.path("limit").asLong() : null,
              c.path("remaining").isNumber() ? c.path("remaining").asLong() : null,
              c.path("reset_at").asLong()));
    }
    return out;
  }
}
