package dev.orbweaver.scrape.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * The scrape options both Firecrawl dialects spell the same way; their request records implement
 * this so that one reader checks them.
 */
public interface ScrapeFields {
  Boolean onlyMainContent();

  List<String> includeTags();

  List<String> excludeTags();

  Map<String, String> headers();

  Integer timeout();

  Integer waitFor();

  Boolean mobile();

  JsonNode actions();

  String proxy();

  Boolean skipTlsVerification();

  JsonNode location();
}
