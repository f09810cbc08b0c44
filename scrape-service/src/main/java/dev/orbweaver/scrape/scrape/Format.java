package dev.orbweaver.scrape.scrape;

/** What a scrape returns about a page, besides its metadata (which it always returns). */
public enum Format {
  MARKDOWN,
  HTML,
  RAW_HTML,
  PLAIN_TEXT,
  LINKS,
  JSON,
  SUMMARY,
  CHANGE_TRACKING
}
