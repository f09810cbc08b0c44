package dev.orbweaver.crawl.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orbweaver.crawl.frontier.Discovered;
import dev.orbweaver.crawl.frontier.Frontier;
import dev.orbweaver.crawl.frontier.FrontierItem;
import dev.orbweaver.crawl.scope.CrawlScope;
import dev.orbweaver.crawl.support.CleanSlate;
import dev.orbweaver.crawl.support.Crawls;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The janitor looks at every running crawl, however many are waiting for their turn. */
@QuarkusTest
class JanitorTest {
  @Inject Janitor janitor;
  @Inject Frontier frontier;
  @Inject DataSource dataSource;

  @BeforeAll
  static void emptyCrawlSchema() {
    CleanSlate.crawls();
  }

  @Test
  void withMoreWaitingCrawlsThanOnePassTakesTheOneWithNothingLeftStillFinishes()
      throws SQLException {
    List<Long> waiting = new ArrayList<>();
    long idle;
    try (Connection c = dataSource.getConnection()) {
      // 130 crawls legitimately waiting: a page queued each, and no worker takes from them
      // (concurrency 0), so every pass of the janitor finds them unfinished.
      for (int i = 0; i < 130; i++) {
        long id = runningOutOfWorkersReach(c);
        String url = "http://janitor.test/" + i;
        frontier.enqueue(
            c,
            id,
            List.of(
                new Discovered(url, CrawlScope.key(url), 0, 1.0, null, FrontierItem.Kind.PAGE)));
        waiting.add(id);
      }
      // The last one has nothing left: its worker died before it could say so.
      idle = runningOutOfWorkersReach(c);
    }
    // The janitor's own schedule runs beside these passes and may be the one that finishes the
    // idle crawl (then no pass here sees it running): what counts is that it ends, and that
    // every waiting crawl is looked at, however many there are.
    Set<Long> lookedAt = new HashSet<>();
    for (int pass = 0; pass < 10 && !(lookedAt.containsAll(waiting) && finished(idle)); pass++) {
      lookedAt.addAll(janitor.finishIdleCrawls());
    }

    assertThat(lookedAt).containsAll(waiting);
    try (Connection c = dataSource.getConnection()) {
      assertThat(status(c, idle)).isEqualTo("completed");
      for (long id : waiting) {
        assertThat(status(c, id)).isEqualTo("running");
      }
    }
  }

  private static long runningOutOfWorkersReach(Connection c) throws SQLException {
    long id = Crawls.insertRow(c, "http://janitor.test/", "running");
    c.createStatement().execute("update crawl set concurrency = 0 where id = " + id);
    return id;
  }

  private boolean finished(long id) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return status(c, id).equals("completed");
    }
  }

  private static String status(Connection c, long id) throws SQLException {
    try (var rs = c.createStatement().executeQuery("select status from crawl where id = " + id)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
