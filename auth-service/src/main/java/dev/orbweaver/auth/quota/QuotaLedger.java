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
import java.util.Optional;
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
    return jdbc.inTransaction(
        c -> {
          Account account = account(c, accountId);
          Limit limit = limits.of(c, accountId, account.plan(), Limits.Kind.QUOTA, resource);
          Jdbc.update(
              c,
              "insert into quota_counter (account_id, resource, period) values (?, ?, ?)"
                  + " on conflict do nothing",
              accountId,
              resource,
              Date.valueOf(period.start()));
          int reserved =
              Jdbc.update(
                  c,
                  "update quota_counter set reserved = reserved + ?"
                      + " where account_id = ? and resource = ? and period = ?"
                      + " and (?::bigint is null or used + reserved + ? <= ?::bigint)",
                  amount,
                  accountId,
                  resource,
                  Date.valueOf(period.start()),
                  limit.max(),
                  amount,
                  limit.max());
          if (reserved == 0) {
            return Reservation.refused(counters(c, account, period), period.secondsUntilReset(now));
          }
          String id = Ids.prefixed("rsv", 20);
          Jdbc.update(
              c,
              "insert into quota_reservation (id, account_id, resource, period, amount, state,"
                  + " created_at, expires_at) values (?, ?, ?, ?, ?, 'reserved', ?, ?)",
              id,
              accountId,
              resource,
              Date.valueOf(period.start()),
              amount,
              now,
              now.plus(RESERVATION_TTL));
          return Reservation.granted(id, counters(c, account, period));
        });
  }

  /** Counts a reserved call as used. Idempotent; a refunded reservation stays refunded. */
  public List<Counter> commit(String reservationId, Instant now) {
    return settle(reservationId, "committed", now);
  }

  /** Gives a reserved call back. Idempotent; a committed reservation stays committed. */
  public List<Counter> refund(String reservationId, Instant now) {
    return settle(reservationId, "refunded", now);
  }

  private List<Counter> settle(String reservationId, String outcome, Instant now) {
    return jdbc.inTransaction(
        c -> {
          Optional<Held> held =
              Jdbc.one(
                  c,
                  "update quota_reservation set state = ? where id = ? and state = 'reserved'"
                      + " returning account_id, resource, period, amount",
                  rs ->
                      new Held(
                          rs.getLong("account_id"),
                          rs.getString("resource"),
                          rs.getDate("period"),
                          rs.getInt("amount")),
                  outcome,
                  reservationId);
          long accountId;
          MonthlyPeriod period;
          if (held.isPresent()) {
            Held h = held.get();
            accountId = h.accountId();
            period = new MonthlyPeriod(h.period().toLocalDate());
            Jdbc.update(
                c,
                "update quota_counter set reserved = reserved - ?, used = used + ?"
                    + " where account_id = ? and resource = ? and period = ?",
                h.amount(),
                "committed".equals(outcome) ? h.amount() : 0,
                h.accountId(),
                h.resource(),
                h.period());
          } else {
            Held known =
                Jdbc.one(
                        c,
                        "select account_id, resource, period, amount from quota_reservation where id = ?",
                        rs ->
                            new Held(
                                rs.getLong("account_id"),
                                rs.getString("resource"),
                                rs.getDate("period"),
                                rs.getInt("amount")),
                        reservationId)
                    .orElseThrow(() -> ApiException.notFound("No such reservation."));
            accountId = known.accountId();
            period = MonthlyPeriod.of(now);
          }
          return counters(c, account(c, accountId), period);
        });
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
    Map<String, Limit> overrides = limits.overrides(c, account.id(), Limits.Kind.QUOTA);
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

  private record Held(long accountId, String resource, Date period, int amount) {}

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
