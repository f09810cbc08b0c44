package dev.orbweaver.webhook.delivery;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.orbweaver.common.sql.Jdbc;
import dev.orbweaver.webhook.stream.StreamPosition;
import dev.orbweaver.webhook.subscription.Subscription;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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

  /** An event as the stream carries it, and where it sat in the stream. */
  public record Event(
      String eventId, String type, String body, Instant occurredAt, StreamPosition position) {}

  /** A delivery due now, with the attempts it already had and the target it goes to. */
  public record Due(
      long id,
      String eventId,
      String subscriptionId,
      String type,
      String body,
      int attempts,
      Instant occurredAt,
      String target) {}

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
            "insert into delivery (event_id, subscription_id, type, body, occurred_at,"
                + " stream_ms, stream_seq) values (?, ?, ?, ?, ?, ?, ?)"
                + " on conflict (event_id, subscription_id) do nothing",
            event.eventId(),
            s.id(),
            event.type(),
            event.body(),
            event.occurredAt(),
            event.position().ms(),
            event.position().seq());
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
   * Leases up to {@code max} due deliveries, at most {@code perTarget} in flight to one target
   * counting {@code inFlight} (target → attempts running now). A {@code stream} subscription gets
   * its deliveries one at a time in stream order: one waits while an earlier one is pending, and
   * until every stream entry before it is stored ({@code storedBefore}), since another replica may
   * still be storing an earlier event of the same crawl.
   */
  public List<Due> claim(
      int max,
      int perTarget,
      Map<String, Integer> inFlight,
      StreamPosition storedBefore,
      Duration lease) {
    String[] busy = inFlight.keySet().toArray(String[]::new);
    Integer[] running = inFlight.values().toArray(Integer[]::new);
    String[] full =
        inFlight.entrySet().stream()
            .filter(e -> e.getValue() >= perTarget)
            .map(Map.Entry::getKey)
            .toArray(String[]::new);
    return jdbc.inTransaction(
        c ->
            Jdbc.list(
                c,
                """
                with candidate as (
                  select d.id, d.next_attempt_at, coalesce(s.target, s.id) as target
                  from delivery d join subscription s on s.id = d.subscription_id
                  where d.status = 'pending' and d.next_attempt_at <= now()
                    and (d.lease_until is null or d.lease_until < now())
                    and coalesce(s.target, s.id) <> all(?)
                    and (s.style <> 'stream' or (
                      (d.stream_ms, d.stream_seq) < (?, ?)
                      and not exists (
                        select 1 from delivery e
                        where e.subscription_id = d.subscription_id and e.status = 'pending'
                          and (e.stream_ms, e.stream_seq, e.id)
                              < (d.stream_ms, d.stream_seq, d.id))))
                  order by d.next_attempt_at, d.id
                  limit ? for update of d skip locked),
                chosen as (
                  select id, target from (
                    select candidate.id, candidate.target,
                           row_number() over (partition by candidate.target
                                              order by candidate.next_attempt_at, candidate.id) as n,
                           coalesce(busy.running, 0) as running
                    from candidate
                    left join unnest(?::text[], ?::int[]) as busy(target, running)
                      on busy.target = candidate.target) ranked
                  where n + running <= ?)
                update delivery set lease_until = now() + make_interval(secs => ?)
                from chosen where delivery.id = chosen.id
                returning delivery.id, delivery.event_id, delivery.subscription_id, delivery.type,
                          delivery.body, delivery.attempts, delivery.occurred_at, chosen.target
                """,
                rs ->
                    new Due(
                        rs.getLong("id"),
                        rs.getString("event_id"),
                        rs.getString("subscription_id"),
                        rs.getString("type"),
                        rs.getString("body"),
                        rs.getInt("attempts"),
                        Jdbc.instant(rs, "occurred_at"),
                        rs.getString("target")),
                c.createArrayOf("text", full),
                storedBefore.ms(),
                storedBefore.seq(),
                max,
                c.createArrayOf("text", busy),
                c.createArrayOf("integer", running),
                perTarget,
                (double) lease.toSeconds()));
  }

  public void delivered(long id, Instant at) {
    settle(
        "update delivery set status = 'delivered', attempts = attempts + 1, delivered_at = ?,"
            + " settled_at = ?, last_error = null, lease_until = null where id = ?",
        at,
        at,
        id);
  }

  public void dead(long id, String error) {
    settle(
        "update delivery set status = 'dead', attempts = attempts + 1, last_error = ?,"
            + " settled_at = now(), lease_until = null where id = ?",
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

  /**
   * Deletes up to {@code max} deliveries that became final (delivered or dead) before {@code
   * before}; returns how many. A pending delivery is never deleted, whatever its age, and neither
   * is the delivery of a crawl's terminal event: {@link #latestState} shows it for as long as the
   * crawl is there (one per crawl, where page events are one per page).
   */
  public int forgetSettled(Instant before, int max) {
    return jdbc.withConnection(
        c ->
            Jdbc.update(
                c,
                "delete from delivery where id in (select id from delivery"
                    + " where status <> 'pending' and settled_at < ?"
                    + " and type not in ('crawl.completed', 'crawl.failed', 'crawl.cancelled')"
                    + " limit ? for update skip locked)",
                before,
                max));
  }

  /**
   * Deletes up to {@code max} event ids received before {@code before}; returns how many.
   * crawl-service's relay asks about an event minutes after publishing it, never days.
   */
  public int forgetReceived(Instant before, int max) {
    return jdbc.withConnection(
        c ->
            Jdbc.update(
                c,
                "delete from event_received where event_id in (select event_id from event_received"
                    + " where received_at < ? limit ? for update skip locked)",
                before,
                max));
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
