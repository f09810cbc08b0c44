package dev.orbweaver.webhook.retention;

import dev.orbweaver.webhook.config.WebhooksConfig;
import dev.orbweaver.webhook.delivery.Deliveries;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.function.IntSupplier;
import org.jboss.logging.Logger;

/**
 * Deletes what webhook-service no longer needs: deliveries final for longer than their retention
 * and event ids received longer ago than theirs. Every event leaves a row in each table (one per
 * crawled page for a crawl with a page webhook), so without this both only grow. Replicas may sweep
 * at once: each batch skips rows another one holds.
 */
@ApplicationScoped
public class RetentionSweeper {
  private static final Logger LOG = Logger.getLogger(RetentionSweeper.class);

  private final Deliveries deliveries;
  private final WebhooksConfig.Retention retention;

  @Inject
  public RetentionSweeper(Deliveries deliveries, WebhooksConfig config) {
    this.deliveries = deliveries;
    this.retention = config.retention();
  }

  @Scheduled(
      every = "${orbweaver.webhooks.retention.every:PT10M}",
      delayed = "1m",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void scheduled() {
    try {
      sweep(Instant.now());
    } catch (RuntimeException e) {
      LOG.warnf("Retention sweep failed, next one in %s: %s", retention.every(), e.getMessage());
    }
  }

  /** One sweep as of {@code now}; returns the rows deleted. */
  public Swept sweep(Instant now) {
    int batch = retention.batch();
    Instant settledBefore = now.minus(retention.deliveries());
    Instant receivedBefore = now.minus(retention.events());
    Swept swept =
        new Swept(
            drain(() -> deliveries.forgetSettled(settledBefore, batch), batch),
            drain(() -> deliveries.forgetReceived(receivedBefore, batch), batch));
    if (swept.deliveries() + swept.events() > 0) {
      LOG.infof(
          "Retention: deleted %d final deliveries and %d received event ids",
          swept.deliveries(), swept.events());
    }
    return swept;
  }

  /** Runs a batch delete until a batch comes back short. */
  private static int drain(IntSupplier batchDelete, int batch) {
    int total = 0;
    int deleted;
    do {
      deleted = batchDelete.getAsInt();
      total += deleted;
    } while (deleted >= batch);
    return total;
  }

  public record Swept(int deliveries, int events) {}
}
