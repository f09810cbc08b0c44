package dev.orbweaver.scrape.search;

import java.time.Instant;

/**
 * A page as the account's search index keeps it.
 *
 * @param text the page's readable text (Markdown or plain text)
 * @param source {@code scrape} or {@code crawl}
 * @param sourceRef what produced it, e.g. {@code crawl:42}, or null
 */
public record IndexedPage(
    long accountId,
    long projectId,
    String url,
    String title,
    String description,
    String language,
    String text,
    String source,
    String sourceRef,
    Integer statusCode,
    Instant fetchedAt) {}
