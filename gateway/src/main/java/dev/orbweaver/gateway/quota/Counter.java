package dev.orbweaver.gateway.quota;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** A quota counter as auth-service reports it; limit and remaining null when unlimited. */
public record Counter(String resource, Long limit, Long remaining, long resetAt) {

  static List<Counter> listOf(JsonNode counters) {
    List<Counter> out = new ArrayList<>();
    for (JsonNode c : counters) {
      out.add(
          new Counter(
              c.path("resource").asText(),
              c.path("limit").isNumber() ? c.path("limit").asLong() : null,
              c.path("remaining").isNumber() ? c.path("remaining").asLong() : null,
              c.path("reset_at").asLong()));
    }
    return out;
  }
}
