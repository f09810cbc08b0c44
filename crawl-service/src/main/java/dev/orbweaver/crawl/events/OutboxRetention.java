package dev.orbweaver.crawl.events;

import dev.orbweaver.common.sql.Jdbc;
import dev.orbweaver.crawl.config.CrawlConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Deletes outbox rows published longer ago than the retention period. A crawl with a webhook writes
 * a row per page, and nothing reads a row once the relay has published it and webhook-service has
 * had days to confirm it, so the table would otherwise only grow. Rows not yet published are never
 * deleted: they have yet to reach the stream.
 */
@ApplicationScoped
public class OutboxRetention {
  private static final Logger LOG = Logger.getLogger(OutboxRetention.class);

  /** Rows deleted per statement: short transactions that never hold the table for long. */
  private static final int BATCH = 5_000;

  private final Jdbc jdbc;
  private final CrawlConfig config;

  @Inject
  public OutboxRetention(DataSource dataSource, CrawlConfig config) {
    this.jdbc = new Jdbc(dataSource);
    this.config = config;
  }

  @Scheduled(
      every = "10m",
      delayed = "1m",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void sweep() {
    try {
      int deleted = purge(Instant.now());
      if (deleted > 0) {
        LOG.infof(
            "Deleted %d outbox events published more than %s ago",
            deleted, config.outboxRetention());
      }
    } catch (RuntimeException e) {
      LOG.debugf("outbox retention paused: %s", e.getMessage());
    }
  }

  /** Deletes the rows published before {@code now} minus the retention period; returns how many. */
  public int purge(Instant now) {
    Instant cutoff = now.minus(config.outboxRetention());
    int total = 0;
    while (true) {
      // Oldest first through the primary key: published rows are at the front of the table.
      int deleted =
          jdbc.withConnection(
              c ->
                  Jdbc.update(
                      c,
                      "delete from outbox where seq in (select seq from outbox"
                          + " where published_at < ? order by seq limit ?)",
                      cutoff,
                      BATCH));
      total += deleted;
      if (deleted < BATCH) {
        return total;
      }
    }
  }
}
