package dev.orbweaver.scrape.render;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Duration;

/**
 * One of Firecrawl's page actions, done in order after the page loaded. Values are validated by
 * {@link RenderLimits} before an action is built. A batch job stores its scrape's actions as JSON,
 * typed by Firecrawl's action names.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = RenderAction.Wait.class, name = "wait"),
  @JsonSubTypes.Type(value = RenderAction.Click.class, name = "click"),
  @JsonSubTypes.Type(value = RenderAction.Write.class, name = "write"),
  @JsonSubTypes.Type(value = RenderAction.Press.class, name = "press"),
  @JsonSubTypes.Type(value = RenderAction.Scroll.class, name = "scroll"),
  @JsonSubTypes.Type(value = RenderAction.TakeScreenshot.class, name = "screenshot"),
  @JsonSubTypes.Type(value = RenderAction.Scrape.class, name = "scrape"),
  @JsonSubTypes.Type(value = RenderAction.ExecuteJavascript.class, name = "executeJavascript")
})
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
