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
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Hands a worker its next batch: a few crawls with room for another lease, those of its share first
 * and then those that have waited longest, skipping any another worker holds right now, and from
 * each the best items up to the crawl's own concurrency. A queued crawl starts here, with its
 * crawl.started event.
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

  /**
   * Leases up to {@code wanted} items to the worker: from the crawls of its share first, then from
   * the others' crawls. A worker that found work in its own share takes only from crawls their
   * workers leave more than half idle (a busy worker's crawls always have a few leases spare: those
   * whose results wait to be written); one that found none, from any crawl with room, so a single
   * large crawl is still shared. The first pass locks none of the other workers' crawls, so their
   * claims and writes never wait on this one.
   */
  public List<Claimed> claim(String worker, WorkerRoster.Share share, int wanted) {
    if (wanted <= 0) {
      return List.of();
    }
    return jdbc.inTransaction(
        c -> {
          Instant now = Instant.now();
          List<Claimed> out = new ArrayList<>();
          claimFrom(
              c,
              worker,
              new CrawlRepository.Pick(share.index(), share.count(), true, 100),
              wanted,
              out,
              now);
          if (out.size() < wanted && share.count() > 1) {
            int leasedBelow = out.isEmpty() ? 100 : 50;
            var others = new CrawlRepository.Pick(share.index(), share.count(), false, leasedBelow);
            claimFrom(c, worker, others, wanted, out, now);
          }
          return out;
        });
  }

  /** Adds to {@code out}, up to {@code wanted} in all, from the crawls the pick admits. */
  private void claimFrom(
      Connection c,
      String worker,
      CrawlRepository.Pick pick,
      int wanted,
      List<Claimed> out,
      Instant now)
      throws SQLException {
    List<CrawlRepository.Claimable> claimable =
        crawls.claimable(c, config.defaultCrawlConcurrency(), now, CRAWLS_PER_CLAIM, pick);
    for (CrawlRepository.Claimable candidate : claimable) {
      if (out.size() >= wanted) {
        return;
      }
      Crawl crawl = candidate.crawl();
      Frontier.Claim claim =
          frontier.claim(
              c,
              crawl.id(),
              crawl.pageRoom(),
              Math.min(wanted - out.size(), candidate.room()),
              worker,
              config.lease(),
              now);
      // A queued crawl starts with its first claim. Each new page slot holds the most a page
      // costs until its result is written, so the pages in flight stay within max_credits.
      Jdbc.update(
          c,
          "update crawl set status = 'running', started_at = coalesce(started_at, ?),"
              + " slots_used = slots_used + ?, credits_held = credits_held + ? * page_credits,"
              + " last_claim_at = ? where id = ?",
          now,
          claim.newSlots(),
          claim.newSlots(),
          now,
          crawl.id());
      if (crawl.status() == CrawlStatus.QUEUED) {
        crawl = crawls.find(c, crawl.id()).orElseThrow();
        outbox.append(c, crawl, Outbox.STARTED, bodies.crawlEvent(Outbox.STARTED, crawl), now);
      }
      for (FrontierItem item : claim.items()) {
        out.add(new Claimed(crawl, item));
      }
    }
  }

  /** An item and the crawl it belongs to. */
  public record Claimed(Crawl crawl, FrontierItem item) {}
}
