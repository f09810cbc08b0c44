package dev.orbweaver.auth.quota;

import dev.orbweaver.auth.account.Account;
import dev.orbweaver.auth.account.AccountRepository;
import dev.orbweaver.auth.plan.Limit;
import dev.orbweaver.auth.plan.Limits;
import dev.orbweaver.auth.plan.Resources;
import dev.orbweaver.common.error.ApiException;
import dev.orbweaver.common.error.ErrorKind;
import dev.orbweaver.common.id.Ids;
import dev.orbweaver.common.sql.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Date;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Monthly quotas with reserve, commit and refund. A reservation holds a unit while a call is in
 * flight; only a 2xx commits it. The reserving UPDATE re-checks the limit under the row lock, so
 * concurrent calls can never push a counter past its limit.
 */
@ApplicationScoped
public class QuotaLedger {
  /** A reservation nobody commits or refunds (a crashed gateway) is refunded after this. */
  static final Duration RESERVATION_TTL = Duration.ofMinutes(5);

  /**
   * How long a settled reservation is kept: long enough for any retried commit or refund (the
   * counters hold what it counted), short enough that a row per metered call does not pile up.
   */
  static final Duration SETTLED_KEPT = Duration.ofDays(1);

  /** Settled reservations deleted per sweep at most: a sweep stays one short statement. */
  static final int FORGET_BATCH = 10_000;

  private final Jdbc jdbc;
  private final AccountRepository accounts;
  private final Limits limits;

  @Inject
  public QuotaLedger(DataSource dataSource, AccountRepository accounts, Limits limits) {
    this.jdbc = new Jdbc(dataSource);
    this.accounts = accounts;
    this.limits = limits;
  }

  public Reservation reserve(long accountId, String resource, int amount, Instant now) {
    if (!Resources.isQuota(resource)) {
      throw ApiException.validation("unknown quota resource '" + resource + "'");
    }
    if (amount < 1 || amount > 100_000) {
      throw ApiException.validation("amount must be 1..100000");
    }
    MonthlyPeriod period = MonthlyPeriod.of(now);
    Date start = Date.valueOf(period.start());
    // Every metered call waits for this, so it is one write statement (its own transaction) after
    // two reads, not a transaction of seven round trips.
    return jdbc.withConnection(
        c -> {
          Account account = account(c, accountId);
          Map<String, Limit> overrides = limits.overrides(c, accountId, Limits.Kind.QUOTA);
          Long max =
              overrides
                  .getOrDefault(
                      resource, limits.planLimit(account.plan(), Limits.Kind.QUOTA, resource))
                  .max();
          String id = Ids.prefixed("rsv", 20);
          Map<String, long[]> counts = new HashMap<>();
          boolean granted = false;
          for (CountRow row :
              Jdbc.list(
                  c,
                  RESERVE,
                  rs ->
                      new CountRow(
                          rs.getString("resource"),
                          rs.getLong("used"),
                          rs.getLong("reserved"),
                          rs.getBoolean("held")),
                  accountId,
                  resource,
                  start,
                  amount,
                  max,
                  amount,
                  max,
                  max,
                  max,
                  id,
                  amount,
                  now,
                  now.plus(RESERVATION_TTL),
                  accountId,
                  start,
                  resource)) {
            counts.put(row.resource(), new long[] {row.used(), row.reserved()});
            granted |= row.held();
          }
          List<Counter> counters = counters(account, overrides, period, counts);
          return granted
              ? Reservation.granted(id, counters)
              : Reservation.refused(counters, period.secondsUntilReset(now));
        });
  }

  /**
   * Reserves {@code amount} when the limit allows and books the reservation, in one statement: the
   * upsert locks the counter row and re-checks the limit against its latest version, so concurrent
   * calls can never pass the limit, and the reservation row exists exactly when the counter moved.
   * Answers the account's counters of the period, this resource's after the reservation (held) or
   * as it stands (refused).
   */
  private static final String RESERVE =
      """
      with held as (
        insert into quota_counter as q (account_id, resource, period, reserved)
        select ?::bigint, ?::text, ?::date, ?::bigint where ?::bigint is null or ?::bigint <= ?::bigint
        on conflict (account_id, resource, period) do update
          set reserved = q.reserved + excluded.reserved
          where ?::bigint is null or q.used + q.reserved + excluded.reserved <= ?::bigint
        returning q.account_id, q.resource, q.period, q.used, q.reserved),
      booked as (
        insert into quota_reservation
          (id, account_id, resource, period, amount, state, created_at, expires_at)
        select ?::text, account_id, resource, period, ?::int, 'reserved', ?::timestamptz,
          ?::timestamptz
        from held)
      select resource, used, reserved, true as held from held
      union all
      select resource, used, reserved, false from quota_counter
      where account_id = ?::bigint and period = ?::date
        and (resource <> ?::text or not exists (select 1 from held))
      """;

  private record CountRow(String resource, long used, long reserved, boolean held) {}

  /** Counts a reserved call as used. Idempotent; a refunded reservation stays refunded. */
  public List<Counter> commit(String reservationId, Instant now) {
    return settle(reservationId, "committed", now);
  }

