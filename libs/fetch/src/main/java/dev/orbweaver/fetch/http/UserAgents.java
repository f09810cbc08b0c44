package dev.orbweaver.fetch.http;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The User-Agent sent when a request names none: one of a pool, picked at random per request. The
 * default pool holds current desktop browsers, because many sites answer unknown agents with a
 * block page or a stripped-down document.
 */
public record UserAgents(List<String> pool) {

  public UserAgents {
    pool = List.copyOf(pool);
    if (pool.isEmpty() || pool.stream().anyMatch(String::isBlank)) {
      throw new IllegalArgumentException("a user-agent pool needs at least one non-blank agent");
    }
  }

  /** Chrome, Firefox, Safari and Edge on Windows, macOS and Linux, as they identified in 2025. */
  public static UserAgents browsers() {
    return new UserAgents(
        List.of(
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
                + " Chrome/141.0.0.0 Safari/537.36",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko)"
                + " Chrome/141.0.0.0 Safari/537.36",
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)"
                + " Chrome/141.0.0.0 Safari/537.36",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:144.0) Gecko/20100101 Firefox/144.0",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:144.0) Gecko/20100101 Firefox/144.0",
            "Mozilla/5.0 (X11; Linux x86_64; rv:144.0) Gecko/20100101 Firefox/144.0",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)"
                + " Version/26.0 Safari/605.1.15",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
                + " Chrome/141.0.0.0 Safari/537.36 Edg/141.0.0.0",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko)"
                + " Chrome/141.0.0.0 Safari/537.36 Edg/141.0.0.0"));
  }

  /** Always the same agent, e.g. an operator's crawler identity. */
  public static UserAgents fixed(String agent) {
    return new UserAgents(List.of(agent));
  }

  public String next() {
    return pool.size() == 1
        ? pool.get(0)
        : pool.get(ThreadLocalRandom.current().nextInt(pool.size()));
  }
}
