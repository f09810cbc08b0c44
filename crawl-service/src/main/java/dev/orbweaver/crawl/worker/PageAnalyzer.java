package dev.orbweaver.crawl.worker;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orbweaver.crawl.model.Crawl;
import java.util.List;
import java.util.Map;

/** Turns a fetched HTML page into what the crawl needs: links, metadata and requested formats. */
public interface PageAnalyzer {
  Analysis analyze(Crawl crawl, PageFetcher.Fetched fetched);

  /**
   * Absolute outlinks, the metadata object, formats rendered at crawl time, the text to diff, and
   * the page decoded from its charset (what is stored).
   */
  record Analysis(
      List<String> links,
      ObjectNode metadata,
      Map<String, Object> formats,
      String text,
      String html) {}
}
