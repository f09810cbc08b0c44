package dev.orbweaver.crawl.api;

import dev.orbweaver.common.error.ApiException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Checks every dialect makes of its request fields, with messages that name the field. */
public final class WireChecks {
  /** The largest page offset: a crawl holds at most 100,000 pages, so this is never a limit. */
  public static final int MAX_OFFSET = 1_000_000;

  private WireChecks() {}

  /** An absolute http(s) URL with a host. */
  public static String httpUrl(String field, String value) {
    if (value == null || value.isBlank()) {
      throw ApiException.validation(field + " is required");
    }
    try {
      URI uri = new URI(value.strip());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        throw ApiException.validation(field + " must start with http:// or https://");
      }
      if (uri.getHost() == null || uri.getHost().isBlank()) {
        throw ApiException.validation(field + " must name a host");
      }
      return uri.toString();
    } catch (URISyntaxException e) {
      throw ApiException.validation(field + " is not a valid URL: " + e.getReason());
    }
  }

  public static int range(String field, Integer value, int fallback, int min, int max) {
    int v = value == null ? fallback : value;
    if (v < min || v > max) {
      throw ApiException.validation(field + " must be " + min + ".." + max);
    }
    return v;
  }

  /** crawlcrawl writes ranges Rust-style: "depth must be 1..=50". */
  public static int inclusiveRange(String field, Integer value, int fallback, int min, int max) {
    int v = value == null ? fallback : value;
    if (v < min || v > max) {
      throw ApiException.validation(field + " must be " + min + "..=" + max);
    }
    return v;
  }

  public static void proxyUrl(String field, String value) {
    if (value == null) {
      return;
    }
    String lower = value.toLowerCase(Locale.ROOT);
    if (!lower.startsWith("http://")
        && !lower.startsWith("https://")
        && !lower.startsWith("socks5://")) {
      throw ApiException.validation(field + " must be an http://, https:// or socks5:// URL");
    }
  }
}
