package dev.orbweaver.auth.key;

import dev.orbweaver.common.sql.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Keeps {@code last_used_at} fresh to the minute without a write per request: a key's use is
 * written at most once a minute per replica, off the request path.
 */
@ApplicationScoped
public class KeyUsage {
  private static final Logger LOG = Logger.getLogger(KeyUsage.class);
  static final Duration RESOLUTION = Duration.ofMinutes(1);

  private final Jdbc jdbc;
  private final KeyRepository keys;
  private final Clock clock;
  private final ConcurrentHashMap<String, Instant> lastWritten = new ConcurrentHashMap<>();
  private final ExecutorService writer = Executors.newVirtualThreadPerTaskExecutor();

  @Inject
  public KeyUsage(DataSource dataSource, KeyRepository keys, Clock clock) {
    this.jdbc = new Jdbc(dataSource);
    this.keys = keys;
    this.clock = clock;
  }

  public void used(String keyId) {
    Instant now = clock.instant();
    Instant previous = lastWritten.get(keyId);
    if (previous != null && previous.plus(RESOLUTION).isAfter(now)) {
      return;
    }
    if (previous == null
        ? lastWritten.putIfAbsent(keyId, now) != null
        : !lastWritten.replace(keyId, previous, now)) {
      return; // another request of the same key won the race and writes it
    }
    writer.submit(
        () -> {
          try {
            jdbc.withConnection(
                c -> {
                  keys.touch(c, keyId, now);
                  return null;
                });
          } catch (RuntimeException e) {
            LOG.warnf("Could not record the use of key %s: %s", keyId, e.getMessage());
          }
        });
  }

  @jakarta.annotation.PreDestroy
  void close() {
    writer.shutdown();
  }
}
