package dev.orbweaver.scrape.map;

import java.time.Duration;

/**
 * One URL discovery, as both dialects ask for it.
 *
 * @param search keep only URLs (or their known titles) that contain every word of it, or null
 * @param includeSubdomains reach other hosts of the start URL's registrable domain
 * @param ignoreQueryParameters drop every query string (tracking parameters go in any case)
 * @param timeout the whole map's time limit
 */
public record MapSpec(
    String url,
    String search,
    SitemapMode sitemap,
    boolean includeSubdomains,
    boolean ignoreQueryParameters,
    int limit,
    Duration timeout) {}
