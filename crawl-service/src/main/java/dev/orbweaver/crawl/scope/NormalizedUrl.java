package dev.orbweaver.crawl.scope;

/**
 * A URL in the normalized form the frontier dedups on, with the parts scope rules read: its host,
 * its path and query, and its dedup key. Worked out once per distinct link, not once per sighting.
 */
public record NormalizedUrl(String url, String host, String path, byte[] key) {}
