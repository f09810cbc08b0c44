package dev.orbweaver.webhook.retention;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orbweaver.common.id.Ids;
import dev.orbweaver.common.sql.Jdbc;
import dev.orbweaver.testing.TestJwt;
import dev.orbweaver.webhook.delivery.Deliveries;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Retention against the real PostgreSQL schema: final deliveries and received event ids go after 7
 * days (the defaults), pending deliveries and a crawl's terminal event stay whatever their age.
 */
@QuarkusTest
@QuarkusTestResource(TestJwt.class)
class RetentionTest {
  private static final Duration DAY = Duration.ofDays(1);

  @Inject DataSource dataSource;
  @Inject Deliveries deliveries;
  @Inject RetentionSweeper sweeper;

  Jdbc jdbc;
  String subscription;
  Instant now;

  @BeforeEach
  void aSubscription() {
    jdbc = new Jdbc(dataSource);
    now = Instant.now();
    subscription = Ids.prefixed("sub", 24);
    jdbc.withConnection(
        c ->
            Jdbc.update(
                c,
                "insert into subscription (id, account_id, owner_ref, style, url)"
                    + " values (?, 7, ?, 'alterlab', 'https://hooks.example.com/')",
                subscription,
                "crawl:" + subscription));
  }

  /** A delivery of {@code type} that is {@code status}, final since {@code settledAgo} if final. */
  private long delivery(String type, String status, Duration settledAgo) {
    return jdbc.withConnection(
        c ->
            Jdbc.one(
                    c,
                    "insert into delivery (event_id, subscription_id, type, body, occurred_at,"
                        + " status, attempts, settled_at) values (?, ?, ?, '{}', ?, ?, 1, ?)"
                        + " returning id",
                    rs -> rs.getLong(1),
                    Ids.prefixed("evt", 24),
                    subscription,
                    type,
                    now.minus(Duration.ofDays(30)),
                    status,
                    settledAgo == null ? null : now.minus(settledAgo))
                .orElseThrow());
  }

  private String received(Duration ago) {
    String id = Ids.prefixed("evt", 24);
    jdbc.withConnection(
        c ->
            Jdbc.update(
                c,
                "insert into event_received (event_id, type, received_at) values (?, 'crawl.page', ?)",
                id,
                now.minus(ago)));
    return id;
  }

  private List<Long> remaining() {
    return jdbc.withConnection(
        c ->
            Jdbc.list(
                c,
                "select id from delivery where subscription_id = ? order by id",
                rs -> rs.getLong(1),
                subscription));
  }

  @Test
  void finalDeliveriesGoAfterSevenDaysPendingOnesAndTerminalEventsStay() {
    long deliveredLongAgo = delivery("crawl.page.completed", "delivered", DAY.multipliedBy(8));
    long deadLongAgo = delivery("crawl.page.failed", "dead", DAY.multipliedBy(8));
    long deliveredYesterday = delivery("crawl.page.completed", "delivered", DAY);
    long pendingForAMonth = delivery("crawl.page.completed", "pending", null);
    long terminalLongAgo = delivery("crawl.completed", "delivered", DAY.multipliedBy(60));

    RetentionSweeper.Swept swept = sweeper.sweep(now);

    assertThat(remaining())
        .containsExactly(deliveredYesterday, pendingForAMonth, terminalLongAgo)
        .doesNotContain(deliveredLongAgo, deadLongAgo);
    assertThat(swept.deliveries()).isGreaterThanOrEqualTo(2);
    assertThat(deliveries.latestState(subscription).status()).isEqualTo("delivered");
  }

  @Test
  void receivedEventIdsGoAfterSevenDays() {
    String old = received(DAY.multipliedBy(8));
    String recent = received(DAY.multipliedBy(6));

    sweeper.sweep(now);

    assertThat(deliveries.received(old)).isFalse();
    assertThat(deliveries.received(recent)).isTrue();
  }

  @Test
  void aSweepDeletesInBatchesUntilNothingIsLeft() {
    int many = 12_000; // more than two batches of the default 5000
    jdbc.withConnection(
        c ->
            Jdbc.update(
                c,
                "insert into delivery (event_id, subscription_id, type, body, occurred_at, status,"
                    + " attempts, settled_at) select 'evt_' || ? || '_' || n, ?, 'crawl.page.completed',"
                    + " '{}', ?, 'delivered', 1, ? from generate_series(1, ?) n",
                subscription,
                subscription,
                now.minus(DAY.multipliedBy(9)),
                now.minus(DAY.multipliedBy(8)),
                many));

    sweeper.sweep(now);

    assertThat(remaining()).isEmpty();
  }

  @Test
  void settlingADeliveryStampsWhenItBecameFinal() {
    long delivered = delivery("crawl.page.completed", "pending", null);
    long dead = delivery("crawl.page.completed", "pending", null);
    Instant at = now.minus(DAY.multipliedBy(10));
    deliveries.delivered(delivered, at);
    deliveries.dead(dead, "HTTP 404");

    sweeper.sweep(now);

    assertThat(remaining()).containsExactly(dead);
  }
}
