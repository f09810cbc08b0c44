package dev.orbweaver.crawl.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orbweaver.crawl.store.CrawlRepository;
import dev.orbweaver.crawl.support.Crawls;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Live workers split the crawls between them, and claims take a worker's share first. */
@QuarkusTest
class WorkerRosterTest {
  @Inject RedisDataSource redis;
  @Inject DataSource dataSource;
  @Inject CrawlRepository crawls;

  @Test
  void liveWorkersSplitTheCrawlsAndTheRestTakeOverWhenOneLeaves() {
    String key = "crawl-test:workers:" + UUID.randomUUID();
    WorkerRoster first = new WorkerRoster(redis, key);
    WorkerRoster second = new WorkerRoster(redis, key);
    try {
      first.join("worker-a");
      assertThat(first.share()).isEqualTo(WorkerRoster.Share.ALONE);

      second.join("worker-b");
      first.renew();

      assertThat(first.share()).isEqualTo(new WorkerRoster.Share(0, 2));
      assertThat(second.share()).isEqualTo(new WorkerRoster.Share(1, 2));
      // Every crawl falls to exactly one of them.
      assertThat(LongStream.rangeClosed(1, 20))
          .allSatisfy(
              id -> assertThat(first.share().owns(id)).isNotEqualTo(second.share().owns(id)));

      second.leave();
      first.renew();

      assertThat(first.share()).isEqualTo(WorkerRoster.Share.ALONE);
      assertThat(LongStream.rangeClosed(1, 20))
          .allSatisfy(id -> assertThat(first.share().owns(id)).isTrue());
    } finally {
      first.leave();
      second.leave();
    }
  }

  @Test
  void claimsConsiderTheCrawlsOfTheWorkersShareApartFromTheOthers() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false); // rolled back: the service's own worker never sees these crawls
      try {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
          ids.add(Crawls.insertRow(c, "http://roster.test/", "running"));
        }
        WorkerRoster.Share share = new WorkerRoster.Share((int) (ids.get(0) % 2), 2);

        List<Long> inShare = offered(c, share, true, ids);
        List<Long> outside = offered(c, share, false, ids);

        assertThat(inShare).containsExactly(ids.get(0), ids.get(2), ids.get(4));
        assertThat(outside).containsExactly(ids.get(1), ids.get(3), ids.get(5));
      } finally {
        c.rollback();
      }
    }
  }

  /** The crawls among {@code ids} that a claim would consider, in its order. */
  private List<Long> offered(
      Connection c, WorkerRoster.Share share, boolean inShare, List<Long> ids) throws SQLException {
    return crawls
        .claimable(
            c,
            16,
            Instant.now(),
            1000,
            new CrawlRepository.Pick(share.index(), share.count(), inShare, 100))
        .stream()
        .map(candidate -> candidate.crawl().id())
        .filter(ids::contains)
        .toList();
  }
}
