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
 * @param notices what the request asked for that this installation does not do, said in the
 *     response's warning instead of failing
 * @param browser what only a browser does (waitFor, actions, mobile, a screenshot); {@link
 *     BrowserOptions#NONE} leaves the page to HTTP and the automatic render decision
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
    List<String> notices,
    BrowserOptions browser) {

  public ScrapeSpec {
    formats = Set.copyOf(formats);
    includeTags = includeTags == null ? List.of() : List.copyOf(includeTags);
    excludeTags = excludeTags == null ? List.of() : List.copyOf(excludeTags);
    headers = headers == null ? Map.of() : Map.copyOf(headers);
    notices = notices == null ? List.of() : List.copyOf(notices);
    browser = browser == null ? BrowserOptions.NONE : browser;
  }

  /** The same scrape with more to say in the response's warning. */
  public ScrapeSpec withNotices(List<String> more) {
    return new ScrapeSpec(
        formats,
        onlyMainContent,
        includeTags,
        excludeTags,
        headers,
        timeoutMs,
        json,
        changeTracking,
        proxy,
        more,
        browser);
  }

  /** The same scrape, done in the browser with these options. */
  public ScrapeSpec withBrowser(BrowserOptions options) {
    return new ScrapeSpec(
        formats,
        onlyMainContent,
        includeTags,
        excludeTags,
        headers,
        timeoutMs,
        json,
        changeTracking,
        proxy,
        notices,
        options);
  }

  /** The same scrape with another time limit. */
  public ScrapeSpec withTimeoutMs(Long ms) {
    return new ScrapeSpec(
        formats,
        onlyMainContent,
        includeTags,
        excludeTags,
        headers,
        ms,
        json,
        changeTracking,
        proxy,
        notices,
        browser);
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
        null,
        BrowserOptions.NONE);
  }
}
