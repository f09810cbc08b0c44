package dev.orbweaver.crawl.model;

/** Which wire dialect started a crawl; it decides ids, statuses and retention at the edge only. */
public enum CrawlDialect {
  CRAWLCRAWL("crawlcrawl"),
  ALTERLAB("alterlab"),
  FIRECRAWL_V1("firecrawl_v1"),
  FIRECRAWL_V2("firecrawl_v2");

  private final String column;

  CrawlDialect(String column) {
    this.column = column;
  }

  public String column() {
    return column;
  }

  public static CrawlDialect ofColumn(String column) {
    for (CrawlDialect d : values()) {
      if (d.column.equals(column)) {
        return d;
      }
    }
    throw new IllegalArgumentException("unknown dialect " + column);
  }
}
