package dev.orbweaver.scrape.scrape;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One scrape as both dialects ask for it, once their wire fields are checked. Holds no secret: a
 * batch job stores it as it is (per-request LLM keys travel separately, see {@code
 * LlmCredentials}).
 *
 * @param timeoutMs the fetch's time limit, or null for the configured default
 * @param proxy a proxy URL (http, https, socks5) to fetch through, or null
 * @param notices what the request asked for that this installation does not do (rendering,
 *     screenshots), said in the response's warning instead of failing
 */
public record ScrapeSpec(
    Set<Format> formats,
    boolean onlyMainContent,
    List<String> includeTags,
    List<String> excludeTags,
    Map<String, String> headers,
    Long timeoutMs,
    JsonSpec json,
    ChangeTrackingSpec changeTracking,
    String proxy,
    List<String> notices) {

  public ScrapeSpec {
    formats = Set.copyOf(formats);
    includeTags = includeTags == null ? List.of() : List.copyOf(includeTags);
    excludeTags = excludeTags == null ? List.of() : List.copyOf(excludeTags);
    headers = headers == null ? Map.of() : Map.copyOf(headers);
    notices = notices == null ? List.of() : List.copyOf(notices);
  }

  public boolean wants(Format format) {
    return formats.contains(format);
  }

  /** Markdown only, main content, no options: what search results and defaults use. */
  public static ScrapeSpec markdown() {
    return new ScrapeSpec(
        Set.of(Format.MARKDOWN),
        true,
        List.of(),
        List.of(),
        Map.of(),
        null,
        null,
        null,
        null,
        null);
  }
}
