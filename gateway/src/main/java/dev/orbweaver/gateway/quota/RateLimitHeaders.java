package dev.orbweaver.gateway.quota;

import dev.orbweaver.common.error.Dialect;
import io.vertx.core.MultiMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code X-RateLimit-*} headers of CrawlGraph's section 4: on CrawlGraph routes always
 * Backlinks and Gap, elsewhere the route's own resource. Unlimited counters get no Limit/Remaining
 * pair.
 */
public final class RateLimitHeaders {
  private static final List<String> CRAWLGRAPH = List.of("backlinks", "gap");

  private RateLimitHeaders() {}

  public static void add(
      MultiMap headers,
      Dialect dialect,
      Optional<String> routeResource,
      List<QuotaCounter> counters) {
    List<String> shown =
        dialect == Dialect.CRAWLGRAPH ? CRAWLGRAPH : routeResource.map(List::of).orElse(List.of());
    long reset = 0;
    for (QuotaCounter counter : counters) {
      if (!shown.contains(counter.resource())) {
        continue;
      }
      reset = Math.max(reset, counter.resetAt());
      if (counter.limit() != null) {
        String name = headerName(counter.resource());
        headers.set("X-RateLimit-Limit-" + name, Long.toString(counter.limit()));
        headers.set("X-RateLimit-Remaining-" + name, Long.toString(counter.remaining()));
      }
    }
    if (reset > 0) {
      headers.set("X-RateLimit-Reset", Long.toString(reset));
    }
  }

  /** backlinks → Backlinks, batch_scrape → Batch-Scrape. */
  static String headerName(String resource) {
    StringBuilder out = new StringBuilder();
    for (String part : resource.split("_")) {
      if (!out.isEmpty()) {
        out.append('-');
      }
      out.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
    }
    return out.toString();
  }
}
