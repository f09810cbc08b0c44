package dev.orbweaver.scrape.scrape;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orbweaver.scrape.changetracking.ChangeResult;
import dev.orbweaver.scrape.render.RenderMode;
import java.time.Instant;
import java.util.List;

/**
 * A scraped page in Orbweaver's own words; each dialect maps it onto its document shape. Formats
 * that were not asked for are null.
 *
 * @param sourceUrl the URL asked for
 * @param url the URL that answered, after redirects
 * @param statusCode the HTTP status the page was served with (a 404 page is still a result)
 * @param contentType the media type of the body
 * @param json the json format's object
 * @param unfilledFields fields of the json schema the page gave no value for (deterministic path)
 * @param extractedBy {@code llm} or {@code page-data}, when the json format ran
 * @param previousScrapeAt when the stored snapshot compared with was taken (stateful tracking)
 * @param warnings what the caller should know: options not honoured, fields not filled
 * @param renderDecision whether the page came over HTTP or from the browser (null in documents
 *     stored before rendering existed, which were all HTTP)
 * @param screenshot the screenshot format's link ({@link Screenshots}), or null
 * @param actions what the actions produced, or null when the request had none
 */
public record ScrapedPage(
    String sourceUrl,
    String url,
    int statusCode,
    String contentType,
    String markdown,
    String html,
    String rawHtml,
    String plainText,
    List<String> links,
    JsonNode json,
    List<String> unfilledFields,
    String extractedBy,
    String summary,
    ChangeResult changeTracking,
    Instant previousScrapeAt,
    PageFacts metadata,
    List<String> warnings,
    Instant scrapedAt,
    RenderMode renderDecision,
    String screenshot,
    PageActions actions) {

  public ScrapedPage {
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
    renderDecision = renderDecision == null ? RenderMode.HTTP : renderDecision;
  }
}
