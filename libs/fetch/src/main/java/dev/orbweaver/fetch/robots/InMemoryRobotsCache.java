package dev.orbweaver.fetch.robots;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A bounded in-process {@link RobotsCache}; the least recently used entries go first. */
public final class InMemoryRobotsCache implements RobotsCache {

  private final Clock clock;
  private final Map<String, CachedRobots> entries;

  public InMemoryRobotsCache(int maxEntries, Clock clock) {
    this.clock = clock;
    this.entries =
        new LinkedHashMap<>(64, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, CachedRobots> eldest) {
            return size() > maxEntries;
          }
        };
  }

  public InMemoryRobotsCache() {
    this(10_000, Clock.systemUTC());
  }

  @Override
  public synchronized Optional<CachedRobots> get(String robotsUrl) {
    CachedRobots entry = entries.get(robotsUrl);
    if (entry != null && entry.isExpired(clock.instant())) {
      entries.remove(robotsUrl);
      return Optional.empty();
    }
    return Optional.ofNullable(entry);
  }

  @Override
  public synchronized void put(String robotsUrl, CachedRobots robots) {
    entries.put(robotsUrl, robots);
  }
}
