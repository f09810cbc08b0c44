package dev.orbweaver.scrape.api;

import dev.orbweaver.scrape.scrape.PageFacts;
import dev.orbweaver.scrape.scrape.ScrapedPage;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code metadata} object of a Firecrawl document, which CRW's {@code PageMetadata} extends:
 * title, description, language, Open Graph as {@code ogTitle}/{@code ogSiteName}, other meta tags
 * by their own names ({@code twitter:card}, {@code robots}), then {@code sourceURL} (asked for),
 * {@code url} (answered), {@code statusCode} and {@code contentType}.
 */
public final class FirecrawlMetadata {
  private static final Set<String> NAMED = Set.of("description", "keywords", "author");

  private FirecrawlMetadata() {}

  public static Map<String, Object> of(ScrapedPage page) {
    Map<String, Object> out = new LinkedHashMap<>();
    PageFacts facts = page.metadata();
    putText(out, "title", facts.title());
    putText(out, "description", facts.description());
    putText(out, "language", facts.language());
    putText(out, "keywords", facts.keywords());
    putText(out, "author", facts.author());
    putText(out, "publishedTime", facts.publishedTime());
    putText(out, "favicon", facts.favicon());
    facts.og().forEach((name, value) -> out.putIfAbsent(ogKey(name), value));
    facts.twitter().forEach((name, value) -> out.putIfAbsent("twitter:" + name, value));
    facts
        .meta()
        .forEach(
            (name, value) -> {
              if (!NAMED.contains(name)) {
                out.putIfAbsent(name, value);
              }
            });
    out.put("sourceURL", page.sourceUrl());
    out.put("url", page.url());
    out.put("statusCode", page.statusCode());
    if (page.contentType() != null) {
      out.put("contentType", page.contentType());
    }
    return out;
  }

  /** {@code og:site_name} → {@code ogSiteName}, {@code og:image:width} → {@code ogImageWidth}. */
  static String ogKey(String name) {
    StringBuilder key = new StringBuilder("og");
    for (String part : name.split("[:_\\-.]")) {
      if (!part.isEmpty()) {
        key.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
      }
    }
    return key.toString();
  }

  private static void putText(Map<String, Object> out, String key, String value) {
    if (value != null && !value.isBlank()) {
      out.put(key, value);
    }
  }
}
