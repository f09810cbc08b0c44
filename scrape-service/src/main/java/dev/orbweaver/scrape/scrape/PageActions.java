package dev.orbweaver.scrape.scrape;

import dev.orbweaver.scrape.render.ActionResults;
import java.util.List;

/**
 * What a scrape's actions produced, as a document carries it: screenshots as links (see {@link
 * Screenshots}), the {@code scrape} actions' pages and the {@code executeJavascript} actions'
 * values, each in the order the actions ran.
 */
public record PageActions(
    List<String> screenshots,
    List<ActionResults.PageSnapshot> scrapes,
    List<ActionResults.JavascriptReturn> javascriptReturns) {

  public PageActions {
    screenshots = screenshots == null ? List.of() : List.copyOf(screenshots);
    scrapes = scrapes == null ? List.of() : List.copyOf(scrapes);
    javascriptReturns = javascriptReturns == null ? List.of() : List.copyOf(javascriptReturns);
  }
}
