package dev.orbweaver.scrape.scrape;

import dev.orbweaver.common.error.ApiException;
import dev.orbweaver.common.error.ErrorKind;
import dev.orbweaver.scrape.render.RenderResult;
import java.util.Map;

/**
 * Turns a render that asked for the browser and did not get a page into the error a client sees,
 * with the render's outcome as the error code. A full queue is the dialect's 429, a missing or
 * failing browser its 503; what the page did (a timeout, an address the guard refused, an action
 * with nothing to act on) is reported like the same failure of a plain fetch.
 */
final class RenderFailures {
  private RenderFailures() {}

  static ApiException toApi(RenderResult result) {
    String message = result.message() == null ? result.outcome().wire() : result.message();
    return switch (result.outcome()) {
      case OK -> throw new IllegalArgumentException("a rendered page is not a failure");
      case BUSY ->
          failure(
              ErrorKind.CONCURRENCY_LIMIT,
              "render_queue_full",
              "Every browser is busy and the render queue is full; retry shortly. ("
                  + message
                  + ")");
      case UNAVAILABLE ->
          failure(
              ErrorKind.UNAVAILABLE,
              "render_unavailable",
              "The page needs a browser (waitFor, actions, mobile or a screenshot) and none is"
                  + " available: "
                  + message);
      case BROWSER_FAILED ->
          failure(ErrorKind.UNAVAILABLE, "browser_failed", "The browser failed: " + message);
      case BLOCKED -> failure(ErrorKind.FORBIDDEN, "blocked_private_address", message);
      case TIMEOUT -> failure(ErrorKind.BAD_GATEWAY, "timeout", message);
      case NAVIGATION_FAILED -> failure(ErrorKind.BAD_GATEWAY, "navigation_failed", message);
      case ACTION_FAILED -> failure(ErrorKind.BAD_GATEWAY, "action_failed", message);
      case PAGE_CRASHED -> failure(ErrorKind.BAD_GATEWAY, "page_crashed", message);
      case TOO_LARGE -> failure(ErrorKind.BAD_GATEWAY, "too_large", message);
    };
  }

  private static ApiException failure(ErrorKind kind, String code, String message) {
    return new ApiException(kind, code, message, Map.of());
  }
}
