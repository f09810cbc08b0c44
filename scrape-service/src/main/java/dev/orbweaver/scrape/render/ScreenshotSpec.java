package dev.orbweaver.scrape.render;

/**
 * What a screenshot shows: the viewport or the full page, PNG or (with a quality) JPEG, and an
 * optional viewport size to take it at (Firecrawl's {@code screenshot} options).
 *
 * @param quality 1–100 for a JPEG, null for a PNG
 * @param viewport null to keep the page's viewport
 */
public record ScreenshotSpec(boolean fullPage, Integer quality, Viewport viewport) {
  public static final ScreenshotSpec VIEWPORT_PNG = new ScreenshotSpec(false, null, null);
  public static final ScreenshotSpec FULL_PAGE_PNG = new ScreenshotSpec(true, null, null);

  public String mediaType() {
    return quality == null ? "image/png" : "image/jpeg";
  }
}
