package dev.orbweaver.crawl.api.alterlab;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** AlterLab's request shapes. */
final class AlterLabRequests {
  private AlterLabRequests() {}

  record StartCrawl(
      String url,
      @JsonProperty("max_pages") Integer maxPages,
      @JsonProperty("max_depth") Integer maxDepth,
      @JsonProperty("include_patterns") List<String> includePatterns,
      @JsonProperty("exclude_patterns") List<String> excludePatterns,
      List<String> formats,
      @JsonProperty("extraction_schema") JsonNode extractionSchema,
      @JsonProperty("extraction_profile") String extractionProfile,
      @JsonProperty("webhook_url") String webhookUrl,
      @JsonProperty("respect_robots") Boolean respectRobots,
      @JsonProperty("include_subdomains") Boolean includeSubdomains,
      Advanced advanced,
      @JsonProperty("cost_controls") CostControls costControls,
      Priority priority,
      Map<String, Integer> budget,
      String sitemap,
      @JsonProperty("sitemap_path") String sitemapPath,
      Boolean cache,
      @JsonProperty("cache_ttl") Integer cacheTtl,
      @JsonProperty("force_refresh") Boolean forceRefresh,
      Map<String, String> headers,
      String storage,
      Webhook webhook,
      @JsonProperty("change_tracking") ChangeTracking changeTracking,
      Output output) {}

  record Advanced(
      @JsonProperty("render_js") Boolean renderJs,
      Boolean screenshot,
      @JsonProperty("use_proxy") Boolean useProxy,
      @JsonProperty("wait_for") String waitFor,
      Integer timeout) {}

  record CostControls(
      @JsonProperty("max_credits") Long maxCredits,
      @JsonProperty("max_tier") String maxTier,
      @JsonProperty("force_tier") String forceTier) {}

  record Priority(
      List<String> keywords,
      @JsonProperty("boost_patterns") List<String> boostPatterns,
      @JsonProperty("demote_patterns") List<String> demotePatterns) {}

  record Webhook(
      String url,
      List<String> events,
      String secret,
      Map<String, String> headers,
      JsonNode metadata) {}

  record ChangeTracking(
      Boolean enabled,
      @JsonProperty("tracking_id") String trackingId,
      String mode,
      @JsonProperty("include_diff") Boolean includeDiff) {}

  /** webhook_stream (url, secret), s3 (bucket, prefix, region, endpoint, keys) or gcs. */
  record Output(
      String type,
      String url,
      String secret,
      String bucket,
      String prefix,
      String region,
      String endpoint,
      String format,
      OutputCredentials credentials) {}

  /** A customer's keys; no toString of this record is ever logged. */
  record OutputCredentials(
      @JsonProperty("access_key_id") String accessKeyId,
      @JsonProperty("secret_access_key") String secretAccessKey,
      @JsonProperty("service_account_json") JsonNode serviceAccountJson) {
    @Override
    public String toString() {
      return "OutputCredentials[redacted]";
    }
  }
}
