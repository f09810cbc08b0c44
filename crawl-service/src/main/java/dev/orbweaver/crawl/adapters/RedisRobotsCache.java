package dev.orbweaver.crawl.adapters;

import dev.orbweaver.fetch.robots.CachedRobots;
import dev.orbweaver.fetch.robots.RobotsCache;
import dev.orbweaver.fetch.robots.RobotsStatus;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * robots.txt copies in Redis, shared by every worker, expiring when libs/fetch says they do (at
 * most 24 h). Redis being away only costs a refetch.
 */
@ApplicationScoped
public class RedisRobotsCache implements RobotsCache {
  private final RedisDataSource redis;

  @Inject
  public RedisRobotsCache(RedisDataSource redis) {
    this.redis = redis;
  }

  @Override
  public Optional<CachedRobots> get(String robotsUrl) {
    try {
      Response value = redis.execute(Command.GET, key(robotsUrl));
      if (value == null) {
        return Optional.empty();
      }
      String[] parts = value.toString().split("\n", 3);
      return Optional.of(
          new CachedRobots(
              RobotsStatus.valueOf(parts[0]),
              Base64.getDecoder().decode(parts[2]),
              Instant.ofEpochMilli(Long.parseLong(parts[1]))));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  @Override
  public void put(String robotsUrl, CachedRobots robots) {
    long ttl = Duration.between(Instant.now(), robots.expiresAt()).toMillis();
    if (ttl <= 0) {
      return;
    }
    try {
      redis.execute(
          Command.SET,
          key(robotsUrl),
          robots.status().name()
              + "\n"
              + robots.expiresAt().toEpochMilli()
              + "\n"
              + Base64.getEncoder().encodeToString(robots.body()),
          "PX",
          Long.toString(ttl));
    } catch (RuntimeException e) {
      // without Redis each worker keeps its own copy in libs/fetch's memo
    }
  }

  private static String key(String robotsUrl) {
    return "crawl:robots:" + robotsUrl;
  }
}
