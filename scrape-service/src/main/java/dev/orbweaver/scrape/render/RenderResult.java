package dev.orbweaver.scrape.render;

/**
 * What a render returns: the outcome, and for {@link RenderOutcome#OK} the final URL, the main
 * document's status, the rendered HTML, the screenshot when one was asked for and the actions'
 * results.
 *
 * @param message why, for any outcome but OK (null for OK)
 * @param status the final main document's HTTP status (0 when unknown)
 * @param screenshot null unless asked for
 * @param attempts 1, or 2 when the browser failed once and the render was retried
 */
public record RenderResult(
    RenderOutcome outcome,
    String message,
    String finalUrl,
    int status,
    String html,
    Screenshot screenshot,
    ActionResults actions,
    Timing timing,
    int attempts) {

  /** Milliseconds spent waiting for a browser, rendering, and in all. */
  public record Timing(long queuedMs, long renderMs, long totalMs) {}

  public static RenderResult failed(
      RenderOutcome outcome, String message, Timing timing, int attempts) {
    return new RenderResult(
        outcome, message, null, 0, null, null, ActionResults.NONE, timing, attempts);
  }

  public boolean ok() {
    return outcome == RenderOutcome.OK;
  }

  RenderResult withTiming(Timing newTiming, int attemptCount) {
    return new RenderResult(
        outcome, message, finalUrl, status, html, screenshot, actions, newTiming, attemptCount);
  }
}
