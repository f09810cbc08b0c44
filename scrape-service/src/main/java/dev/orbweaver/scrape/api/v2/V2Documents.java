package dev.orbweaver.scrape.api.v2;

import dev.orbweaver.scrape.api.FirecrawlActions;
import dev.orbweaver.scrape.api.FirecrawlMetadata;
import dev.orbweaver.scrape.changetracking.ChangeResult;
import dev.orbweaver.scrape.scrape.ScrapedPage;
import java.util.LinkedHashMap;
import java.util.Map;

/** A scraped page as Firecrawl v2's {@code Document}. */
public final class V2Documents {
  private V2Documents() {}

  public static Map<String, Object> of(ScrapedPage page) {
    Map<String, Object> out = new LinkedHashMap<>();
    putIf(out, "markdown", page.markdown());
    putIf(out, "summary", page.summary());
    putIf(out, "html", page.html());
    putIf(out, "rawHtml", page.rawHtml());
    putIf(out, "plainText", page.plainText());
    putIf(out, "links", page.links());
    putIf(out, "json", page.json());
    putIf(out, "screenshot", page.screenshot());
    if (page.actions() != null) {
      out.put("actions", FirecrawlActions.results(page.actions()));
    }
    if (page.changeTracking() != null) {
      out.put("changeTracking", changeTracking(page));
    }
    out.put("metadata", FirecrawlMetadata.of(page));
    if (!page.warnings().isEmpty()) {
      out.put("warning", String.join(" ", page.warnings()));
    }
    return out;
  }

  /**
   * Firecrawl's stateful shape: {@code changeStatus} new, same, changed or removed (the page now
   * answers 404 or 410), {@code previousScrapeAt}, and the git-diff and json surfaces.
   */
  static Map<String, Object> changeTracking(ScrapedPage page) {
    ChangeResult result = page.changeTracking();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put(
        "previousScrapeAt",
        page.previousScrapeAt() == null ? null : page.previousScrapeAt().toString());
    String status;
    if (result.firstObservation()) {
      status = "new";
    } else if (page.statusCode() == 404 || page.statusCode() == 410) {
      status = "removed";
    } else {
      status = result.status() == ChangeResult.Status.SAME ? "same" : "changed";
    }
    out.put("changeStatus", status);
    out.put("visibility", "visible");
    if (result.diff() != null && result.diff().text() != null) {
      Map<String, Object> diff = new LinkedHashMap<>();
      diff.put("text", result.diff().text());
      diff.put("json", result.diff().parsed());
      out.put("diff", diff);
    }
    if (result.diff() != null && result.diff().fields() != null) {
      out.put("json", result.diff().fields());
    }
    if (result.tag() != null) {
      out.put("tag", result.tag());
    }
    return out;
  }

  private static void putIf(Map<String, Object> out, String key, Object value) {
    if (value != null) {
      out.put(key, value);
    }
  }
}
