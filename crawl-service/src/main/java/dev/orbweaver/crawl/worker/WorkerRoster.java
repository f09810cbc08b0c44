package dev.orbweaver.crawl.worker;

import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The crawl workers alive right now, in Redis: each renews its entry every second and reads the
 * others'. A worker claims first from the crawls that fall to it ({@link Share}), so that while
 * every worker is busy each crawl is worked by one of them: its results reach PostgreSQL in full
 * batches, its claims and writes do not wait on another worker's row locks, and its host's
 * politeness slots are not fought over. A preference, not a partition: a worker with room left
 * takes from any crawl, and a worker that stops renewing drops out within {@link #TTL}.
 */
@ApplicationScoped
public class WorkerRoster {
  private static final Logger LOG = Logger.getLogger(WorkerRoster.class);
  private static final String KEY = "crawl:workers";
  private static final Duration TTL = Duration.ofSeconds(5);
  private static final Duration RENEW_EVERY = Duration.ofSeconds(1);

  /** Renews this worker's entry, drops expired ones (Redis time), and lists the live workers. */
  private static final String RENEW =
      "local t = redis.call('TIME') "
          + "local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) "
          + "redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1]) "
          + "redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now) "
          + "redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]) * 2) "
          + "return redis.call('ZRANGE', KEYS[1], 0, -1)";

  private final RedisDataSource redis;
  private final String key;
  private volatile String worker;
  private volatile Share share = Share.ALONE;
  private Thread renewer;

  @Inject
  public WorkerRoster(RedisDataSource redis) {
    this(redis, KEY);
  }

  WorkerRoster(RedisDataSource redis, String key) {
    this.redis = redis;
    this.key = key;
  }

  /** Enters the roster and keeps this worker's entry alive until {@link #leave()}. */
  public synchronized void join(String workerId) {
    worker = workerId;
    renew();
    renewer =
        Thread.ofPlatform()
            .name("crawl-roster")
            .daemon()
            .start(
                () -> {
                  while (!Thread.currentThread().isInterrupted()) {
                    try {
                      Thread.sleep(RENEW_EVERY);
                    } catch (InterruptedException e) {
                      return;
                    }
                    renew();
                  }
                });
  }

  /** Leaves at once, so the others take this worker's crawls over without waiting out the TTL. */
  public synchronized void leave() {
    if (renewer != null) {
      renewer.interrupt();
      renewer = null;
    }
    String me = worker;
    worker = null;
    share = Share.ALONE;
    if (me != null) {
      try {
        redis.execute(Command.ZREM, key, me);
      } catch (RuntimeException e) {
        LOG.debugf("could not leave the worker roster (%s); the entry expires", e.getMessage());
      }
    }
  }

  /** Which crawls fall to this worker now. */
  public Share share() {
    return share;
  }

  /** Renews this worker's entry and recomputes its share; alone while Redis cannot be asked. */
  void renew() {
    String me = worker;
    if (me == null) {
      return;
    }
    try {
      Response live =
          redis.execute(Command.EVAL, RENEW, "1", key, me, Long.toString(TTL.toMillis()));
      List<String> workers = new ArrayList<>();
      for (Response entry : live) {
        workers.add(entry.toString());
      }
      workers.sort(null); // every worker must see the same order
      int index = workers.indexOf(me);
      share = index < 0 ? Share.ALONE : new Share(index, workers.size());
    } catch (RuntimeException e) {
      LOG.debugf("worker roster unavailable (%s); claiming from every crawl", e.getMessage());
      share = Share.ALONE;
    }
  }

  /**
   * This worker's place among {@code count} live workers: the crawls whose id leaves {@code index}
   * when divided by {@code count} fall to it (crawl ids are handed out in sequence, so the shares
   * are even).
   */
  public record Share(int index, int count) {
    public static final Share ALONE = new Share(0, 1);

    public boolean owns(long crawlId) {
      return crawlId % count == index;
    }
  }
}
