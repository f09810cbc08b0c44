package dev.orbweaver.crawl.api.firecrawl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** Firecrawl's crawl request, v1 (and CRW's maxPages/maxDepth) and v2 fields side by side. */
final class FirecrawlRequests {
  private FirecrawlRequests() {}

  record StartCrawl(
      String url,
      Integer limit,
      Integer maxPages,
      Integer maxDepth,
      Integer maxDiscoveryDepth,
      List<String> includePaths,
      List<String> excludePaths,
      Boolean regexOnFullURL,
      Boolean ignoreSitemap,
      String sitemap,
      Boolean allowSubdomains,
      Boolean allowExternalLinks,
      Boolean crawlEntireDomain,
      Boolean allowBackwardLinks,
      Boolean ignoreQueryParameters,
      Integer delay,
      Integer maxConcurrency,
      JsonNode webhook,
      ScrapeOptions scrapeOptions) {}

  record ScrapeOptions(
      List<JsonNode> formats,
      Boolean onlyMainContent,
      List<String> includeTags,
      List<String> excludeTags,
      Map<String, String> headers,
      Integer waitFor,
      Integer timeout,
      JsonNode jsonOptions) {}
}
