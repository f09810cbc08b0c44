package dev.orbweaver.crawl.adapters;

import dev.orbweaver.crawl.model.Crawl;
import dev.orbweaver.crawl.worker.RobotsGate;
import dev.orbweaver.fetch.http.FetchException;
import dev.orbweaver.fetch.robots.RobotsRules;
import dev.orbweaver.fetch.robots.RobotsStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * robots.txt through libs/fetch (RFC 9309: 4xx allows all, 5xx and unreachable forbid all). A URL
 * whose robots.txt cannot even be asked for (an invalid URL, a site the SSRF guard refuses) is
 * treated as forbidden, and as unreachable, with the reason.
 */
@ApplicationScoped
public class FetchRobots implements RobotsGate {
  private final FetchClients clients;
  private final RobotsTrouble trouble;

  @Inject
  public FetchRobots(FetchClients clients, RobotsTrouble trouble) {
    this.clients = clients;
    this.trouble = trouble;
  }

  @Override
  public Rules rulesFor(Crawl crawl, String url) {
    try {
      return new Read(clients.robots().rulesFor(url), trouble);
    } catch (FetchException e) {
      return new Refused(FetchFailures.describe(e));
    }
  }

  /** A robots.txt libs/fetch read, found absent, or found unreachable. */
  private record Read(RobotsRules rules, RobotsTrouble trouble) implements Rules {
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

    @Override
    public boolean reachable() {
      return rules.status() != RobotsStatus.UNREACHABLE;
    }

    @Override
    public String unreachableReason() {
      return trouble.explain(rules.robotsUrl());
    }
  }

  /** robots.txt could not be asked for at all: nothing of the site may be fetched. */
  private record Refused(String reason) implements Rules {
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

    @Override
    public boolean reachable() {
      return false;
    }

    @Override
    public String unreachableReason() {
      return reason;
    }
  }
}
