package dev.orbweaver.fetch.http;

import dev.orbweaver.fetch.guard.AllowedPrivateCidrs;
import java.time.Duration;

/**
 * How a {@link Fetcher} behaves for every request that does not say otherwise.
 *
 * @param connectTimeout to establish one TCP (and proxy) connection
 * @param readTimeout longest silence while waiting for bytes
 * @param totalTimeout the whole fetch, all redirect hops and the body included
 * @param maxBodyBytes largest body kept, counted both on the wire and after decoding
 * @param maxRedirects redirects followed before failing with too_many_redirects
 * @param allowedPrivateCidrs non-public ranges the SSRF guard lets through (default none)
 * @param userAgents agents to pick from when a request names none
 * @param maxIdleConnections keep-alive connections kept across all hosts
 * @param tls which server certificates are trusted
 */
public record FetchSettings(
    Duration connectTimeout,
    Duration readTimeout,
    Duration totalTimeout,
    long maxBodyBytes,
    int maxRedirects,
    AllowedPrivateCidrs allowedPrivateCidrs,
    UserAgents userAgents,
    int maxIdleConnections,
    TlsTrust tls) {

  public FetchSettings {
    requirePositive(connectTimeout, "connectTimeout");
    requirePositive(readTimeout, "readTimeout");
    requirePositive(totalTimeout, "totalTimeout");
    if (maxBodyBytes <= 0) {
      throw new IllegalArgumentException("maxBodyBytes must be positive");
    }
    if (maxRedirects < 0) {
      throw new IllegalArgumentException("maxRedirects must not be negative");
    }
    if (maxIdleConnections < 0) {
      throw new IllegalArgumentException("maxIdleConnections must not be negative");
    }
    if (allowedPrivateCidrs == null || userAgents == null || tls == null) {
      throw new IllegalArgumentException("allowedPrivateCidrs, userAgents and tls are required");
    }
  }

  /** 10 s connect, 30 s read, 60 s total, 10 MiB, 10 redirects, nothing private, browser agents. */
  public static FetchSettings defaults() {
    return new FetchSettings(
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        Duration.ofSeconds(60),
        10L * 1024 * 1024,
        10,
        AllowedPrivateCidrs.none(),
        UserAgents.browsers(),
        256,
        TlsTrust.system());
  }

  public FetchSettings withConnectTimeout(Duration value) {
    return new FetchSettings(
        value,
        readTimeout,
        totalTimeout,
        maxBodyBytes,
        maxRedirects,
        allowedPrivateCidrs,
        userAgents,
        maxIdleConnections,
        tls);
  }

  public FetchSettings withReadTimeout(Duration value) {
    return new FetchSettings(
        connectTimeout,
        value,
        totalTimeout,
        maxBodyBytes,
        maxRedirects,
        allowedPrivateCidrs,
        userAgents,
        maxIdleConnections,
        tls);
  }

  public FetchSettings withTotalTimeout(Duration value) {
    return new FetchSettings(
        connectTimeout,
        readTimeout,
        value,
        maxBodyBytes,
        maxRedirects,
        allowedPrivateCidrs,
        userAgents,
        maxIdleConnections,
        tls);
  }

  public FetchSettings withMaxBodyBytes(long value) {
    return new FetchSettings(
        connectTimeout,
        readTimeout,
        totalTimeout,
        value,
        maxRedirects,
        allowedPrivateCidrs,
        userAgents,
        maxIdleConnections,
        tls);
  }

  public FetchSettings withMaxRedirects(int value) {
    return new FetchSettings(
        connectTimeout,
        readTimeout,
        totalTimeout,
        maxBodyBytes,
        value,
        allowedPrivateCidrs,
        userAgents,
        maxIdleConnections,
        tls);
  }

  public FetchSettings withAllowedPrivateCidrs(AllowedPrivateCidrs value) {
    return new FetchSettings(
        connectTimeout,
        readTimeout,
        totalTimeout,
        maxBodyBytes,
        maxRedirects,
        value,
        userAgents,
        maxIdleConnections,
        tls);
  }

  public FetchSettings withUserAgents(UserAgents value) {
    return new FetchSettings(
        connectTimeout,
        readTimeout,
        totalTimeout,
        maxBodyBytes,
        maxRedirects,
        allowedPrivateCidrs,
        value,
        maxIdleConnections,
        tls);
  }

  public FetchSettings withMaxIdleConnections(int value) {
    return new FetchSettings(
        connectTimeout,
        readTimeout,
        totalTimeout,
        maxBodyBytes,
        maxRedirects,
        allowedPrivateCidrs,
        userAgents,
        value,
        tls);
  }

  public FetchSettings withTls(TlsTrust value) {
    return new FetchSettings(
        connectTimeout,
        readTimeout,
        totalTimeout,
        maxBodyBytes,
        maxRedirects,
        allowedPrivateCidrs,
        userAgents,
        maxIdleConnections,
        value);
  }

  private static void requirePositive(Duration value, String name) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be a positive duration");
    }
  }
}
