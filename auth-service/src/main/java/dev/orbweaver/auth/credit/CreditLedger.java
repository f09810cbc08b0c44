package dev.orbweaver.auth.credit;

import com.fasterxml.jackson.databind.node.LongNode;
import dev.orbweaver.auth.plan.Plan;
import dev.orbweaver.common.error.ApiException;
import dev.orbweaver.common.error.ErrorKind;
import dev.orbweaver.common.sql.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Credits, for the dialects that bill in credits (AlterLab's pre-debit and refund). Every movement
 * carries a ref and happens at most once per (account, kind, ref), so retries never double-charge.
 * A null balance means unlimited: movements are still recorded.
 */
@ApplicationScoped
public class CreditLedger {
  private final Jdbc jdbc;

  @Inject
  public CreditLedger(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  /** Opens an account's balance with its plan's credits ({@code credits} empty: unlimited). */
  public void open(Connection c, long accountId, Plan plan, Optional<Long> credits)
      throws SQLException {
    Jdbc.update(
        c,
        "insert into credit_balance (account_id, balance) values (?, ?) on conflict do nothing",
        accountId,
        credits.orElse(null));
    if (credits.isPresent()) {
      record(c, accountId, "grant", credits.get(), planGrant(plan));
    }
  }

  /**
   * An account moved to another plan: the plan's credits are granted once per account and plan, so
   * switching back and forth mints nothing; a plan without credits makes the balance unlimited, and
   * leaving it starts the balance from what the new plan grants.
   */
  public void planChanged(Connection c, long accountId, Plan plan, Optional<Long> credits)
      throws SQLException {
    Long current = lockBalance(c, accountId);
    Long next;
    if (credits.isEmpty()) {
      next = null;
    } else {
      long granted =
          record(c, accountId, "grant", credits.get(), planGrant(plan)) ? credits.get() : 0;
      next = current == null ? granted : current + granted;
    }
    Jdbc.update(c, "update credit_balance set balance = ? where account_id = ?", next, accountId);
  }

  public Balance debit(long accountId, long amount, String ref) {
    checkMovement(amount, ref);
    return jdbc.inTransaction(
        c -> {
          Long current = lockBalance(c, accountId);
          if (!record(c, accountId, "debit", amount, ref)) {
            return new Balance(current);
          }
          if (current == null) {
            return new Balance(null);
          }
          if (current < amount) {
            throw new ApiException(
                ErrorKind.INSUFFICIENT_CREDITS,
                null,
                "Insufficient credits: " + amount + " needed, " + current + " available.",
                Map.of("balance", LongNode.valueOf(current)));
          }
          Jdbc.update(
              c,
              "update credit_balance set balance = balance - ? where account_id = ?",
              amount,
              accountId);
          return new Balance(current - amount);
        });
  }

  public Balance refund(long accountId, long amount, String ref) {
    return credit(accountId, amount, ref, "refund");
  }

  /** Adds credits an operator granted. */
  public Balance grant(long accountId, long amount, String ref) {
    return credit(accountId, amount, ref, "grant");
  }

  private Balance credit(long accountId, long amount, String ref, String kind) {
    checkMovement(amount, ref);
    return jdbc.inTransaction(
        c -> {
          Long current = lockBalance(c, accountId);
          if (!record(c, accountId, kind, amount, ref) || current == null) {
            return new Balance(current);
          }
          Jdbc.update(
              c,
              "update credit_balance set balance = balance + ? where account_id = ?",
              amount,
              accountId);
          return new Balance(current + amount);
        });
  }

  public Balance balance(long accountId) {
    return jdbc.withConnection(
        c ->
            Jdbc.one(
                    c,
                    "select balance from credit_balance where account_id = ?",
                    rs -> new Balance(Jdbc.nullableLong(rs, "balance")),
                    accountId)
                .orElseThrow(() -> ApiException.notFound("No such account.")));
  }

  private static Long lockBalance(Connection c, long accountId) throws SQLException {
    return Jdbc.one(
            c,
            "select balance from credit_balance where account_id = ? for update",
            rs -> Optional.ofNullable(Jdbc.nullableLong(rs, "balance")),
            accountId)
        .orElseThrow(() -> ApiException.notFound("No such account."))
        .orElse(null);
  }

  /** True when this movement is new; false when the same ref was already applied. */
  private static boolean record(Connection c, long accountId, String kind, long amount, String ref)
      throws SQLException {
    return Jdbc.update(
            c,
            "insert into credit_ledger (account_id, kind, amount, ref) values (?, ?, ?, ?)"
                + " on conflict (account_id, kind, ref) do nothing",
            accountId,
            kind,
            amount,
            ref)
        == 1;
  }

  private static String planGrant(Plan plan) {
    return "plan:" + plan.wireName();
  }

  private static void checkMovement(long amount, String ref) {
    if (amount < 0) {
      throw ApiException.validation("amount must not be negative");
    }
    if (ref == null || ref.isBlank() || ref.length() > 200) {
      throw ApiException.validation("ref is required (at most 200 characters)");
    }
  }

  /** A balance; null when unlimited. */
  public record Balance(Long balance) {}
}
