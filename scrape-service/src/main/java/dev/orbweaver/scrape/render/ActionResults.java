package dev.orbweaver.scrape.render;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What actions produced, in Firecrawl's shape ({@code actions.screenshots}, {@code
 * actions.scrapes}, {@code actions.javascriptReturns}), in the order the actions ran.
 */
public record ActionResults(
    List<Screenshot> screenshots,
    List<PageSnapshot> scrapes,
    List<JavascriptReturn> javascriptReturns) {

  public static final ActionResults NONE = new ActionResults(List.of(), List.of(), List.of());

  public ActionResults {
    screenshots = List.copyOf(screenshots);
    scrapes = List.copyOf(scrapes);
    javascriptReturns = List.copyOf(javascriptReturns);
  }

  /** A {@code scrape} action's capture: where the page was and its HTML. */
  public record PageSnapshot(String url, String html) {}

  /** An {@code executeJavascript} action's result: the JavaScript type and the value as JSON. */
  public record JavascriptReturn(String type, JsonNode value) {}
}
