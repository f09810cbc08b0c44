package dev.orbweaver.crawl.adapters;

import dev.orbweaver.crawl.model.Crawl;
import dev.orbweaver.crawl.worker.RobotsGate;
import dev.orbweaver.fetch.http.FetchException;
import dev.orbweaver.fetch.robots.RobotsRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * robots.txt through libs/fetch (RFC 9309: 4xx allows all, 5xx and unreachable forbid all). A URL
 * whose robots.txt cannot even be asked for (an invalid URL) is treated as forbidden.
 */
@ApplicationScoped
public class FetchRobots implements RobotsGate {
  private final FetchClients clients;

  @Inject
  public FetchRobots(FetchClients clients) {
    this.clients = clients;
  }

  @Override
  public Rules rulesFor(Crawl crawl, String url) {
    try {
      RobotsRules rules = clients.robots().rulesFor(url);
      return new Rules() {
        @Override
        public boolean allowed(String u) {
          return rules.isAllowed(u);
        }

        @Override
        public long crawlDelayMs() {
          return rules.crawlDelay().map(d -> d.toMillis()).orElse(0L);
        }

        @Override
        public List<String> sitemaps() {
          return rules.sitemaps();
        }
      };
    } catch (FetchException e) {
      return new Rules() {
        @Override
        public boolean allowed(String u) {
          return false;
        }

        @Override
        public long crawlDelayMs() {
          return 0;
        }

        @Override
        public List<String> sitemaps() {
          return List.of();
        }
      };
    }
  }
}
