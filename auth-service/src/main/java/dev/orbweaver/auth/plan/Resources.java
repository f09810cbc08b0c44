package dev.orbweaver.auth.plan;

import java.util.List;

/** The metered resources and concurrency resources every account has a counter for. */
public final class Resources {
  /** Monthly quotas: the gateway's route table names these. */
  public static final List<String> QUOTAS =
      List.of("backlinks", "gap", "scrape", "map", "search", "extract", "crawl", "batch_scrape");

  /** Things that run for a while and count while they run. */
  public static final List<String> CONCURRENCY = List.of("crawls");

  private Resources() {}

  public static boolean isQuota(String resource) {
    return QUOTAS.contains(resource);
  }

  public static boolean isConcurrency(String resource) {
    return CONCURRENCY.contains(resource);
  }
}
