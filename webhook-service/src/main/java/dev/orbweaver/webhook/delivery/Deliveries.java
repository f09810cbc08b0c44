package dev.orbweaver.webhook.delivery;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.orbweaver.common.sql.Jdbc;
import dev.orbweaver.webhook.subscription.Subscription;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/**
 * The durable delivery schedule. A delivery is claimed under a lease, so a webhook-service killed
 * mid-attempt gives it back when the lease runs out, with the same event id and attempt count.
 */
@ApplicationScoped
public class Deliveries {
  private final Jdbc jdbc;

  @Inject
  public Deliveries(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  /** An event as the stream carries it. */
  public record Event(String eventId, String type, String body, Instant occurredAt) {}

  /** A delivery due now, with the attempts it already had. */
  public record Due(
      long id,
      String eventId,
      String subscriptionId,
      String type,
      String body,
      int attempts,
      Instant occurredAt) {}

  /** What crawl status endpoints show of a subscription. */
  public record State(
      String status,
      int attempts,
      @JsonProperty("last_error") String lastError,
      @JsonProperty("delivered_at") Instant deliveredAt) {}

  /** Records the event and one delivery per subscription that wants it; idempotent per event id. */
  public void record(Connection c, Event event, List<Subscription> subscriptions)
      throws SQLException {
    Jdbc.update(
        c,
        "insert into event_received (event_id, type) values (?, ?) on conflict do nothing",
        event.eventId(),
        event.type());
    for (Subscription s : subscriptions) {
      if (s.wants(event.type())) {
        Jdbc.update(
            c,
            "insert into delivery (event_id, subscription_id, type, body, occurred_at)"
                + " values (?, ?, ?, ?, ?) on conflict (event_id, subscription_id) do nothing",
            event.eventId(),
            s.id(),
            event.type(),
            event.body(),
            event.occurredAt());
      }
    }
  }

  public boolean received(String eventId) {
    return jdbc.withConnection(
        c ->
            Jdbc.one(c, "select 1 from event_received where event_id = ?", rs -> true, eventId)
                .isPresent());
  }

  /**
   * Leases up to {@code max} due deliveries. A {@code stream} subscription gets its deliveries one
   * at a time, in event order: a later one waits while an earlier one is pending.
   */
  public List<Due> claim(int max, Duration lease) {
    return jdbc.inTransaction(
        c ->
            Jdbc.list(
                c,
                """
                with due as (
                  select d.id from delivery d join subscription s on s.id = d.subscription_id
                  where d.status = 'pending' and d.next_attempt_at <= now()
                    and (d.lease_until is null or d.lease_until < now())
                    and (s.style <> 'stream' or not exists (
                      select 1 from delivery e
                      where e.subscription_id = d.subscription_id and e.status = 'pending'
                        and (e.occurred_at, e.id) < (d.occurred_at, d.id)))
                  order by d.next_attempt_at, d.id
                  limit ? for update of d skip locked)
                update delivery set lease_until = now() + make_interval(secs => ?)
                from due where delivery.id = due.id
                returning delivery.id, delivery.event_id, delivery.subscription_id, delivery.type,
                          delivery.body, delivery.attempts, delivery.occurred_at
                """,
                rs ->
                    new Due(
                        rs.getLong("id"),
                        rs.getString("event_id"),
                        rs.getString("subscription_id"),
                        rs.getString("type"),
                        rs.getString("body"),
                        rs.getInt("attempts"),
                        Jdbc.instant(rs, "occurred_at")),
                max,
                (double) lease.toSeconds()));
  }

  public void delivered(long id, Instant at) {
    settle(
        "update delivery set status = 'delivered', attempts = attempts + 1, delivered_at = ?,"
            + " last_error = null, lease_until = null where id = ?",
        at,
        id);
  }

  public void dead(long id, String error) {
    settle(
        "update delivery set status = 'dead', attempts = attempts + 1, last_error = ?,"
            + " lease_until = null where id = ?",
        error,
        id);
  }

  public void retryAt(long id, Instant next, String error) {
    settle(
        "update delivery set attempts = attempts + 1, next_attempt_at = ?, last_error = ?,"
            + " lease_until = null where id = ?",
        next,
        error,
        id);
  }

  private void settle(String sql, Object... args) {
    jdbc.withConnection(c -> Jdbc.update(c, sql, args));
  }

  /** The state of the subscription's latest terminal event, or "none" before there is one. */
  public State latestState(String subscriptionId) {
    return jdbc.withConnection(
        c ->
            Jdbc.one(
                    c,
                    "select status, attempts, last_error, delivered_at from delivery"
                        + " where subscription_id = ?"
                        + " and type in ('crawl.completed', 'crawl.failed', 'crawl.cancelled')"
                        + " order by occurred_at desc, id desc limit 1",
                    rs ->
                        new State(
                            rs.getString("status"),
                            rs.getInt("attempts"),
                            rs.getString("last_error"),
                            Jdbc.instant(rs, "delivered_at")),
                    subscriptionId)
                .orElse(new State("none", 0, null, null)));
  }
}
