package dev.orbweaver.webhook.intake;

import dev.orbweaver.common.sql.Jdbc;
import dev.orbweaver.webhook.delivery.Deliverer;
import dev.orbweaver.webhook.delivery.Deliveries;
import dev.orbweaver.webhook.subscription.Subscription;
import dev.orbweaver.webhook.subscription.Subscriptions;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Takes crawl events off the Redis Stream with the consumer group {@code webhook-service}: stores
 * them and their deliveries in one transaction, then acknowledges. An entry read but not stored (a
 * crash in between) stays pending and is read again: first this consumer's own pending entries at
 * start, then, every half minute, entries another consumer left idle. Storing is idempotent per
 * event id, so a second read changes nothing.
 */
@ApplicationScoped
public class EventIntake {
  static final String GROUP = "webhook-service";
  private static final Logger LOG = Logger.getLogger(EventIntake.class);
  private static final int BATCH = 200;
  private static final long IDLE_CLAIM_MS = 30_000;

  private final RedisDataSource redis;
  private final Jdbc jdbc;
  private final Deliveries deliveries;
  private final Subscriptions subscriptions;
  private final Deliverer deliverer;
  private final String stream;
  private final String consumer;
  private volatile boolean running;
  private Thread reader;

  @Inject
  public EventIntake(
      RedisDataSource redis,
      DataSource dataSource,
      Deliveries deliveries,
      Subscriptions subscriptions,
      Deliverer deliverer,
      @ConfigProperty(name = "orbweaver.events.stream", defaultValue = "orbweaver:events")
          String stream,
      @ConfigProperty(name = "quarkus.http.port", defaultValue = "8085") int port) {
    this.redis = redis;
    this.jdbc = new Jdbc(dataSource);
    this.deliveries = deliveries;
    this.subscriptions = subscriptions;
    this.deliverer = deliverer;
    this.stream = stream;
    // Stable across restarts of this instance (so it re-reads its own pending entries), distinct
    // from other instances on the same host.
    this.consumer = "webhook-" + hostName() + ":" + port;
  }

  void start(@Observes StartupEvent event) {
    running = true;
    reader = Thread.ofPlatform().name("event-intake").daemon().start(this::readLoop);
  }

  void stop(@Observes ShutdownEvent event) {
    running = false;
    if (reader != null) {
      reader.interrupt();
    }
  }

  private void readLoop() {
    boolean ownPendingRead = false;
    long lastIdleClaim = 0;
    while (running) {
      try {
        ensureGroup();
        if (!ownPendingRead) {
          // What this consumer read before a crash and never acknowledged.
          while (take(read("0", false)) > 0) {}
          ownPendingRead = true;
        }
        if (System.currentTimeMillis() - lastIdleClaim > IDLE_CLAIM_MS) {
          take(entries(autoClaim()));
          lastIdleClaim = System.currentTimeMillis();
        }
        take(read(">", true));
      } catch (RuntimeException e) {
        if (!running) {
          return;
        }
        if (String.valueOf(e.getMessage()).contains("NOGROUP")) {
          groupReady = false; // Redis lost the stream: make the group again
          continue;
        }
        LOG.warnf("event intake paused: %s", e.getMessage());
        sleep(1000);
      }
    }
  }

  private volatile boolean groupReady;

  private void ensureGroup() {
    if (groupReady) {
      return;
    }
    try {
      // From the start of the stream: events published before the group existed are delivered too.
      redis.execute(Command.XGROUP, "CREATE", stream, GROUP, "0", "MKSTREAM");
    } catch (RuntimeException e) {
      if (!String.valueOf(e.getMessage()).contains("BUSYGROUP")) {
        throw e;
      }
    }
    groupReady = true;
  }

  private List<Entry> read(String from, boolean block) {
    List<String> args = new ArrayList<>(List.of("GROUP", GROUP, consumer, "COUNT", "" + BATCH));
    if (block) {
      args.addAll(List.of("BLOCK", "1000"));
    }
    args.addAll(List.of("STREAMS", stream, from));
    Response answer = redis.execute(Command.XREADGROUP, args.toArray(String[]::new));
    if (answer == null) {
      return List.of();
    }
    // RESP3 answers a map stream -> entries, RESP2 a list of [stream, entries].
    Response perStream =
        answer.type() == ResponseType.MULTI && answer.size() > 0 && isMap(answer)
            ? answer.get(stream)
            : answer.size() > 0 ? answer.get(0).get(1) : null;
    return entries(perStream);
  }

  private static boolean isMap(Response answer) {
    try {
      return !answer.getKeys().isEmpty();
    } catch (RuntimeException notAMap) {
      return false;
    }
  }

  private Response autoClaim() {
    Response answer =
        redis.execute(
            Command.XAUTOCLAIM,
            stream,
            GROUP,
            consumer,
            "" + IDLE_CLAIM_MS,
            "0",
            "COUNT",
            "" + BATCH);
    return answer == null || answer.size() < 2 ? null : answer.get(1);
  }

  private static List<Entry> entries(Response list) {
    if (list == null) {
      return List.of();
    }
    List<Entry> out = new ArrayList<>();
    for (Response item : list) {
      if (item == null || item.size() < 2 || item.get(1) == null) {
        continue; // an entry deleted from the stream while pending
      }
      Map<String, String> fields = new HashMap<>();
      Response pairs = item.get(1);
      for (int i = 0; i + 1 < pairs.size(); i += 2) {
        fields.put(pairs.get(i).toString(), pairs.get(i + 1).toString());
      }
      out.add(new Entry(item.get(0).toString(), fields));
    }
    return out;
  }

  /** Stores a batch and acknowledges it; returns how many entries it held. */
  private int take(List<Entry> batch) {
    if (batch.isEmpty()) {
      return 0;
    }
    jdbc.inTransaction(
        c -> {
          for (Entry entry : batch) {
            Optional<Deliveries.Event> event = entry.event();
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
    List<String> ack = new ArrayList<>(List.of(stream, GROUP));
    batch.forEach(e -> ack.add(e.id()));
    redis.execute(Command.XACK, ack.toArray(String[]::new));
    deliverer.wake();
    return batch.size();
  }

  private record Entry(String id, Map<String, String> fields) {
    Optional<Deliveries.Event> event() {
      String eventId = fields.get("event_id");
      String type = fields.get("type");
      String body = fields.get("body");
      if (eventId == null || type == null || body == null) {
        return Optional.empty();
      }
      Instant at;
      try {
        at = Instant.parse(fields.getOrDefault("occurred_at", ""));
      } catch (RuntimeException e) {
        at = Instant.now();
      }
      return Optional.of(new Deliveries.Event(eventId, type, body, at));
    }
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "local";
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
