package dev.orbweaver.scrape.render;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One page to render, already validated against {@link RenderLimits}.
 *
 * @param url an http(s) URL
 * @param timeout the whole render's deadline, time in the queue included
 * @param waitFor how long to wait after the page loaded ({@link Duration#ZERO} for none)
 * @param waitForSelector a CSS selector to wait for after loading, or null
 * @param screenshot a screenshot of the final page, or null for none
 * @param mobile emulate a phone (viewport, touch, user agent)
 * @param headers extra request headers for every request the page makes
 * @param cookies cookies for the page's URL
 */
public record RenderRequest(
    String url,
    Duration timeout,
    Duration waitFor,
    String waitForSelector,
    List<RenderAction> actions,
    ScreenshotSpec screenshot,
    boolean mobile,
    Map<String, String> headers,
    List<Cookie> cookies) {

  public RenderRequest {
    actions = List.copyOf(actions);
    headers = Map.copyOf(headers);
    cookies = List.copyOf(cookies);
  }

  /** Just the page, with the default deadline. */
  public static RenderRequest of(String url, Duration timeout) {
    return new RenderRequest(
        url, timeout, Duration.ZERO, null, List.of(), null, false, Map.of(), List.of());
  }

  public RenderRequest withWaitFor(Duration wait) {
    return new RenderRequest(
        url, timeout, wait, waitForSelector, actions, screenshot, mobile, headers, cookies);
  }

  public RenderRequest withActions(List<RenderAction> list) {
    return new RenderRequest(
        url, timeout, waitFor, waitForSelector, list, screenshot, mobile, headers, cookies);
  }

  public RenderRequest withScreenshot(ScreenshotSpec spec) {
    return new RenderRequest(
        url, timeout, waitFor, waitForSelector, actions, spec, mobile, headers, cookies);
  }

  /** Whether anything the render returns is an image (then images and fonts are loaded). */
  public boolean wantsPixels() {
    return screenshot != null
        || actions.stream().anyMatch(a -> a instanceof RenderAction.TakeScreenshot);
  }
}
