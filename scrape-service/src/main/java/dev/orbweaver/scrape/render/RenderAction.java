package dev.orbweaver.scrape.render;

import java.time.Duration;

/**
 * One of Firecrawl's page actions, done in order after the page loaded. Values are validated by
 * {@link RenderLimits} before an action is built.
 */
public sealed interface RenderAction {

  /** Waits a while, or until an element matches the selector. Exactly one is set. */
  record Wait(Duration duration, String selector) implements RenderAction {}

  /** Clicks the first element that matches, or every one. */
  record Click(String selector, boolean all) implements RenderAction {}

  /** Types text into the focused element (click an input first). */
  record Write(String text) implements RenderAction {}

  /** Presses a key (Enter, Tab, Escape, ArrowDown, a single character …). */
  record Press(String key) implements RenderAction {}

  /** Scrolls the page, or the element that matches, by one screen up or down. */
  record Scroll(boolean down, String selector) implements RenderAction {}

  /** Takes a screenshot into the action results. */
  record TakeScreenshot(ScreenshotSpec spec) implements RenderAction {}

  /** Keeps the page's URL and HTML at this point in the action results. */
  record Scrape() implements RenderAction {}

  /** Runs a script in the page and keeps what it returns. */
  record ExecuteJavascript(String script) implements RenderAction {}
}
