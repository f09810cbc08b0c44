package dev.orbweaver.scrape.scrape;

import dev.orbweaver.fetch.http.FetchResult;
import dev.orbweaver.scrape.render.ActionResults;
import dev.orbweaver.scrape.render.RenderMode;
import dev.orbweaver.scrape.render.RenderResult;
import dev.orbweaver.scrape.render.Screenshot;
import java.util.ArrayList;
import java.util.List;

/**
 * A page as a scrape got it, over HTTP or from the browser, before any format is derived.
 *
 * @param mediaType the media type without parameters ({@code ""} when unknown)
 * @param contentType the Content-Type to report, or null
 * @param body the page as text, or null when it is not a text type
 * @param truncated whether the body was cut at the fetcher's size limit
 * @param renderedBy which of the two produced the body
 * @param screenshot the screenshot format's image, or null
 * @param actions what the actions produced ({@link ActionResults#NONE} without actions)
 * @param warnings what the caller should know about how the page was got
 */
record LoadedPage(
    String finalUrl,
    int status,
    String mediaType,
    String contentType,
    String body,
    boolean truncated,
    RenderMode renderedBy,
    Screenshot screenshot,
    ActionResults actions,
    List<String> warnings) {

  LoadedPage {
    warnings = List.copyOf(warnings);
  }

  static LoadedPage fetched(FetchResult fetched) {
    String mediaType = fetched.mediaType() == null ? "" : fetched.mediaType();
    return new LoadedPage(
        fetched.finalUrl(),
        fetched.status(),
        mediaType,
        mediaType.isEmpty() ? null : fetched.header("Content-Type"),
        ScrapeService.isHtml(mediaType) || ScrapeService.isText(mediaType) ? fetched.text() : null,
        fetched.truncated(),
        RenderMode.HTTP,
        null,
        ActionResults.NONE,
        List.of());
  }

  /**
   * @param contentType what the server said the document is, when a fetch asked it first
   * @param fallbackStatus the status to report when the browser saw no main response
   */
  static LoadedPage rendered(
      RenderResult result, String contentType, int fallbackStatus, List<String> warnings) {
    return new LoadedPage(
        result.finalUrl(),
        result.status() == 0 ? fallbackStatus : result.status(),
        "text/html",
        contentType == null ? "text/html" : contentType,
        result.html(),
        false,
        RenderMode.BROWSER,
        result.screenshot(),
        result.actions() == null ? ActionResults.NONE : result.actions(),
        warnings);
  }

  LoadedPage warn(String warning) {
    List<String> more = new ArrayList<>(warnings);
    more.add(warning);
    return new LoadedPage(
        finalUrl,
        status,
        mediaType,
        contentType,
        body,
        truncated,
        renderedBy,
        screenshot,
        actions,
        more);
  }
}
