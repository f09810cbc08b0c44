package dev.orbweaver.webhook.intake;

import dev.orbweaver.common.sql.Jdbc;
import dev.orbweaver.webhook.config.WebhooksConfig;
import dev.orbweaver.webhook.delivery.Deliverer;
import dev.orbweaver.webhook.delivery.Deliveries;
import dev.orbweaver.webhook.stream.EventStream;
import dev.orbweaver.webhook.subscription.Subscription;
import dev.orbweaver.webhook.subscription.Subscriptions;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Takes crawl events off the Redis Stream with the consumer group {@code webhook-service}: stores
 * them and their deliveries in one transaction, then acknowledges. An entry read but not stored (a
 * crash in between) stays pending and is read again: first this consumer's own pending entries at
 * start, then, periodically, entries another consumer left idle. Storing is idempotent per event
 * id, so a second read changes nothing.
 */
@ApplicationScoped
public class EventIntake {
  private static final Logger LOG = Logger.getLogger(EventIntake.class);
  private static final int BATCH = 200;

  private final EventStream stream;
  private final Jdbc jdbc;
  private final Deliveries deliveries;
  private final Subscriptions subscriptions;
  private final Deliverer deliverer;
  private final long idleClaimMs;
  private volatile boolean running;
  private Thread reader;

  @Inject
  public EventIntake(
      EventStream stream,
      DataSource dataSource,
      Deliveries deliveries,
      Subscriptions subscriptions,
      Deliverer deliverer,
      WebhooksConfig config) {
    this.stream = stream;
    this.jdbc = new Jdbc(dataSource);
    this.deliveries = deliveries;
    this.subscriptions = subscriptions;
    this.deliverer = deliverer;
    this.idleClaimMs = config.idleClaim().toMillis();
  }

  void start(@Observes StartupEvent event) {
    running = true;
    reader = Thread.ofPlatform().name("event-intake").daemon().start(this::readLoop);
  }

  void stop(@Observes ShutdownEvent event) {
    running = false;
    if (reader == null) {
      return;
    }
    reader.interrupt();
    try {
      reader.join(2000);
      stream.leaveIfIdle();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException redisGone) {
      // nothing to tidy without Redis
    }
  }

  private void readLoop() {
    boolean ownPendingRead = false;
    long lastIdleClaim = 0;
    while (running) {
      try {
        stream.ensureGroup();
        if (!ownPendingRead) {
          // What this consumer read before a crash and never acknowledged.
          while (take(stream.read("0", BATCH, false)) > 0) {}
          ownPendingRead = true;
        }
        if (System.currentTimeMillis() - lastIdleClaim > idleClaimMs) {
          take(stream.claimIdle(idleClaimMs, BATCH));
          stream.trimStored();
          lastIdleClaim = System.currentTimeMillis();
        }
        take(stream.read(">", BATCH, true));
      } catch (RuntimeException e) {
        if (!running) {
          return;
        }
        if (String.valueOf(e.getMessage()).contains("NOGROUP")) {
          stream.lost();
          continue;
        }
        LOG.warnf("event intake paused: %s", e.getMessage());
        sleep(1000);
      }
    }
  }

  /** Stores a batch and acknowledges it; returns how many entries it held. */
  private int take(List<EventStream.Entry> batch) {
    if (batch.isEmpty()) {
      return 0;
    }
    jdbc.inTransaction(
        c -> {
          for (EventStream.Entry entry : batch) {
            Optional<Deliveries.Event> event = event(entry);
            if (event.isEmpty()) {
              LOG.warnf("dropping malformed stream entry %s", entry.id());
              continue;
            }
            List<Subscription> targets = new ArrayList<>();
            for (String id : entry.fields().getOrDefault("subscription_ids", "").split(",")) {
              if (!id.isBlank()) {
                subscriptions.find(c, id.strip()).ifPresent(targets::add);
              }
            }
            deliveries.record(c, event.get(), targets);
          }
          return null;
        });
    stream.acknowledge(batch);
    deliverer.wake();
    return batch.size();
  }

  private static Optional<Deliveries.Event> event(EventStream.Entry entry) {
    String eventId = entry.fields().get("event_id");
    String type = entry.fields().get("type");
    String body = entry.fields().get("body");
    if (eventId == null || type == null || body == null) {
      return Optional.empty();
    }
    Instant at;
    try {
      at = Instant.parse(entry.fields().getOrDefault("occurred_at", ""));
    } catch (RuntimeException e) {
      at = Instant.now();
    }
    return Optional.of(new Deliveries.Event(eventId, type, body, at, entry.position()));
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
