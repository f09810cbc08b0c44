package dev.orbweaver.crawl.api.crawlcrawl;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * POST /v1/crawls: crawl params sit at the top level (nested "params" are ignored, as documented).
 */
public record StartRun(
    String url,
    @JsonProperty("user_agent") String userAgent,
    @JsonProperty("proxy_url") String proxyUrl,
    @JsonProperty("webhook_url") String webhookUrl,
    @JsonProperty("max_pages") Integer maxPages,
    Integer concurrency,
    Integer depth,
    @JsonProperty("delay_ms") Integer delayMs,
    Boolean subdomains,
    @JsonProperty("respect_robots") Boolean respectRobots,
    @JsonProperty("store_html") Boolean storeHtml,
    @JsonProperty("seed_kind") String seedKind,
    Map<String, String> headers,
    String cookies) {}
