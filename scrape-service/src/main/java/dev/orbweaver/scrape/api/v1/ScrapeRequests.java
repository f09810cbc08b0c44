package dev.orbweaver.scrape.api.v1;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orbweaver.scrape.api.ScrapeFields;
import dev.orbweaver.scrape.api.v1.ChangeTrackingRequests.SnapshotBody;
import java.util.List;
import java.util.Map;

/**
 * Wire records of CRW's (and Firecrawl v1's) scrape and extract requests. Fields Firecrawl v1
 * clients send that CRW does not name (headers, includeTags, waitFor, …) are read too; LLM
 * credentials may come with any request that extracts.
 */
public final class ScrapeRequests {
  private ScrapeRequests() {}

  /** {@code JsonOptions}. */
  public record JsonOptions(JsonNode schema, String prompt, String systemPrompt) {}

  /** {@code ChangeTrackingOptions}: the options of the changeTracking format. */
  public record ChangeTrackingOptions(
      List<String> modes,
      JsonNode schema,
      String prompt,
      SnapshotBody previous,
      String tag,
      String contentType) {}

  /** {@code ScrapeRequest}. */
  public record ScrapeRequest(
      String url,
      List<String> formats,
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
      JsonOptions jsonOptions,
      JsonOptions extract,
      ChangeTrackingOptions changeTracking,
      String goal,
      Boolean judgeEnabled,
      String llmApiKey,
      String llmProvider,
      String llmModel)
      implements ScrapeFields {}

  /**
   * Firecrawl v1's {@code POST /v1/batch/scrape}: the URLs plus scrape options at the top level.
   */
  public record BatchScrapeRequest(
      List<String> urls,
      List<String> formats,
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
      JsonOptions jsonOptions,
      JsonOptions extract,
      ChangeTrackingOptions changeTracking,
      Boolean ignoreInvalidURLs,
      Integer maxConcurrency,
      JsonNode webhook,
      String llmApiKey,
      String llmProvider,
      String llmModel)
      implements ScrapeFields {}

  /** {@code ScrapeOptions} of search: formats and onlyMainContent (and the common extras). */
  public record SearchScrapeOptions(
      List<String> formats,
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
      JsonOptions jsonOptions)
      implements ScrapeFields {}

  /**
   * {@code ExtractRequest}; {@code urls} (Firecrawl v1's field) is read when {@code url} is absent.
   */
  public record ExtractRequest(
      String url,
      List<String> urls,
      JsonNode schema,
      String prompt,
      String systemPrompt,
      String llmApiKey,
      String llmProvider,
      String llmModel) {}
}
