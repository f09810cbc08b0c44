package dev.orbweaver.crawl.worker;

import dev.orbweaver.common.sql.Jdbc;
import dev.orbweaver.crawl.config.CrawlConfig;
import dev.orbweaver.crawl.events.Bodies;
import dev.orbweaver.crawl.events.Outbox;
import dev.orbweaver.crawl.frontier.Frontier;
import dev.orbweaver.crawl.frontier.FrontierItem;
import dev.orbweaver.crawl.model.Crawl;
import dev.orbweaver.crawl.model.CrawlStatus;
import dev.orbweaver.crawl.store.CrawlRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Hands a worker its next batch: a few crawls with room for another lease that have waited longest,
 * skipping any another worker holds right now, and from each the best items up to the crawl's own
 * concurrency. A queued crawl starts here, with its crawl.started event.
 */
@ApplicationScoped
public class Claims {
  private static final int CRAWLS_PER_CLAIM = 16;

  private final Jdbc jdbc;
  private final CrawlRepository crawls;
  private final Frontier frontier;
  private final Outbox outbox;
  private final Bodies bodies;
  private final CrawlConfig config;

  @Inject
  public Claims(
      DataSource dataSource,
      CrawlRepository crawls,
      Frontier frontier,
      Outbox outbox,
      Bodies bodies,
      CrawlConfig config) {
    this.jdbc = new Jdbc(dataSource);
    this.crawls = crawls;
    this.frontier = frontier;
    this.outbox = outbox;
    this.bodies = bodies;
    this.config = config;
  }

  public List<Claimed> claim(String worker, int wanted) {
    if (wanted <= 0) {
      return List.of();
    }
    return jdbc.inTransaction(
        c -> {
          Instant now = Instant.now();
          List<CrawlRepository.Claimable> claimable =
              crawls.claimable(c, config.defaultCrawlConcurrency(), now, CRAWLS_PER_CLAIM);
          List<Claimed> out = new ArrayList<>();
          for (CrawlRepository.Claimable candidate : claimable) {
            if (out.size() >= wanted) {
              break;
            }
            Crawl crawl = candidate.crawl();
            Frontier.Claim claim =
                frontier.claim(
                    c,
                    crawl.id(),
                    crawl.scope().maxPages() - crawl.slotsUsed(),
                    Math.min(wanted - out.size(), candidate.room()),
                    worker,
                    config.lease(),
                    now);
            // A queued crawl starts with its first claim.
            Jdbc.update(
                c,
                "update crawl set status = 'running', started_at = coalesce(started_at, ?),"
                    + " slots_used = slots_used + ?, last_claim_at = ? where id = ?",
                now,
                claim.newSlots(),
                now,
                crawl.id());
            if (crawl.status() == CrawlStatus.QUEUED) {
              crawl = crawls.find(c, crawl.id()).orElseThrow();
              outbox.append(
                  c, crawl, Outbox.STARTED, bodies.crawlEvent(Outbox.STARTED, crawl), now);
            }
            for (FrontierItem item : claim.items()) {
              out.add(new Claimed(crawl, item));
            }
          }
          return out;
        });
  }

  /** An item and the crawl it belongs to. */
  public record Claimed(Crawl crawl, FrontierItem item) {}
}
