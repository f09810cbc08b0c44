package dev.orbweaver.gateway.quota;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** A quota counter as auth-service reports it; limit and remaining null when unlimited. */
public record QuotaCounter(String resource, Long limit, Long remaining, long resetAt) {

  /** The counters as they are once a reserved unit of {@code resource} is given back. */
  public static List<QuotaCounter> givenBack(List<QuotaCounter> counters, String resource) {
    return counters.stream()
        .map(
            c ->
                c.resource().equals(resource) && c.remaining() != null
                    ? new QuotaCounter(
                        c.resource(),
                        c.limit(),
                        c.limit() == null
                            ? c.remaining() + 1
                            : Math.min(c.limit(), c.remaining() + 1),
                        c.resetAt())
                    : c)
        .toList();
  }

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
