package dev.orbweaver.scrape.api.v1;

import dev.orbweaver.scrape.api.ChangeTrackingWire;
import dev.orbweaver.scrape.api.FirecrawlActions;
import dev.orbweaver.scrape.api.FirecrawlMetadata;
import dev.orbweaver.scrape.scrape.ScrapedPage;
import java.util.LinkedHashMap;
import java.util.Map;

/** A scraped page as CRW's {@code ScrapeResponse.data} (Firecrawl v1's document, extended). */
final class V1Documents {
  private V1Documents() {}

  static Map<String, Object> of(ScrapedPage page) {
    Map<String, Object> out = new LinkedHashMap<>();
    putIf(out, "markdown", page.markdown());
    putIf(out, "html", page.html());
    putIf(out, "rawHtml", page.rawHtml());
    putIf(out, "plainText", page.plainText());
    putIf(out, "links", page.links());
    putIf(out, "json", page.json());
    if (page.json() != null && page.unfilledFields() != null && !page.unfilledFields().isEmpty()) {
      out.put("unfilledFields", page.unfilledFields());
    }
    putIf(out, "summary", page.summary());
    putIf(out, "screenshot", page.screenshot());
    if (page.actions() != null) {
      out.put("actions", FirecrawlActions.results(page.actions()));
    }
    if (page.changeTracking() != null) {
      out.put("changeTracking", ChangeTrackingWire.result(page.changeTracking()));
    }
    out.put("metadata", FirecrawlMetadata.of(page));
    if (!page.warnings().isEmpty()) {
      out.put("warning", String.join(" ", page.warnings()));
      out.put("warnings", page.warnings());
    }
    // CRW names the renderer that ran: asked for, or chosen by the automatic decision.
    out.put("renderDecision", page.renderDecision().wire());
    return out;
  }

  private static void putIf(Map<String, Object> out, String key, Object value) {
    if (value != null) {
      out.put(key, value);
    }
  }
}
