package dev.orbweaver.scrape.scrape;

import dev.orbweaver.scrape.render.RenderAction;
import dev.orbweaver.scrape.render.ScreenshotSpec;
import java.time.Duration;
import java.util.List;

/**
 * What a scrape asks of the browser (Firecrawl's {@code waitFor}, {@code actions}, {@code mobile}
 * and the screenshot format), already checked against {@code RenderLimits}. Any of them means the
 * page is rendered rather than fetched.
 *
 * @param waitFor how long to wait after the page loaded ({@link Duration#ZERO} for none)
 * @param screenshot the screenshot format, or null when it was not asked for
 */
public record BrowserOptions(
    Duration waitFor, List<RenderAction> actions, ScreenshotSpec screenshot, boolean mobile) {

  public static final BrowserOptions NONE =
      new BrowserOptions(Duration.ZERO, List.of(), null, false);

  public BrowserOptions {
    waitFor = waitFor == null ? Duration.ZERO : waitFor;
    actions = actions == null ? List.of() : List.copyOf(actions);
  }

  /** Whether only a browser can do what was asked. */
  public boolean needBrowser() {
    return !waitFor.isZero() || !actions.isEmpty() || screenshot != null || mobile;
  }
}
