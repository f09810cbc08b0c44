package dev.orbweaver.webhook.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * How webhook-service takes events and delivers them; webhook-service/README.md maps each setting
 * to its environment variable ({@code orbweaver.webhooks.per-target} ← {@code
 * ORBWEAVER_WEBHOOKS_PER_TARGET}). Not {@code orbweaver.webhook}: that is crawl-service's address
 * of this service.
 */
@ConfigMapping(prefix = "orbweaver.webhooks")
public interface WebhooksConfig {

  /** Delivery attempts in flight at once, each on its own virtual thread. */
  @WithDefault("1024")
  int inFlight();

  /**
   * Attempts in flight at once to one target (scheme, host and port), so a slow one stays alone.
   */
  @WithDefault("64")
  int perTarget();

  /** Time to connect to a receiver. */
  @WithDefault("PT5S")
  Duration connectTimeout();

  /** Whole attempt, from connecting to the last byte of the answer. */
  @WithDefault("PT10S")
  Duration callTimeout();

  /** How long a claimed delivery is this instance's; a killed instance's come back after it. */
  @WithDefault("PT30S")
  Duration lease();

  /** How long an entry stays unacknowledged with another consumer before this one takes it over. */
  @WithDefault("PT30S")
  Duration idleClaim();

  /**
   * This instance's consumer name in the group; default {@code webhook-<host>:<port>}, stable
   * across restarts so that entries read before a crash are read again at start.
   */
  Optional<String> consumer();

  Retention retention();

  /**
   * What is kept of events and deliveries once they are done with; pending work is never dropped.
   */
  interface Retention {
    /**
     * How long a delivered or dead delivery (its body, attempts, last error) is kept after it
     * became final. A crawl's terminal event stays as long as its subscription: crawl status shows
     * it.
     */
    @WithDefault("P7D")
    Duration deliveries();

    /**
     * How long an event id is remembered as received; crawl-service's relay asks within minutes.
     */
    @WithDefault("P7D")
    Duration events();

    /** How often the sweeper runs ({@code orbweaver.webhooks.retention.every}). */
    @WithDefault("PT10M")
    Duration every();

    /** Rows one statement deletes at most, so that a sweep never holds many locks at once. */
    @WithDefault("5000")
    int batch();
  }
}
