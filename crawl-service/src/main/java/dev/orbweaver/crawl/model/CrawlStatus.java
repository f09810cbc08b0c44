package dev.orbweaver.crawl.model;

/** The engine's lifecycle; each dialect maps it onto its own words. */
public enum CrawlStatus {
  QUEUED,
  RUNNING,
  COMPLETED,
  FAILED,
  CANCELLED;

  public boolean terminal() {
    return this == COMPLETED || this == FAILED || this == CANCELLED;
  }

  public String column() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static CrawlStatus ofColumn(String column) {
    return valueOf(column.toUpperCase(java.util.Locale.ROOT));
  }
}
