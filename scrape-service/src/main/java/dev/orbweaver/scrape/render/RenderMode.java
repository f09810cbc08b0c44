package dev.orbweaver.scrape.render;

/** How a page is turned into HTML: fetched as it is, or loaded and run in a browser. */
public enum RenderMode {
  HTTP,
  BROWSER;

  /** The word CRW's {@code renderDecision} and the metrics use. */
  public String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
