package dev.orbweaver.gateway.mcp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Which API key opened each MCP session: a session answers only to the key that opened it, so a
 * session id that leaks (a log, a shared proxy) is worth nothing with another key. Sessions live in
 * the memory of the replica that opened them, and so do their owners; an owner is forgotten once
 * its session has been idle for as long as the MCP server keeps idle sessions.
 */
@ApplicationScoped
public class McpSessionOwners {
  /** Past this many owners, a new session is not recorded (and so not usable): a flood's limit. */
  static final int MAX_SESSIONS = 100_000;

  private final Clock clock;
  private final Duration idle;
  private final Map<String, Owner> owners = new ConcurrentHashMap<>();
  private volatile Instant nextSweep = Instant.EPOCH;

  @Inject
  public McpSessionOwners(
      @ConfigProperty(name = "quarkus.mcp.server.connection-idle-timeout", defaultValue = "30M")
          Duration idle) {
    this(Clock.systemUTC(), idle.isPositive() ? idle : Duration.ofDays(1));
  }

  McpSessionOwners(Clock clock, Duration idle) {
    this.clock = clock;
    this.idle = idle;
  }

  /** Records the key that opened a session. */
  public void opened(String session, String keyId) {
    if (hasRoom()) {
      owners.put(session, new Owner(keyId, clock.instant()));
    }
  }

  /** Whether the session is known and was opened with this key; a use keeps it alive. */
  public boolean ownedBy(String session, String keyId) {
    Instant now = clock.instant();
    Owner owner = owners.computeIfPresent(session, (s, o) -> alive(o, now) ? o.usedAt(now) : null);
    return owner != null && owner.keyId().equals(keyId);
  }

  /**
   * The legacy SSE transport names its session only in the event stream, out of the gateway's
   * sight: the first key to use the session becomes its owner. Its id is random and reaches only
   * the stream that opened it, whose client uses it at once.
   */
  public boolean claimedBy(String session, String keyId) {
    if (hasRoom()) {
      owners.putIfAbsent(session, new Owner(keyId, clock.instant()));
    }
    return ownedBy(session, keyId);
  }

  /** Forgets a session its client ended. */
  public void closed(String session) {
    owners.remove(session);
  }

  /** Whether a new owner may be recorded; one that is not leaves its session unusable. */
  private boolean hasRoom() {
    sweep(clock.instant());
    return owners.size() < MAX_SESSIONS;
  }

  private boolean alive(Owner owner, Instant now) {
    return now.isBefore(owner.usedAt().plus(idle));
  }

  private void sweep(Instant now) {
    if (owners.size() > MAX_SESSIONS / 2 && !now.isBefore(nextSweep)) {
      nextSweep = now.plusSeconds(1); // at most once a second: a flood must not sweep per call
      owners.values().removeIf(o -> !alive(o, now));
    }
  }

  private record Owner(String keyId, Instant usedAt) {
    Owner usedAt(Instant now) {
      return new Owner(keyId, now);
    }
  }
}
