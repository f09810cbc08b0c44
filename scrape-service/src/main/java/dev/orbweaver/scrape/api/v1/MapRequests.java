package dev.orbweaver.scrape.api.v1;

/**
 * CRW's {@code MapRequest} (url, limit, search) with the options Firecrawl v1 clients also send.
 */
public record MapRequests(
    String url,
    Integer limit,
    String search,
    Boolean includeSubdomains,
    Boolean ignoreQueryParameters,
    Boolean ignoreSitemap,
    Boolean sitemapOnly,
    Integer timeout) {}
