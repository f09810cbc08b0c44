package dev.orbweaver.scrape.render;

import java.util.Locale;

/**
 * How a render ended. The edges map these onto their dialect: {@link #BUSY} is the dialect's 429 or
 * 503, {@link #BLOCKED} its SSRF refusal, the failures a scrape error.
 */
public enum RenderOutcome {
  /** The page was rendered; the result holds its HTML. */
  OK,
  /** The queue is full: nothing was started; try again shortly. */
  BUSY,
  /** The render's deadline passed (in the queue, loading, waiting, or in an action). */
  TIMEOUT,
  /** The SSRF guard refused the page's address (the first URL or the final document). */
  BLOCKED,
  /** The browser could not load the URL (DNS, connection, TLS, an aborted navigation). */
  NAVIGATION_FAILED,
  /** An action could not be done (no element matched, a script threw). */
  ACTION_FAILED,
  /** The page's renderer crashed (out of memory, a hostile page): not retried. */
  PAGE_CRASHED,
  /** The browser crashed or hung twice: once in the render and once in its retry. */
  BROWSER_FAILED,
  /** The rendered HTML or a screenshot is larger than the limits. */
  TOO_LARGE,
  /** No browser can be started here (none installed, or it fails to start). */
  UNAVAILABLE;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static RenderOutcome fromWire(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
