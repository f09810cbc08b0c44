package dev.orbweaver.crawl.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orbweaver.crawl.frontier.Discovered;
import dev.orbweaver.crawl.frontier.Frontier;
import dev.orbweaver.crawl.frontier.FrontierItem;
import dev.orbweaver.crawl.scope.CrawlScope;
import dev.orbweaver.crawl.support.Crawls;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The frontier's own rules, on crawls no worker claims (they are stored as cancelled): dedup and
 * the row count, claim order, page slots, expired leases, and what settling gives back.
 */
@QuarkusTest
class FrontierTest {
  private static final Duration LEASE = Duration.ofMinutes(5);

  @Inject Frontier frontier;
  @Inject DataSource dataSource;

  @Test
  void enqueueAddsOnlyUnknownUrlsAndCountsThemIntoTheCrawl() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      long crawl = crawl(c);

      int first = frontier.enqueue(c, crawl, List.of(page("/a", 0.5, 1), page("/b", 0.5, 1)));
      int second =
          frontier.enqueue(
              c, crawl, List.of(page("/b", 0.9, 2), page("/c", 0.5, 1), page("/c", 0.5, 1)));

      assertThat(first).isEqualTo(2);
      assertThat(second).isEqualTo(1);
      assertThat(one(c, "select frontier_rows from crawl where id = " + crawl)).isEqualTo(3);
      assertThat(rows(c, crawl, "true")).isEqualTo(3);
      // The first sighting wins: /b keeps the priority it was found with.
      assertThat(
              one(
                  c,
                  "select (priority * 10)::int from frontier where crawl_id = "
                      + crawl
                      + " and url like '%/b'"))
          .isEqualTo(5);
    }
  }

  @Test
  void claimsHelpersFirstThenPagesByPriorityDepthAndAgeWhileSlotsLast() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      long crawl = crawl(c);
      frontier.enqueue(
          c,
          crawl,
          List.of(
              page("/low", 0.2, 1),
              page("/deep", 0.9, 3),
              page("/shallow", 0.9, 1),
              helper("/sitemap.xml", FrontierItem.Kind.SITEMAP),
              page("/shallow-later", 0.9, 1)));

      Frontier.Claim claim = frontier.claim(c, crawl, 3, 10, "w1", LEASE, Instant.now());

      assertThat(claim.items())
          .extracting(i -> i.url().substring(i.url().lastIndexOf('/')))
          .containsExactly("/sitemap.xml", "/shallow", "/shallow-later", "/deep");
      assertThat(claim.newSlots()).isEqualTo(3);
      assertThat(claim.items())
          .allSatisfy(i -> assertThat(i.holdsSlot()).isEqualTo(i.kind() == FrontierItem.Kind.PAGE));
      assertThat(rows(c, crawl, "state = 'leased'")).isEqualTo(4);
      assertThat(rows(c, crawl, "state = 'leased' and holds_slot and leased_by = 'w1'"))
          .isEqualTo(3);
    }
  }

  @Test
  void withoutAFreeSlotOnlyHelpersAreClaimed() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      long crawl = crawl(c);
      frontier.enqueue(
          c, crawl, List.of(page("/a", 0.9, 1), helper("/robots.txt", FrontierItem.Kind.DISCOVER)));

      Frontier.Claim claim = frontier.claim(c, crawl, 0, 10, "w1", LEASE, Instant.now());

      assertThat(claim.items())
          .extracting(FrontierItem::kind)
          .containsExactly(FrontierItem.Kind.DISCOVER);
      assertThat(claim.newSlots()).isZero();
    }
  }

  @Test
  void anExpiredLeaseComesBackFirstWithTheSlotItHolds() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      long crawl = crawl(c);
      frontier.enqueue(c, crawl, List.of(page("/taken", 0.9, 1), page("/next", 0.1, 1)));
      Instant start = Instant.now();
      frontier.claim(c, crawl, 1, 1, "dead-worker", Duration.ofSeconds(1), start);
      // Still leased: nobody else may take it, and no slot is left for the queued page.
      assertThat(frontier.claim(c, crawl, 0, 5, "w2", LEASE, start).items()).isEmpty();

      Frontier.Claim later = frontier.claim(c, crawl, 0, 5, "w2", LEASE, start.plusSeconds(2));

      assertThat(later.items()).hasSize(1);
      assertThat(later.items().get(0).url()).endsWith("/taken");
      assertThat(later.items().get(0).holdsSlot()).isTrue();
      assertThat(later.newSlots()).isZero();
      assertThat(
              one(
                  c,
                  "select attempts from frontier where crawl_id = "
                      + crawl
                      + " and url like '%/taken'"))
          .isEqualTo(2);
    }
  }

  @Test
  void settlingKeepsTheSlotsOfPagesAndGivesBackTheRestOnlyForTheLeaseHolder() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      long crawl = crawl(c);
      frontier.enqueue(
          c, crawl, List.of(page("/ok", 0.9, 1), page("/broken", 0.8, 1), page("/other", 0.7, 1)));
      List<FrontierItem> items = frontier.claim(c, crawl, 3, 3, "w1", LEASE, Instant.now()).items();
      c.createStatement().execute("update crawl set slots_used = 3 where id = " + crawl);
      long ok = items.get(0).id();
      long broken = items.get(1).id();
      long other = items.get(2).id();

      List<Long> byStranger = frontier.settle(c, "w2", List.of(Frontier.Settlement.failed(other)));
      List<Long> settled =
          frontier.settle(
              c,
              "w1",
              List.of(
                  Frontier.Settlement.page(ok),
                  Frontier.Settlement.failed(broken),
                  // the same item again in one batch: its first settlement counts
                  Frontier.Settlement.failed(ok)));

      assertThat(byStranger).isEmpty();
      assertThat(settled).containsExactlyInAnyOrder(ok, broken);
      assertThat(one(c, "select slots_used from crawl where id = " + crawl)).isEqualTo(2);
      assertThat(rows(c, crawl, "id = " + ok + " and state = 'done' and holds_slot")).isEqualTo(1);
      assertThat(rows(c, crawl, "id = " + broken + " and state = 'failed' and not holds_slot"))
          .isEqualTo(1);
      assertThat(rows(c, crawl, "id = " + other + " and state = 'leased'")).isEqualTo(1);
    }
  }

  /**
   * Crawl rows are made with max_depth 5. A shorter path lowers a queued row's depth; a fetched
   * page comes back for its links only while they can now reach further; a page in flight is sent
   * back for its links when its lease settles.
   */
  @Test
  void aShorterPathBringsUrlsCloserAndFollowsTheirLinksAgain() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      long crawl = crawl(c);
      frontier.enqueue(
          c,
          crawl,
          List.of(
              page("/fetched", 0.9, 5),
              page("/in-flight", 0.8, 5),
              page("/deep-fetched", 0.7, 5),
              page("/queued", 0.1, 5)));
      List<FrontierItem> leased =
          frontier.claim(c, crawl, 3, 3, "w1", LEASE, Instant.now()).items();
      FrontierItem fetched = leased.get(0);
      FrontierItem inFlight = leased.get(1);
      FrontierItem deepFetched = leased.get(2);
      frontier.settle(
          c,
          "w1",
          List.of(Frontier.Settlement.page(fetched), Frontier.Settlement.page(deepFetched)));

      int closer =
          frontier.shorten(
              c,
              crawl,
              5,
              List.of(
                  page("/fetched", 0.5, 3),
                  page("/in-flight", 0.5, 2),
                  page("/deep-fetched", 0.5, 5), // not shorter: unchanged
                  page("/queued", 0.5, 1)));

      assertThat(closer).isEqualTo(3);
      assertThat(rows(c, crawl, "url like '%/fetched' and state = 'queued' and kind = 'links'"))
          .as("a fetched page comes back for its links, at depth 3")
          .isEqualTo(1);
      assertThat(rows(c, crawl, "url like '%/fetched' and depth = 3 and attempts = 0"))
          .isEqualTo(1);
      assertThat(rows(c, crawl, "url like '%/deep-fetched' and state = 'done' and depth = 5"))
          .isEqualTo(1);
      assertThat(rows(c, crawl, "url like '%/queued' and state = 'queued' and depth = 1"))
          .isEqualTo(1);
      assertThat(rows(c, crawl, "url like '%/in-flight' and state = 'leased' and depth = 2"))
          .isEqualTo(1);

      frontier.settle(c, "w1", List.of(Frontier.Settlement.page(inFlight)));
      assertThat(rows(c, crawl, "url like '%/in-flight' and state = 'queued' and kind = 'links'"))
          .as("its links were followed from depth 5; it is at 2 now")
          .isEqualTo(1);
    }
  }

  @Test
  void aPageAtTheDepthLimitIsNotFetchedAgainForLinksItCannotFollow() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      long crawl = crawl(c);
      frontier.enqueue(c, crawl, List.of(page("/leaf", 0.9, 5)));
      FrontierItem leaf = frontier.claim(c, crawl, 1, 1, "w1", LEASE, Instant.now()).items().get(0);
      frontier.settle(c, "w1", List.of(Frontier.Settlement.page(leaf)));

      // a crawl of depth 4: a page at depth 4 follows no links, however it was reached
      frontier.shorten(c, crawl, 4, List.of(page("/leaf", 0.9, 4)));

      assertThat(rows(c, crawl, "url like '%/leaf' and state = 'done' and kind = 'page'"))
          .isEqualTo(1);
      assertThat(rows(c, crawl, "url like '%/leaf' and depth = 4")).isEqualTo(1);
    }
  }

  @Test
  void eachLeaseCountsAnAttemptAndRemembersWhyTheLastCameToNothing() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      long crawl = crawl(c);
      frontier.enqueue(c, crawl, List.of(page("/fragile", 0.9, 1)));
      Instant at = Instant.now();
      List<Integer> attempts = new java.util.ArrayList<>();
      FrontierItem item = null;
      for (int lease = 0; lease < 4; lease++) {
        // Each lease runs out unsettled: the worker that held it died or could not write.
        item =
            frontier.claim(c, crawl, 1, 1, "w" + lease, Duration.ofSeconds(1), at).items().get(0);
        attempts.add(item.attempt());
        frontier.noteFailure(c, "w" + lease, List.of(item), "failure " + lease);
        at = at.plusSeconds(2);
      }

      assertThat(attempts).containsExactly(1, 2, 3, 4);
      assertThat(item.lastFailure()).isEqualTo("failure 2");
      assertThat(item.exhausted(3)).isTrue();
      // Only the lease holder's note counts.
      frontier.noteFailure(c, "stranger", List.of(item), "not mine");
      assertThat(rows(c, crawl, "last_error = 'failure 3'")).isEqualTo(1);
    }
  }

  /** A crawl row no worker claims: only queued and running crawls are claimed. */
  private static long crawl(Connection c) throws SQLException {
    return Crawls.insertRow(c, "http://frontier.test/", "cancelled");
  }

  private static Discovered page(String path, double priority, int depth) {
    String url = "http://frontier.test" + path;
    return new Discovered(url, CrawlScope.key(url), depth, priority, null, FrontierItem.Kind.PAGE);
  }

  private static Discovered helper(String path, FrontierItem.Kind kind) {
    String url = "http://frontier.test" + path;
    return new Discovered(url, CrawlScope.key(kind + ":" + url), 0, 1.0, null, kind);
  }

  /** Frontier rows of the crawl that meet a condition. */
  private static long rows(Connection c, long crawl, String condition) throws SQLException {
    return one(
        c, "select count(*) from frontier where crawl_id = " + crawl + " and (" + condition + ")");
  }

  private static long one(Connection c, String sql) throws SQLException {
    try (var rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
