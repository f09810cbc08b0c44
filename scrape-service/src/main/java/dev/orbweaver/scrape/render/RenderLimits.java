package dev.orbweaver.scrape.render;

import dev.orbweaver.scrape.web.Require;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The bounds of every render parameter, Firecrawl's where Firecrawl has one (50 actions, 60 s of
 * waiting in all, screenshots up to 7680×4320, quality 1–100), ours elsewhere. Every edge builds a
 * {@link RenderRequest} and passes it through {@link #validate}; a value out of bounds is a 400
 * naming the field.
 */
public final class RenderLimits {
  public static final int MAX_ACTIONS = 50;

  /** waitFor plus every wait action (a selector wait counts as one second, as Firecrawl counts). */
  public static final Duration MAX_TOTAL_WAIT = Duration.ofSeconds(60);

  public static final Duration SELECTOR_WAIT_WEIGHT = Duration.ofSeconds(1);
  public static final int MAX_URL_CHARS = 8192;
  public static final int MAX_SELECTOR_CHARS = 1024;
  public static final int MAX_TEXT_CHARS = 10_000;
  public static final int MAX_SCRIPT_CHARS = 100_000;
  public static final int MAX_VIEWPORT_WIDTH = 7680;
  public static final int MAX_VIEWPORT_HEIGHT = 4320;
  public static final int MAX_HEADERS = 50;
  public static final int MAX_HEADER_NAME_CHARS = 256;
  public static final int MAX_HEADER_VALUE_CHARS = 8192;
  public static final int MAX_COOKIES = 50;
  public static final int MAX_COOKIE_CHARS = 4096;
  public static final Duration MIN_TIMEOUT = Duration.ofSeconds(1);

  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  /** Headers the browser owns; a caller setting them would break or smuggle requests. */
  private static final Set<String> FORBIDDEN_HEADERS =
      Set.of(
          "host",
          "content-length",
          "transfer-encoding",
          "connection",
          "keep-alive",
          "upgrade",
          "te",
          "trailer",
          "expect",
          "proxy-authorization",
          "proxy-connection");

  private RenderLimits() {}

  /**
   * Checks every value of the request.
   *
   * @throws dev.orbweaver.common.error.ApiException a 400 naming the first field out of bounds
   */
  public static void validate(RenderRequest request, Duration maxTimeout) {
    String url = Require.text(request.url(), "url");
    Require.that(url.length() <= MAX_URL_CHARS, "url", "is longer than " + MAX_URL_CHARS);
    Require.that(isHttpUrl(url), "url", "must be an absolute http(s) URL");
    Require.that(
        request.timeout() != null
            && request.timeout().compareTo(MIN_TIMEOUT) >= 0
            && request.timeout().compareTo(maxTimeout) <= 0,
        "timeout",
        "must be between " + MIN_TIMEOUT.toMillis() + " and " + maxTimeout.toMillis() + " ms");
    if (request.screenshot() != null) {
      screenshot(request.screenshot(), "screenshot");
    }
    validatePage(request.waitFor(), request.waitForSelector(), request.actions(), "");
    headers(request.headers());
    Require.that(
        request.cookies().size() <= MAX_COOKIES,
        "cookies",
        "holds at most " + MAX_COOKIES + " cookies");
    for (int i = 0; i < request.cookies().size(); i++) {
      Cookie cookie = Require.present(request.cookies().get(i), "cookies[" + i + "]");
      String name = Require.text(cookie.name(), "cookies[" + i + "].name");
      Require.that(TOKEN.matcher(name).matches(), "cookies[" + i + "].name", "must be a token");
      String value = Require.present(cookie.value(), "cookies[" + i + "].value");
      Require.that(
          name.length() + value.length() <= MAX_COOKIE_CHARS
              && value.chars().noneMatch(c -> c < 0x20 || c == ';' || c == 0x7f),
          "cookies[" + i + "].value",
          "must be at most " + MAX_COOKIE_CHARS + " characters without ';' or control characters");
    }
  }

  /**
   * Checks what a render does on the page (waits and actions), naming fields under {@code prefix}
   * (the path of the options object, e.g. {@code "scrapeOptions."}), so that an edge can refuse a
   * request before any page is fetched.
   *
   * @throws dev.orbweaver.common.error.ApiException a 400 naming the first field out of bounds
   */
  public static void validatePage(
      Duration waitFor, String waitForSelector, List<RenderAction> actions, String prefix) {
    Duration wait = waitFor == null ? Duration.ZERO : waitFor;
    Require.that(!wait.isNegative(), prefix + "waitFor", "must not be negative");
    Require.that(
        wait.compareTo(MAX_TOTAL_WAIT) <= 0,
        prefix + "waitFor",
        "must be at most " + MAX_TOTAL_WAIT.toMillis() + " ms");
    if (waitForSelector != null) {
      selector(waitForSelector, prefix + "waitForSelector");
      wait = wait.plus(SELECTOR_WAIT_WEIGHT);
    }
    Require.that(
        actions.size() <= MAX_ACTIONS,
        prefix + "actions",
        "holds at most " + MAX_ACTIONS + " actions");
    for (int i = 0; i < actions.size(); i++) {
      String field = prefix + "actions[" + i + "]";
      RenderAction action = Require.present(actions.get(i), field);
      switch (action) {
        case RenderAction.Wait w -> {
          Require.that(
              (w.duration() == null) != (w.selector() == null),
              field,
              "needs either milliseconds or selector, not both");
          if (w.duration() != null) {
            Require.that(w.duration().toMillis() >= 1, field + ".milliseconds", "must be positive");
            wait = wait.plus(w.duration());
          } else {
            selector(w.selector(), field + ".selector");
            wait = wait.plus(SELECTOR_WAIT_WEIGHT);
          }
        }
        case RenderAction.Click c -> selector(c.selector(), field + ".selector");
        case RenderAction.Write w -> {
          Require.present(w.text(), field + ".text");
          Require.that(
              w.text().length() <= MAX_TEXT_CHARS,
              field + ".text",
              "is longer than " + MAX_TEXT_CHARS + " characters");
        }
        case RenderAction.Press p ->
            Require.that(
                Keys.of(p.key()) != null,
                field + ".key",
                "must be a single character or a key name such as Enter, Tab, Escape, ArrowDown");
        case RenderAction.Scroll s -> {
          if (s.selector() != null) {
            selector(s.selector(), field + ".selector");
          }
        }
        case RenderAction.TakeScreenshot s -> screenshot(s.spec(), field);
        case RenderAction.Scrape s -> {}
        case RenderAction.ExecuteJavascript js -> {
          Require.text(js.script(), field + ".script");
          Require.that(
              js.script().length() <= MAX_SCRIPT_CHARS,
              field + ".script",
              "is longer than " + MAX_SCRIPT_CHARS + " characters");
        }
      }
    }
    Require.that(
        wait.compareTo(MAX_TOTAL_WAIT) <= 0,
        prefix + "actions",
        "wait in all (waitFor and wait actions) must be at most "
            + MAX_TOTAL_WAIT.toSeconds()
            + " seconds");
  }

  private static void headers(Map<String, String> headers) {
    Require.that(
        headers.size() <= MAX_HEADERS, "headers", "holds at most " + MAX_HEADERS + " headers");
    for (Map.Entry<String, String> header : headers.entrySet()) {
      String name = header.getKey();
      Require.that(
          name != null && name.length() <= MAX_HEADER_NAME_CHARS && TOKEN.matcher(name).matches(),
          "headers",
          "header names must be tokens of at most " + MAX_HEADER_NAME_CHARS + " characters");
      String lower = name.toLowerCase(Locale.ROOT);
      Require.that(
          !FORBIDDEN_HEADERS.contains(lower) && !lower.startsWith("proxy-"),
          "headers." + name,
          "is set by the browser and cannot be given");
      String value = header.getValue();
      Require.that(
          value != null
              && value.length() <= MAX_HEADER_VALUE_CHARS
              && value.chars().noneMatch(c -> c == '\r' || c == '\n' || c == 0),
          "headers." + name,
          "must be at most " + MAX_HEADER_VALUE_CHARS + " characters on one line");
    }
  }

  private static void selector(String selector, String field) {
    Require.text(selector, field);
    Require.that(
        selector.length() <= MAX_SELECTOR_CHARS,
        field,
        "is longer than " + MAX_SELECTOR_CHARS + " characters");
  }

  /** Checks a screenshot's quality and viewport, naming fields under {@code field}. */
  public static void screenshot(ScreenshotSpec spec, String field) {
    if (spec.quality() != null) {
      Require.that(
          spec.quality() >= 1 && spec.quality() <= 100,
          field + ".quality",
          "must be between 1 and 100");
    }
    if (spec.viewport() != null) {
      Require.that(
          spec.viewport().width() >= 1 && spec.viewport().width() <= MAX_VIEWPORT_WIDTH,
          field + ".viewport.width",
          "must be between 1 and " + MAX_VIEWPORT_WIDTH);
      Require.that(
          spec.viewport().height() >= 1 && spec.viewport().height() <= MAX_VIEWPORT_HEIGHT,
          field + ".viewport.height",
          "must be between 1 and " + MAX_VIEWPORT_HEIGHT);
    }
  }

  /** Whether a URL is an absolute http(s) URL with a host, as the browser is given only those. */
  public static boolean isHttpUrl(String url) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme();
      return scheme != null
          && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
          && uri.getHost() != null
          && !uri.getHost().isEmpty();
    } catch (Exception e) {
      return false;
    }
  }
}
