package dev.orbweaver.fetch.sitemap;

import java.time.Instant;

/**
 * One page a sitemap lists.
 *
 * @param lastModified {@code <lastmod>}, or null
 * @param changeFrequency {@code <changefreq>} in lower case, or null
 * @param priority {@code <priority>} 0..1; the protocol's default 0.5 when absent
 */
public record SitemapEntry(
    String url, Instant lastModified, String changeFrequency, double priority) {}
