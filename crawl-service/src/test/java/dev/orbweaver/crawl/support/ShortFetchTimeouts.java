package dev.orbweaver.crawl.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * Fetching gives up after five seconds of silence or ten in all, so that tests of sites that stall
 * (robots.txt that never answers, a body sent a byte a second) wait seconds, not minutes, while a
 * machine short of CPU (a fixture generating a 58 MB sitemap to gzip) still gets through the bodies
 * that are merely big.
 */
public class ShortFetchTimeouts implements QuarkusTestProfile {
  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "orbweaver.fetch.connect-timeout", "PT5S",
        "orbweaver.fetch.read-timeout", "PT5S",
        "orbweaver.fetch.total-timeout", "PT10S");
  }
}
