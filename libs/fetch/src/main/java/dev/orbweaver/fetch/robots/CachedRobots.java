package dev.orbweaver.fetch.robots;

import java.time.Instant;

/**
 * A robots.txt as a {@link RobotsCache} stores it: the outcome, the bytes (empty unless fetched)
 * and when the entry stops being usable.
 */
public record CachedRobots(RobotsStatus status, byte[] body, Instant expiresAt) {

  public CachedRobots {
    body = body == null ? new byte[0] : body;
  }

  public boolean isExpired(Instant now) {
    return !now.isBefore(expiresAt);
  }
}
