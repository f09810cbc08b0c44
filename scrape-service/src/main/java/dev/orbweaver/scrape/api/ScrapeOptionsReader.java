package dev.orbweaver.scrape.api;

import dev.orbweaver.common.input.HttpFields;
import dev.orbweaver.scrape.config.ScrapeConfig;
import dev.orbweaver.scrape.render.RenderAction;
import dev.orbweaver.scrape.render.RenderLimits;
import dev.orbweaver.scrape.render.ScreenshotSpec;
import dev.orbweaver.scrape.scrape.BrowserOptions;
import dev.orbweaver.scrape.scrape.ChangeTrackingSpec;
import dev.orbweaver.scrape.scrape.Format;
import dev.orbweaver.scrape.scrape.JsonSpec;
import dev.orbweaver.scrape.scrape.ScrapeSpec;
import dev.orbweaver.scrape.web.Require;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks the scrape options common to both dialects and builds the internal {@link ScrapeSpec}.
 * waitFor, actions, mobile and the screenshot format are what only a browser does: they are checked
 * against Firecrawl's limits ({@link RenderLimits}) here, before any page is fetched. Options this
 * installation does not have are accepted and named in a notice, so that a client written for
 * Firecrawl keeps working.
 */
@ApplicationScoped
public class ScrapeOptionsReader {
  private final ScrapeConfig config;

  @Inject
  public ScrapeOptionsReader(ScrapeConfig config) {
    this.config = config;
  }

  /**
   * The formats a dialect read, with the json, changeTracking and screenshot options that came with
   * them.
   *
   * @param screenshot the screenshot format, or null when it was not asked for
   */
  public record Formats(
      Set<Format> formats,
      JsonSpec json,
      ChangeTrackingSpec changeTracking,
      ScreenshotSpec screenshot,
      List<String> notices) {}

  /**
   * @param prefix the path of the options object ({@code ""} or {@code "scrapeOptions."})
   */
  public ScrapeSpec read(ScrapeFields fields, Formats formats, String prefix) {
    List<String> notices = new ArrayList<>(formats.notices());
    long maxMs = config.maxTimeout().toMillis();
    Long timeout = null;
    if (fields.timeout() != null) {
      Require.that(
          fields.timeout() >= 1 && fields.timeout() <= maxMs,
          prefix + "timeout",
          "must be between 1 and " + maxMs + " (milliseconds)");
      timeout = fields.timeout().longValue();
    }
    BrowserOptions browser = browser(fields, formats.screenshot(), timeout, prefix);
    if (Boolean.TRUE.equals(fields.skipTlsVerification())) {
      notices.add("skipTlsVerification is not supported: certificates are always verified.");
    }
    if (fields.location() != null && !fields.location().isNull()) {
      notices.add("location is not supported: pages are fetched from this server's network.");
    }
    String proxy = null;
    if (fields.proxy() != null) {
      String value = fields.proxy().strip();
      String lower = value.toLowerCase(Locale.ROOT);
      if (lower.contains("://")) {
        proxy = value; // an explicit proxy URL: http, https or socks5
      } else if (lower.equals("stealth") || lower.equals("enhanced")) {
        notices.add("proxy '" + value + "' is not available: the page was fetched directly.");
      } else {
        Require.that(
            lower.equals("basic") || lower.equals("auto"),
            prefix + "proxy",
            "must be basic, auto, stealth, enhanced or a proxy URL");
      }
    }
    Map<String, String> headers = fields.headers() == null ? Map.of() : fields.headers();
    HttpFields.headers(prefix + "headers", headers);
    return new ScrapeSpec(
        formats.formats(),
        fields.onlyMainContent() == null || fields.onlyMainContent(),
        Require.strings(fields.includeTags(), prefix + "includeTags"),
        Require.strings(fields.excludeTags(), prefix + "excludeTags"),
        headers,
        timeout,
        formats.json(),
        formats.changeTracking(),
        proxy,
        notices,
        browser);
  }

  /**
   * waitFor, actions, mobile and the screenshot format, within Firecrawl's limits: 50 actions, 60
   * seconds of waiting in all, waitFor at most half the timeout, and at least a second to render.
   */
  private BrowserOptions browser(
      ScrapeFields fields, ScreenshotSpec screenshot, Long timeoutMs, String prefix) {
    Duration waitFor = Duration.ZERO;
    if (fields.waitFor() != null) {
      Require.that(fields.waitFor() >= 0, prefix + "waitFor", "must not be negative");
      waitFor = Duration.ofMillis(fields.waitFor());
    }
    List<RenderAction> actions = FirecrawlActions.read(fields.actions(), prefix + "actions");
    RenderLimits.validatePage(waitFor, null, actions, prefix);
    long limitMs = timeoutMs != null ? timeoutMs : config.defaultTimeout().toMillis();
    Require.that(
        waitFor.toMillis() <= limitMs / 2,
        prefix + "waitFor",
        "must not exceed half of the timeout (" + limitMs + " ms)");
    BrowserOptions browser =
        new BrowserOptions(waitFor, actions, screenshot, Boolean.TRUE.equals(fields.mobile()));
    if (browser.needBrowser()) {
      Require.that(
          limitMs >= RenderLimits.MIN_TIMEOUT.toMillis(),
          prefix + "timeout",
          "must be at least "
              + RenderLimits.MIN_TIMEOUT.toMillis()
              + " ms when the page is rendered (waitFor, actions, mobile or a screenshot)");
    }
    return browser;
  }
}
