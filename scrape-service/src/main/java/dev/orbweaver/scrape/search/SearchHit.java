package dev.orbweaver.scrape.search;

import java.time.Instant;

/**
 * One result of a search, whichever backend found it.
 *
 * @param kind {@code web}, {@code news} or {@code images}
 * @param snippet the blurb shown under the title
 * @param category the backend's category (SearXNG's, or {@code crawled} for the page index)
 * @param imageUrl the image of an image or news result, or null
 * @param publishedAt when the result says it was published, or null
 */
public record SearchHit(
    String kind,
    String url,
    String title,
    String snippet,
    int position,
    Double score,
    String category,
    String imageUrl,
    Integer imageWidth,
    Integer imageHeight,
    Instant publishedAt) {}
