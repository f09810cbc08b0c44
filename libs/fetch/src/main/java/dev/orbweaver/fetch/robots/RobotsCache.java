package dev.orbweaver.fetch.robots;

import java.util.Optional;

/**
 * Where fetched robots.txt files are kept between requests, by robots.txt URL. {@link
 * InMemoryRobotsCache} serves one process; a service can share entries through Redis by
 * implementing these two methods.
 */
public interface RobotsCache {

  /** The entry for a robots.txt URL, if present (callers check expiry themselves). */
  Optional<CachedRobots> get(String robotsUrl);

  void put(String robotsUrl, CachedRobots robots);
}
