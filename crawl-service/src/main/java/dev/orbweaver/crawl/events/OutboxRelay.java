package dev.orbweaver.crawl.events;

import dev.orbweaver.common.service.InternalHttp;
import dev.orbweaver.common.sql.Jdbc;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.vertx.mutiny.redis.client.Command;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Array;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows, in order, to the Redis Stream webhook-service consumes, then marks them
 * published. A crash in between publishes a row twice; consumers dedupe by event id. Rows webhook-
 * service has not confirmed a minute later (a Redis that lost its stream) are published again.
 */
@ApplicationScoped
public class OutboxRelay {
  private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
  private static final Duration CONFIRM_AFTER = Duration.ofMinutes(1);
  private static final long RELAY_PAUSE_MS = 200;

  private final Jdbc jdbc;
  private final OutboxSignal signal;
  private final RedisDataSource redis;
  private final InternalHttp http;
  private final String stream;
  private final String webhookService;
  private volatile boolean running;
  private Thread relay;

  @Inject
  public OutboxRelay(
      DataSource dataSource,
      RedisDataSource redis,
      InternalHttp http,
      @ConfigProperty(name = "orbweaver.events.stream", defaultValue = "orbweaver:events")
          String stream,
      @ConfigProperty(name = "orbweaver.webhook.url", defaultValue = "http://127.0.0.1:8085")
          String webhookService) {
    this.jdbc = new Jdbc(dataSource);
    this.signal = new OutboxSignal(dataSource);
    this.redis = redis;
    this.http = http;
    this.stream = stream;
    this.webhookService = webhookService;
  }

  /**
   * Events should reach receivers at once: the relay publishes when a commit signals new events,
   * and looks five times a second anyway (rows a signal missed, or a database without one).
   */
  void start(@Observes StartupEvent event) {
    running = true;
    relay = Thread.ofPlatform().name("outbox-relay").daemon().start(this::relayLoop);
  }

  void stop(@Observes ShutdownEvent event) {
    running = false;
    if (relay != null) {
      relay.interrupt();
    }
  }

  private void relayLoop() {
    try (signal) {
      relayUntilStopped();
    }
  }

  private void relayUntilStopped() {
    while (running) {
      try {
        if (publishBatch() < 500) {
          signal.await(RELAY_PAUSE_MS);
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        LOG.debugf("outbox relay paused: %s", e.getMessage());
        try {
          Thread.sleep(1000);
        } catch (InterruptedException stop) {
          return;
        }
      }
    }
  }

  @Scheduled(every = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void reconcile() {
    try {
      confirmOrRepublish(Instant.now());
    } catch (RuntimeException e) {
      LOG.debugf("outbox reconciliation paused: %s", e.getMessage());
    }
  }

  /** Publishes up to 500 rows; returns how many. */
  int publishBatch() {
    return jdbc.inTransaction(
        c -> {
          List<Row> rows =
              Jdbc.list(
                  c,
                  "select seq, event_id, type, account_id, subscription_ids, body::text as body, occurred_at"
                      + " from outbox where published_at is null order by seq limit 500"
                      + " for update skip locked",
                  rs ->
                      new Row(
                          rs.getLong("seq"),
                          rs.getString("event_id"),
                          rs.getString("type"),
                          rs.getLong("account_id"),
                          join(rs.getArray("subscription_ids")),
                          rs.getString("body"),
                          Jdbc.instant(rs, "occurred_at")));
          for (Row row : rows) {
            publish(row);
          }
          if (!rows.isEmpty()) {
            Jdbc.update(
                c,
                "update outbox set published_at = now() where seq = any(?)",
                c.createArrayOf("bigint", rows.stream().map(Row::seq).toArray()));
          }
          return rows.size();
        });
  }

  void confirmOrRepublish(Instant now) {
    List<Row> unconfirmed =
        jdbc.withConnection(
            c ->
                Jdbc.list(
                    c,
                    "select seq, event_id, type, account_id, subscription_ids, body::text as body, occurred_at"
                        + " from outbox where confirmed_at is null and published_at < ? order by seq limit 200",
                    rs ->
                        new Row(
                            rs.getLong("seq"),
                            rs.getString("event_id"),
                            rs.getString("type"),
                            rs.getLong("account_id"),
                            join(rs.getArray("subscription_ids")),
                            rs.getString("body"),
                            Jdbc.instant(rs, "occurred_at")),
                    now.minus(CONFIRM_AFTER)));
    List<Long> confirmed = new ArrayList<>();
    for (Row row : unconfirmed) {
      InternalHttp.Answer answer = http.get(webhookService, "/internal/v1/events/" + row.eventId());
      if (answer.status() == 200) {
        confirmed.add(row.seq());
      } else if (answer.status() == 404) {
        publish(row);
      }
    }
    if (!confirmed.isEmpty()) {
      jdbc.withConnection(
          c ->
              Jdbc.update(
                  c,
                  "update outbox set confirmed_at = now() where seq = any(?)",
                  c.createArrayOf("bigint", confirmed.toArray())));
    }
  }

  private void publish(Row row) {
    redis.execute(
        Command.XADD,
        stream,
        "*",
        "event_id",
        row.eventId(),
        "type",
        row.type(),
        "account_id",
        Long.toString(row.accountId()),
        "subscription_ids",
        row.subscriptions(),
        "body",
        row.body(),
        "occurred_at",
        row.occurredAt().toString());
  }

  private static String join(Array array) throws java.sql.SQLException {
    return array == null ? "" : String.join(",", (String[]) array.getArray());
  }

  private record Row(
      long seq,
      String eventId,
      String type,
      long accountId,
      String subscriptions,
      String body,
      Instant occurredAt) {}
}
