package dev.orbweaver.scrape.scrape;

import dev.orbweaver.extract.metadata.PageMetadata;
import java.util.Map;

/**
 * What a page says about itself (libs/extract's metadata without the JSON-LD trees), kept with a
 * scrape so that each dialect can render its own metadata object.
 *
 * @param og Open Graph properties without the {@code og:} prefix
 * @param twitter Twitter card properties without the {@code twitter:} prefix
 * @param meta every other named meta tag
 */
public record PageFacts(
    String title,
    String description,
    String language,
    String canonical,
    String keywords,
    String author,
    String publishedTime,
    String favicon,
    Map<String, String> og,
    Map<String, String> twitter,
    Map<String, String> meta) {

  public PageFacts {
    og = og == null ? Map.of() : Map.copyOf(og);
    twitter = twitter == null ? Map.of() : Map.copyOf(twitter);
    meta = meta == null ? Map.of() : Map.copyOf(meta);
  }

  public static PageFacts none() {
    return new PageFacts(null, null, null, null, null, null, null, null, null, null, null);
  }

  public static PageFacts of(PageMetadata metadata) {
    return new PageFacts(
        metadata.title(),
        metadata.description(),
        metadata.language(),
        metadata.canonical(),
        metadata.keywords(),
        metadata.author(),
        metadata.publishedTime(),
        metadata.favicon(),
        metadata.og(),
        metadata.twitter(),
        metadata.meta());
  }
}
