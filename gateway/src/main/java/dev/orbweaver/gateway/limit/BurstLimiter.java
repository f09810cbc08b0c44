package dev.orbweaver.gateway.limit;

import dev.orbweaver.gateway.route.GatewayConfig;
import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;

/**
 * Caps bursts per client address on metered routes: a fixed one-minute window counted in Redis, so
 * that every gateway replica shares the count. When Redis is down the limiter lets calls through:
 * quotas, which live in PostgreSQL, still hold.
 */
@ApplicationScoped
public class BurstLimiter {
  static final long WINDOW_SECONDS = 60;
  private static final String COUNT =
      "local n = redis.call('INCR', KEYS[1]) "
          + "if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end "
          + "return n";

  private final RedisAPI redis;
  private final Clock clock;
  private final int limit;

  @Inject
  public BurstLimiter(RedisAPI redis, GatewayConfig config) {
    this(redis, Clock.systemUTC(), config.burstLimitPerMinute());
  }

  BurstLimiter(RedisAPI redis, Clock clock, int limit) {
    this.redis = redis;
    this.clock = clock;
    this.limit = limit;
  }

  public Future<Decision> admit(String client) {
    long now = clock.instant().getEpochSecond();
    long window = now / WINDOW_SECONDS;
    long retryAfter = (window + 1) * WINDOW_SECONDS - now;
    String key = "gateway:burst:" + client + ":" + window;
    return redis
        .eval(List.of(COUNT, "1", key, Long.toString(WINDOW_SECONDS + 1)))
        .map(count -> new Decision(count.toLong() <= limit, limit, retryAfter))
        .otherwise(new Decision(true, limit, retryAfter));
  }

  /** Whether a call may pass, the limit, and the seconds until the window ends. */
  public record Decision(boolean allowed, int limit, long retryAfter) {}
}
