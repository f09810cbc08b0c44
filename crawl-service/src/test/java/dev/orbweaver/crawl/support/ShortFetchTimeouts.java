package dev.orbweaver.crawl.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * Fetching gives up after two seconds of silence or four in all, so that tests of sites that stall
 * (robots.txt that never answers, a body sent a byte a second) wait seconds, not minutes.
 */
public class ShortFetchTimeouts implements QuarkusTestProfile {
  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "orbweaver.fetch.connect-timeout", "PT2S",
        "orbweaver.fetch.read-timeout", "PT2S",
        "orbweaver.fetch.total-timeout", "PT4S");
  }
}
