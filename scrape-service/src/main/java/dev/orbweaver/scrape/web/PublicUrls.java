package dev.orbweaver.scrape.web;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;

/**
 * URLs a client can follow back (a batch job's status, the next page of its results): on the host
 * and scheme the client used, which the gateway passes in {@code X-Forwarded-Host} and {@code
 * X-Forwarded-Proto}; a direct caller gets this service's own.
 */
public final class PublicUrls {
  private PublicUrls() {}

  public static String of(UriInfo uri, HttpHeaders headers, String path) {
    String host = first(headers.getHeaderString("X-Forwarded-Host"));
    String proto = first(headers.getHeaderString("X-Forwarded-Proto"));
    if (host == null) {
      String base = uri.getBaseUri().toString();
      return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
    }
    return (proto == null ? "http" : proto) + "://" + host + path;
  }

  /** Proxies in a chain append: the first value is the client's. */
  private static String first(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    int comma = value.indexOf(',');
    return (comma < 0 ? value : value.substring(0, comma)).strip();
  }
}