  /** Gives a reserved call back. Idempotent; a committed reservation stays committed. */
  public List<Counter> refund(String reservationId, Instant now) {
    return settle(reservationId, "refunded", now);
  }

  private List<Counter> settle(String reservationId, String outcome, Instant now) {
    return jdbc.withConnection(
        c -> {
          Settled settled =
              Jdbc.one(
                      c,
                      SETTLE,
                      rs -> new Settled(Jdbc.nullableLong(rs, "account_id"), rs.getDate("period")),
                      outcome,
                      reservationId,
                      "committed".equals(outcome),
                      reservationId)
                  .orElseThrow();
          if (settled.accountId() == null) {
            throw ApiException.notFound("No such reservation.");
          }
          MonthlyPeriod period =
              settled.period() != null
                  ? new MonthlyPeriod(settled.period().toLocalDate())
                  : MonthlyPeriod.of(now);
          return counters(c, account(c, settled.accountId()), period);
        });
  }

  /**
   * Settles a held reservation and moves its counter in one statement (one transaction); a
   * reservation settled before stays as it was. Answers its account, and the period it counted in
   * when this call settled it.
   */
  private static final String SETTLE =
      """
      with settled as (
        update quota_reservation set state = ?::text where id = ?::text and state = 'reserved'
        returning account_id, resource, period, amount),
      counted as (
        update quota_counter q
          set reserved = q.reserved - s.amount,
              used = q.used + case when ?::boolean then s.amount else 0 end
        from settled s
        where q.account_id = s.account_id and q.resource = s.resource and q.period = s.period)
      select coalesce(
          (select account_id from settled),
          (select account_id from quota_reservation where id = ?::text)) as account_id,
        (select period from settled) as period
      """;

  private record Settled(Long accountId, Date period) {}

  /**
   * Deletes reservations settled and taken more than {@link #SETTLED_KEPT} ago, at most {@link
   * #FORGET_BATCH}; returns how many. A settle repeated after that answers 404 and changes nothing.
   */
  public int forgetSettled(Instant now) {
    return jdbc.withConnection(
        c ->
            Jdbc.update(
                c,
                "delete from quota_reservation where id in (select id from quota_reservation"
                    + " where state <> 'reserved' and created_at < ? limit ?)",
                now.minus(SETTLED_KEPT),
                FORGET_BATCH));
  }

  /** Refunds reservations whose caller never settled them; returns how many. */
  public int refundExpired(Instant now) {
    List<String> expired =
        jdbc.withConnection(
            c ->
                Jdbc.list(
                    c,
                    "select id from quota_reservation where state = 'reserved' and expires_at < ?"
                        + " limit 1000",
                    rs -> rs.getString(1),
                    now));
    expired.forEach(id -> refund(id, now));
    return expired.size();
  }

  public List<Counter> counters(long accountId, Instant now) {
    return jdbc.withConnection(c -> counters(c, account(c, accountId), MonthlyPeriod.of(now)));
  }

  List<Counter> counters(Connection c, Account account, MonthlyPeriod period) throws SQLException {
    Map<String, long[]> counts = new HashMap<>();
    for (var row :
        Jdbc.list(
            c,
            "select resource, used, reserved from quota_counter where account_id = ? and period = ?",
            rs ->
                Map.entry(
                    rs.getString("resource"),
                    new long[] {rs.getLong("used"), rs.getLong("reserved")}),
            account.id(),
            Date.valueOf(period.start()))) {
      counts.put(row.getKey(), row.getValue());
    }
    return counters(account, limits.overrides(c, account.id(), Limits.Kind.QUOTA), period, counts);
  }

  /** Every quota counter of the period: its limit (override, else the plan's) and counts. */
  private List<Counter> counters(
      Account account,
      Map<String, Limit> overrides,
      MonthlyPeriod period,
      Map<String, long[]> counts) {
    long resetAt = period.resetAt().getEpochSecond();
    List<Counter> out = new ArrayList<>();
    for (String resource : Resources.QUOTAS) {
      long[] count = counts.getOrDefault(resource, new long[2]);
      Limit limit =
          overrides.getOrDefault(
              resource, limits.planLimit(account.plan(), Limits.Kind.QUOTA, resource));
      out.add(
          new Counter(
              resource,
              limit.max(),
              count[0],
              count[1],
              limit.remaining(count[0] + count[1]),
              resetAt));
    }
    return out;
  }

  private Account account(Connection c, long accountId) throws SQLException {
    return accounts
        .find(c, accountId)
        .orElseThrow(() -> new ApiException(ErrorKind.NOT_FOUND, "No such account."));
  }

  /** The answer to a reservation: granted with an id, or refused with the time to wait. */
  public record Reservation(String id, List<Counter> counters, long retryAfter) {
    static Reservation granted(String id, List<Counter> counters) {
      return new Reservation(id, counters, 0);
    }

    static Reservation refused(List<Counter> counters, long retryAfter) {
      return new Reservation(null, counters, retryAfter);
    }

    public boolean granted() {
      return id != null;
    }
  }
}
