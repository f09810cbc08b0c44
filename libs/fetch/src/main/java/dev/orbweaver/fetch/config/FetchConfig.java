package dev.orbweaver.fetch.config;

import dev.orbweaver.fetch.guard.AllowedPrivateCidrs;
import dev.orbweaver.fetch.http.FetchSettings;
import dev.orbweaver.fetch.http.UserAgents;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * The {@code orbweaver.fetch.*} settings as a Quarkus service reads them; inject it and call {@link
 * #toSettings()}. Durations are ISO-8601 ({@code PT10S}; Quarkus also reads {@code 10s}). Each key
 * also comes from its environment variable ({@code orbweaver.fetch.allowed-private-cidrs} ← {@code
 * ORBWEAVER_FETCH_ALLOWED_PRIVATE_CIDRS}).
 */
@ConfigMapping(prefix = "orbweaver.fetch")
public interface FetchConfig {

  /** Comma-separated non-public CIDRs fetching may reach (e.g. 10.0.0.0/8); none by default. */
  Optional<String> allowedPrivateCidrs();

  /** Time to establish one connection. */
  @WithDefault("PT10S")
  Duration connectTimeout();

  /** Longest silence while reading. */
  @WithDefault("PT30S")
  Duration readTimeout();

  /** Whole fetch, redirects and body included, unless a request sets its own. */
  @WithDefault("PT60S")
  Duration totalTimeout();

  /** Largest body kept, on the wire and decoded (10 MiB). */
  @WithDefault("10485760")
  long maxBodyBytes();

  /** Redirects followed per fetch. */
  @WithDefault("10")
  int maxRedirects();

  /** A fixed User-Agent for requests that name none; unset rotates real-browser agents. */
  Optional<String> userAgent();

  /** Keep-alive connections kept across all hosts. */
  @WithDefault("256")
  int maxIdleConnections();

  /**
   * The settings a {@code Fetcher} is built from.
   *
   * @throws IllegalArgumentException naming the setting when allowed-private-cidrs does not parse
   */
  default FetchSettings toSettings() {
    return FetchSettings.defaults()
        .withAllowedPrivateCidrs(AllowedPrivateCidrs.parse(allowedPrivateCidrs().orElse("")))
        .withConnectTimeout(connectTimeout())
        .withReadTimeout(readTimeout())
        .withTotalTimeout(totalTimeout())
        .withMaxBodyBytes(maxBodyBytes())
        .withMaxRedirects(maxRedirects())
        .withUserAgents(
            userAgent()
                .filter(s -> !s.isBlank())
                .map(UserAgents::fixed)
                .orElse(UserAgents.browsers()))
        .withMaxIdleConnections(maxIdleConnections());
  }
}
