package dev.orbweaver.crawl.politeness;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.orbweaver.crawl.config.CrawlConfig;
import dev.orbweaver.fetch.config.FetchConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Per-host politeness shared by every worker through Redis: at most N requests in flight to a host
 * and at least the delay between two starts. In-flight requests are tokens with an expiry, so a
 * worker that dies mid-request cannot hold a host hostage. Redis time is the clock, so workers on
 * different machines agree. While Redis is unreachable each worker keeps the same rules locally.
 *
 * <p>In front of Redis each worker gates a host locally at the operator's per-host ceiling, so a
 * worker never has more requests waiting on Redis for a host than it could run there: surplus
 * threads park on the gate instead of polling Redis, and a release is never lost to a busy
 * connection pool (a lost release would hold a host's slot until the token expires).
 *
 * <p>Gates live in a bounded cache, not a map of every host ever crawled: a host idle for a while
 * is forgotten, and past {@code host-gates} hosts the least used go. A permit remembers the gate it
 * was taken from, so a gate forgotten while requests are in flight takes their releases back, and a
 * thread that took a gate forgotten meanwhile moves to the host's current one.
 */
@ApplicationScoped
public class HostPoliteness {
  private static final Logger LOG = Logger.getLogger(HostPoliteness.class);

  /** How much longer than the longest fetch an in-flight token lives. */
  private static final Duration TOKEN_MARGIN = Duration.ofSeconds(10);

  private static final String ACQUIRE =
      "local t = redis.call('TIME') "
          + "local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) "
          + "redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now) "
          + "if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return -50 end "
          + "local nxt = tonumber(redis.call('GET', KEYS[2]) or '0') "
          + "if nxt > now then return -(nxt - now) end "
          + "local delay = tonumber(ARGV[1]) "
          + "if delay > 0 then redis.call('SET', KEYS[2], now + delay, 'PX', delay + 1000) end "
          + "redis.call('ZADD', KEYS[1], now + tonumber(ARGV[4]), ARGV[3]) "
          + "redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[4]) + 1000) "
          + "return 1";

  private static final int RELEASE_ATTEMPTS = 3;

  private final RedisDataSource redis;
  private final ReactiveRedisDataSource reactive;
  private final int ceiling;

  /**
   * In-flight tokens outlive the longest fetch (the total time limit) by a margin and no more: the
   * tokens of a worker killed mid-request hold their host's slots until they expire.
   */
  private final Duration tokenLifetime;

  private final Cache<String, Semaphore> gates;
  private final Cache<String, LocalHost> local;
  private final String tokenPrefix = ProcessHandle.current().pid() + ":";
  private final AtomicLong tokens = new AtomicLong();
  private volatile String scriptSha;

  @Inject
  public HostPoliteness(
      RedisDataSource redis,
      ReactiveRedisDataSource reactive,
      CrawlConfig config,
      FetchConfig fetch) {
    this(
        redis,
        reactive,
        config.maxInFlightPerHost(),
        fetch.totalTimeout().plus(TOKEN_MARGIN),
        config.hostGates(),
        config.idleHostGate(),
        Ticker.systemTicker());
  }

  HostPoliteness(
      RedisDataSource redis,
      ReactiveRedisDataSource reactive,
      int ceiling,
      Duration tokenLifetime,
      long hostGates,
      Duration idleHostGate,
      Ticker ticker) {
    this.redis = redis;
    this.reactive = reactive;
    this.tokenLifetime = tokenLifetime;
    this.ceiling = Math.max(1, ceiling);
    this.gates =
        Caffeine.newBuilder()
            .maximumSize(hostGates)
            .expireAfterAccess(idleHostGate)
            .ticker(ticker)
            .executor(Runnable::run)
            .build();
    this.local =
        Caffeine.newBuilder()
            .maximumSize(hostGates)
            .expireAfterAccess(idleHostGate)
            .ticker(ticker)
            .executor(Runnable::run)
            .build();
  }

  /**
   * Waits until the host may be fetched; the returned permit must be released when the request
   * ends.
   */
  public Permit acquire(String host, long delayMs, int maxInFlight) throws InterruptedException {
    String key = host.toLowerCase(Locale.ROOT);
    Semaphore gate = enter(key);
    String token = tokenPrefix + tokens.incrementAndGet();
    try {
      while (true) {
        long wait;
        try {
          wait = tryRedis(key, delayMs, maxInFlight, token);
          if (wait == 0) {
            return new Permit(key, token, gate, null);
          }
        } catch (RuntimeException redisDown) {
          LOG.debugf(
              "politeness via Redis failed (%s); keeping it locally", redisDown.getMessage());
          LocalHost here = local.get(key, k -> new LocalHost());
          wait = here.tryAcquire(delayMs, maxInFlight);
          if (wait == 0) {
            return new Permit(key, token, gate, here);
          }
        }
        Thread.sleep(Math.max(1, Math.min(wait, 1000)));
      }
    } catch (InterruptedException | RuntimeException e) {
      gate.release();
      throw e;
    }
  }

  /**
   * Gives the host's slot back. The fetch goes on at once; the local gate opens when Redis has the
   * slot back, so this worker's next request to the host never finds its own slot still taken.
   */
  public void release(Permit permit) {
    Semaphore gate = permit.gate;
    if (permit.local != null) {
      permit.local.inFlight.decrementAndGet();
      gate.release();
      return;
    }
    try {
      reactive
          .execute(Command.ZREM, inFlightKey(permit.host), permit.token)
          .onFailure()
          .retry()
          .withBackOff(Duration.ofMillis(20))
          .atMost(RELEASE_ATTEMPTS - 1)
          .subscribe()
          .with(
              released -> gate.release(),
              failure -> {
                LOG.warnf(
                    "could not release a politeness token for %s (%s); it expires by itself",
                    permit.host, failure.getMessage());
                gate.release();
              });
    } catch (RuntimeException e) {
      gate.release();
      throw e;
    }
  }

  /**
   * Takes a place at the host's gate. A gate the cache forgot while this thread waited is no longer
   * the one the next caller finds: the place is given back and taken at the current gate.
   */
  private Semaphore enter(String key) throws InterruptedException {
    while (true) {
      Semaphore gate = gates.get(key, k -> new Semaphore(ceiling, true));
      gate.acquire();
      if (gates.getIfPresent(key) == gate) {
        return gate;
      }
      gate.release();
    }
  }

  /** Hosts whose gates this worker keeps now (for tests and metrics). */
  long hostsKept() {
    gates.cleanUp();
    return gates.estimatedSize();
  }

  /** Free places at a host's current gate, or the ceiling when it has none. */
  int freePlaces(String host) {
    Semaphore gate = gates.getIfPresent(host.toLowerCase(Locale.ROOT));
    return gate == null ? ceiling : gate.availablePermits();
  }

  private long tryRedis(String host, long delayMs, int maxInFlight, String token) {
    String sha = scriptSha;
    if (sha == null) {
      sha = redis.execute(Command.SCRIPT, "LOAD", ACQUIRE).toString();
      scriptSha = sha;
    }
    Response answer;
    try {
      answer =
          redis.execute(
              Command.EVALSHA,
              sha,
              "2",
              inFlightKey(host),
              "crawl:host:" + host + ":next",
              Long.toString(delayMs),
              Integer.toString(maxInFlight),
              token,
              Long.toString(tokenLifetime.toMillis()));
    } catch (RuntimeException e) {
      if (e.getMessage() != null && e.getMessage().contains("NOSCRIPT")) {
        scriptSha = null; // Redis restarted empty: load the script again
        return 1;
      }
      throw e;
    }
    long result = answer.toLong();
    return result == 1 ? 0 : -result;
  }

  private static String inFlightKey(String host) {
    return "crawl:host:" + host + ":inflight";
  }

  /**
   * Leave to fetch a host, released when the request ends: the Redis token (or the local count when
   * Redis was away) and the gate it was taken at.
   */
  public static final class Permit {
    private final String host;
    private final String token;
    private final Semaphore gate;
    private final LocalHost local;

    private Permit(String host, String token, Semaphore gate, LocalHost local) {
      this.host = host;
      this.token = token;
      this.gate = gate;
      this.local = local;
    }
  }

  /** The same rules in one JVM, for when Redis is away. */
  private static final class LocalHost {
    private final AtomicInteger inFlight = new AtomicInteger();
    private long next;

    synchronized long tryAcquire(long delayMs, int maxInFlight) {
      long now = System.currentTimeMillis();
      if (inFlight.get() >= maxInFlight) {
        return 50;
      }
      if (next > now) {
        return next - now;
      }
      next = now + delayMs;
      inFlight.incrementAndGet();
      return 0;
    }
  }
}
