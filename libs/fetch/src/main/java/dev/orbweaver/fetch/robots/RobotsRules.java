package dev.orbweaver.fetch.robots;

import crawlercommons.robots.BaseRobotRules;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The rules of one site's robots.txt for our agent, parsed by crawler-commons (RFC 9309: the
 * longest matching path wins, and on a tie {@code Allow} wins).
 */
public record RobotsRules(String robotsUrl, RobotsStatus status, BaseRobotRules rules) {

  public boolean isAllowed(String url) {
    return rules.isAllowed(url);
  }

  /** The Crawl-delay for our agent, when the file sets one. */
  public Optional<Duration> crawlDelay() {
    long millis = rules.getCrawlDelay();
    return millis == BaseRobotRules.UNSET_CRAWL_DELAY || millis < 0
        ? Optional.empty()
        : Optional.of(Duration.ofMillis(millis));
  }

  /** The {@code Sitemap:} lines, absolute. */
  public List<String> sitemaps() {
    return List.copyOf(rules.getSitemaps());
  }
}
