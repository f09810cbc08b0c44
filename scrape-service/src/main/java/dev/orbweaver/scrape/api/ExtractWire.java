package dev.orbweaver.scrape.api;

import dev.orbweaver.scrape.extract.ExtractService;
import dev.orbweaver.scrape.web.Require;
import java.util.ArrayList;
import java.util.List;

/** The URL list of an extract request, checked the same way in both dialects. */
public final class ExtractWire {
  private ExtractWire() {}

  /**
   * URLs to read: 1 to {@link ExtractService#MAX_URLS}. Firecrawl's {@code /*} suffix (the whole
   * site) would need a crawl; the page itself is read instead and a warning says so.
   */
  public static List<String> urls(List<String> given, String field, List<String> warnings) {
    List<String> urls = Require.strings(given, field);
    Require.that(!urls.isEmpty(), field, "must hold at least one URL");
    Require.that(
        urls.size() <= ExtractService.MAX_URLS,
        field,
        "holds at most " + ExtractService.MAX_URLS + " URLs");
    List<String> out = new ArrayList<>();
    for (String url : urls) {
      if (url.endsWith("/*")) {
        warnings.add(
            url
                + " asks for a whole site, which needs a crawl (/v2/crawl); only the page itself was"
                + " read.");
        out.add(url.substring(0, url.length() - 1));
      } else {
        out.add(url);
      }
    }
    return out;
  }
}
