package dev.orbweaver.scrape.api.v2;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orbweaver.scrape.api.ScrapeFields;
import java.util.List;
import java.util.Map;

/**
 * Wire records of Firecrawl v2 requests as {@code @mendable/firecrawl-js} 4.x sends them. Formats
 * are strings or objects ({@code {"type": "json", "schema", "prompt"}}), hence JSON nodes. Options
 * that only Firecrawl's cloud has (maxAge, parsers, storeInCache, zeroDataRetention, …) are
 * accepted and ignored.
 */
public final class V2Requests {
  private V2Requests() {}

  /** {@code ScrapeOptions}, on its own (scrape) or inside search, batch and extract. */
  public record ScrapeOptions(
      List<JsonNode> formats,
      Boolean onlyMainContent,
      List<String> includeTags,
      List<String> excludeTags,
      Map<String, String> headers,
      Integer timeout,
      Integer waitFor,
      Boolean mobile,
      JsonNode actions,
      String proxy,
      Boolean skipTlsVerification,
      JsonNode location)
      implements ScrapeFields {}

  /** {@code POST /v2/scrape}. */
  public record ScrapeRequest(
      String url,
      List<JsonNode> formats,
      Boolean onlyMainContent,
      List<String> includeTags,
      List<String> excludeTags,
      Map<String, String> headers,
      Integer timeout,
      Integer waitFor,
      Boolean mobile,
      JsonNode actions,
      String proxy,
      Boolean skipTlsVerification,
      JsonNode location,
      String llmApiKey,
      String llmProvider,
      String llmModel)
      implements ScrapeFields {}

  /** {@code POST /v2/map}. */
  public record MapRequest(
      String url,
      String search,
      String sitemap,
      Boolean includeSubdomains,
      Boolean ignoreQueryParameters,
      Integer limit,
      Integer timeout,
      JsonNode location) {}

  /** {@code POST /v2/search}. */
  public record SearchRequest(
      String query,
      Integer limit,
      List<JsonNode> sources,
      List<JsonNode> categories,
      String tbs,
      String location,
      String country,
      String lang,
      Integer timeout,
      Boolean ignoreInvalidURLs,
      List<String> includeDomains,
      List<String> excludeDomains,
      ScrapeOptions scrapeOptions) {}

  /** {@code POST /v2/batch/scrape}: the URLs plus scrape options at the top level. */
  public record BatchScrapeRequest(
      List<String> urls,
      List<JsonNode> formats,
      Boolean onlyMainContent,
      List<String> includeTags,
      List<String> excludeTags,
      Map<String, String> headers,
      Integer timeout,
      Integer waitFor,
      Boolean mobile,
      JsonNode actions,
      String proxy,
      Boolean skipTlsVerification,
      JsonNode location,
      Boolean ignoreInvalidURLs,
      Integer maxConcurrency,
      JsonNode webhook,
      String llmApiKey,
      String llmProvider,
      String llmModel)
      implements ScrapeFields {}

  /** {@code POST /v2/extract}. */
  public record ExtractRequest(
      List<String> urls,
      String prompt,
      JsonNode schema,
      String systemPrompt,
      Boolean allowExternalLinks,
      Boolean enableWebSearch,
      Boolean showSources,
      Boolean ignoreInvalidURLs,
      ScrapeOptions scrapeOptions,
      String llmApiKey,
      String llmProvider,
      String llmModel) {}
}
