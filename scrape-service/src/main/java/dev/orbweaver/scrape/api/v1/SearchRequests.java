package dev.orbweaver.scrape.api.v1;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orbweaver.scrape.api.v1.ScrapeRequests.SearchScrapeOptions;
import java.util.List;

/**
 * CRW's {@code SearchRequest}, with what the Firecrawl v1 SDK adds (country, location, timeout,
 * filter) and Orbweaver's domain filters.
 */
public record SearchRequests(
    String query,
    Integer limit,
    String lang,
    String tbs,
    List<String> sources,
    List<String> categories,
    SearchScrapeOptions scrapeOptions,
    String country,
    JsonNode location,
    Integer timeout,
    String filter,
    List<String> includeDomains,
    List<String> excludeDomains) {}
