package dev.orbweaver.crawl.politeness;

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
import java.util.concurrent.ConcurrentHashMap;
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

  private final ConcurrentHashMap<String, Semaphore> gates = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, LocalHost> local = new ConcurrentHashMap<>();
  private final String tokenPrefix = ProcessHandle.current().pid() + ":";
  private final AtomicLong tokens = new AtomicLong();
  private volatile String scriptSha;

  @Inject
  public HostPoliteness(
      RedisDataSource redis,
      ReactiveRedisDataSource reactive,
      CrawlConfig config,
      FetchConfig fetch) {
    this.redis = redis;
    this.reactive = reactive;
    this.tokenLifetime = fetch.totalTimeout().plus(TOKEN_MARGIN);
    this.ceiling = Math.max(1, config.maxInFlightPerHost());
  }

  /**
   * Waits until the host may be fetched; the returned permit must be released when the request
   * ends.
   */
  public Permit acquire(String host, long delayMs, int maxInFlight) throws InterruptedException {
    String key = host.toLowerCase(Locale.ROOT);
    Semaphore gate = gates.computeIfAbsent(key, k -> new Semaphore(ceiling, true));
    gate.acquire();
    String token = tokenPrefix + tokens.incrementAndGet();
    try {
      while (true) {
        long wait;
        try {
          wait = tryRedis(key, delayMs, maxInFlight, token);
          if (wait == 0) {
            return new Permit(key, token, false);
          }
        } catch (RuntimeException redisDown) {
          LOG.debugf(
              "politeness via Redis failed (%s); keeping it locally", redisDown.getMessage());
          wait = local.computeIfAbsent(key, k -> new LocalHost()).tryAcquire(delayMs, maxInFlight);
          if (wait == 0) {
            return new Permit(key, token, true);
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
    Semaphore gate = gates.get(permit.host());
    if (permit.local()) {
      LocalHost host = local.get(permit.host());
      if (host != null) {
        host.inFlight.decrementAndGet();
      }
      gate.release();
      return;
    }
    try {
      reactive
          .execute(Command.ZREM, inFlightKey(permit.host()), permit.token())
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
                    permit.host(), failure.getMessage());
                gate.release();
              });
    } catch (RuntimeException e) {
      gate.release();
      throw e;
    }
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

  /** Leave to fetch a host, released when the request ends. */
  public record Permit(String host, String token, boolean local) {}

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
