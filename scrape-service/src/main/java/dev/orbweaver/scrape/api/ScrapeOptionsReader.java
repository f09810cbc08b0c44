package dev.orbweaver.scrape.api;

import dev.orbweaver.common.input.HttpFields;
import dev.orbweaver.scrape.config.ScrapeConfig;
import dev.orbweaver.scrape.scrape.ChangeTrackingSpec;
import dev.orbweaver.scrape.scrape.Format;
import dev.orbweaver.scrape.scrape.JsonSpec;
import dev.orbweaver.scrape.scrape.ScrapeSpec;
import dev.orbweaver.scrape.web.Require;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks the scrape options common to both dialects and builds the internal {@link ScrapeSpec}.
 * Options for a browser this installation does not run yet (waitFor, actions, mobile, screenshots)
 * are accepted and named in a notice, so that a client written for Firecrawl keeps working.
 */
@ApplicationScoped
public class ScrapeOptionsReader {
  static final String NO_RENDERING =
      " Pages are not rendered in a browser yet: the result is the HTML the server sent.";

  private final ScrapeConfig config;

  @Inject
  public ScrapeOptionsReader(ScrapeConfig config) {
    this.config = config;
  }

  /** The formats a dialect read, with the json and changeTracking options that came with them. */
  public record Formats(
      Set<Format> formats,
      JsonSpec json,
      ChangeTrackingSpec changeTracking,
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
    if (fields.waitFor() != null) {
      Require.that(fields.waitFor() >= 0, prefix + "waitFor", "must not be negative");
      if (fields.waitFor() > 0) {
        notices.add("waitFor was accepted but not applied." + NO_RENDERING);
      }
    }
    if (fields.actions() != null && !fields.actions().isNull()) {
      Require.that(fields.actions().isArray(), prefix + "actions", "must be an array");
      if (!fields.actions().isEmpty()) {
        notices.add("actions were accepted but not run." + NO_RENDERING);
      }
    }
    if (Boolean.TRUE.equals(fields.mobile())) {
      notices.add("mobile was accepted but no mobile viewport is emulated." + NO_RENDERING);
    }
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
        notices);
  }
}
