package dev.orbweaver.crawl.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Published events leave the outbox after the retention period (3 days); the rest stay. */
@QuarkusTest
class OutboxRetentionTest {
  @Inject OutboxRetention retention;
  @Inject DataSource dataSource;

  @Test
  void eventsPublishedLongerAgoThanTheRetentionAreDeletedAndNoOthers() throws SQLException {
    Instant now = Instant.now();
    long crawl = -System.nanoTime(); // no crawl has a negative id: these rows are this test's own
    List<Long> old = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      old.add(event(crawl, now.minus(Duration.ofDays(4)), now.minus(Duration.ofDays(4))));
    }
    long recent = event(crawl, now.minus(Duration.ofDays(2)), now.minus(Duration.ofDays(2)));
    // Never published (webhook-service was away): it must still reach the stream.
    long unpublished = event(crawl, now.minus(Duration.ofDays(5)), null);

    int deleted = retention.purge(now);

    assertThat(deleted).isGreaterThanOrEqualTo(3);
    assertThat(left(crawl)).containsExactlyInAnyOrder(recent, unpublished);
  }

  private long event(long crawl, Instant occurred, Instant published) throws SQLException {
    try (Connection c = dataSource.getConnection();
        var insert =
            c.prepareStatement(
                "insert into outbox (event_id, type, account_id, crawl_id, body, occurred_at,"
                    + " published_at, confirmed_at) values (?, 'crawl.page.completed', 1, ?,"
                    + " '{}'::jsonb, ?, ?, ?) returning seq")) {
      insert.setString(1, "evt_retention_" + System.nanoTime());
      insert.setLong(2, crawl);
      insert.setTimestamp(3, Timestamp.from(occurred));
      insert.setTimestamp(4, published == null ? null : Timestamp.from(published));
      insert.setTimestamp(5, published == null ? null : Timestamp.from(published));
      try (var rs = insert.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private List<Long> left(long crawl) throws SQLException {
    try (Connection c = dataSource.getConnection();
        var rs =
            c.createStatement().executeQuery("select seq from outbox where crawl_id = " + crawl)) {
      List<Long> out = new ArrayList<>();
      while (rs.next()) {
        out.add(rs.getLong(1));
      }
      return out;
    }
  }
}
