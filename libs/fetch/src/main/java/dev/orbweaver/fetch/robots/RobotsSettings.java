package dev.orbweaver.fetch.robots;

import java.time.Duration;

/**
 * How robots.txt is fetched and kept.
 *
 * @param agentName the product token our rules are looked up by ({@code User-agent: orbweaver})
 * @param cacheTtl how long a fetched or unavailable robots.txt is used (at most 24 h, RFC 9309)
 * @param unreachableTtl how long an unreachable one keeps everything disallowed before retrying
 * @param maxBytes how much of a robots.txt is read (RFC 9309 asks for at least 500 KiB)
 * @param maxRedirects redirects followed for robots.txt (RFC 9309: at least five)
 */
public record RobotsSettings(
    String agentName, Duration cacheTtl, Duration unreachableTtl, long maxBytes, int maxRedirects) {

  private static final Duration MAX_TTL = Duration.ofHours(24);

  public RobotsSettings {
    if (agentName == null || agentName.isBlank() || !agentName.matches("[a-zA-Z_-]+")) {
      throw new IllegalArgumentException(
          "a robots agent name is a product token of letters, '_' and '-', not '"
              + agentName
              + "'");
    }
    if (cacheTtl.isNegative() || cacheTtl.compareTo(MAX_TTL) > 0) {
      throw new IllegalArgumentException("robots.txt may be cached for at most 24 hours");
    }
    if (unreachableTtl.isNegative() || unreachableTtl.compareTo(MAX_TTL) > 0) {
      throw new IllegalArgumentException(
          "an unreachable robots.txt is remembered at most 24 hours");
    }
    if (maxBytes < 500 * 1024) {
      throw new IllegalArgumentException("RFC 9309 asks to read at least 500 KiB of robots.txt");
    }
  }

  /** Agent "orbweaver", 24 h, 1 h for unreachable, 512 KiB, 5 redirects. */
  public static RobotsSettings defaults() {
    return new RobotsSettings("orbweaver", MAX_TTL, Duration.ofHours(1), 512 * 1024, 5);
  }

  public RobotsSettings withAgentName(String value) {
    return new RobotsSettings(value, cacheTtl, unreachableTtl, maxBytes, maxRedirects);
  }
}
