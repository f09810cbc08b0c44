package dev.orbweaver.webhook.stream;

import dev.orbweaver.webhook.config.WebhooksConfig;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The Redis Stream crawl-service's relay publishes to, as this instance's consumer in the group
 * {@code webhook-service} sees it. Every replica reads different entries, so it is also the one
 * place that knows how far the whole group has stored the stream: an entry read by any consumer
 * stays pending until it is stored and acknowledged.
 */
@ApplicationScoped
public class EventStream {
  public static final String GROUP = "webhook-service";

  private final RedisDataSource redis;
  private final String stream;
  private final String consumer;
  private final AtomicReference<StreamPosition> lastAcknowledged = new AtomicReference<>();
  private volatile boolean groupReady;

  /** An entry as the relay wrote it. */
  public record Entry(String id, Map<String, String> fields) {
    public StreamPosition position() {
      return StreamPosition.of(id);
    }
  }

  @Inject
  public EventStream(
      RedisDataSource redis,
      WebhooksConfig config,
      @ConfigProperty(name = "orbweaver.events.stream", defaultValue = "orbweaver:events")
          String stream,
      @ConfigProperty(name = "quarkus.http.port", defaultValue = "8085") int port) {
    this.redis = redis;
    this.stream = stream;
    // Stable across restarts of this instance (so it re-reads its own pending entries), distinct
    // from other instances on the same host.
    this.consumer = config.consumer().orElse("webhook-" + hostName() + ":" + port);
  }

  public String consumer() {
    return consumer;
  }

  /** Makes the group unless it exists; from the stream's start, so no earlier event is skipped. */
  public void ensureGroup() {
    if (groupReady) {
      return;
    }
    try {
      redis.execute(Command.XGROUP, "CREATE", stream, GROUP, "0", "MKSTREAM");
    } catch (RuntimeException e) {
      if (!String.valueOf(e.getMessage()).contains("BUSYGROUP")) {
        throw e;
      }
    }
    groupReady = true;
  }

  /** Redis lost the stream (NOGROUP): make the group again before the next read. */
  public void lost() {
    groupReady = false;
    lastAcknowledged.set(null);
  }

  /**
   * Reads for this consumer: {@code ">"} for entries nobody has read (waiting up to a second when
   * {@code block}), {@code "0"} for this consumer's own unacknowledged ones.
   */
  public List<Entry> read(String from, int count, boolean block) {
    List<String> args = new ArrayList<>(List.of("GROUP", GROUP, consumer, "COUNT", "" + count));
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

  /** Takes over entries another consumer (a crashed replica) left unacknowledged this long. */
  public List<Entry> claimIdle(long idleMs, int count) {
    Response answer =
        redis.execute(
            Command.XAUTOCLAIM, stream, GROUP, consumer, "" + idleMs, "0", "COUNT", "" + count);
    return answer == null || answer.size() < 2 ? List.of() : entries(answer.get(1));
  }

  public void acknowledge(List<Entry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    List<String> args = new ArrayList<>(List.of(stream, GROUP));
    entries.forEach(e -> args.add(e.id()));
    redis.execute(Command.XACK, args.toArray(String[]::new));
    entries.stream()
        .map(Entry::position)
        .max(StreamPosition::compareTo)
        .ifPresent(
            p ->
                lastAcknowledged.accumulateAndGet(
                    p, (before, now) -> before == null ? now : StreamPosition.max(before, now)));
  }

  /**
   * The first entry some consumer of the group has read but not yet stored, or {@link
   * StreamPosition#END} when every entry read is stored. Everything before it is in PostgreSQL.
   */
  public StreamPosition firstUnstored() {
    // XPENDING's summary: [count, smallest id, greatest id, consumers]
    Response summary = redis.execute(Command.XPENDING, stream, GROUP);
    if (summary == null || summary.size() < 2 || summary.get(0).toLong() == 0) {
      return StreamPosition.END;
    }
    return StreamPosition.of(summary.get(1).toString());
  }

  /**
   * Drops entries that are stored (they live in PostgreSQL from then on), so that the stream does
   * not grow forever: those before both the first unstored entry and the last one this consumer
   * acknowledged (which bounds what has been read at all).
   */
  public void trimStored() {
    StreamPosition acknowledged = lastAcknowledged.get();
    if (acknowledged == null) {
      return;
    }
    StreamPosition upTo = StreamPosition.min(acknowledged, firstUnstored());
    redis.execute(Command.XTRIM, stream, "MINID", "~", upTo.toString());
  }

  /**
   * Leaves the group at shutdown when this consumer holds no unacknowledged entry, so that
   * consumers of instances long gone do not pile up; one that holds entries stays, to be re-read.
   */
  public void leaveIfIdle() {
    Response own = redis.execute(Command.XPENDING, stream, GROUP, "-", "+", "1", consumer);
    if (own == null || own.size() == 0) {
      redis.execute(Command.XGROUP, "DELCONSUMER", stream, GROUP, consumer);
    }
  }

  private static boolean isMap(Response answer) {
    try {
      return !answer.getKeys().isEmpty();
    } catch (RuntimeException notAMap) {
      return false;
    }
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

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "local";
    }
  }
}
