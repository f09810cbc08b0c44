package dev.orbweaver.auth.concurrency;

import dev.orbweaver.auth.account.Account;
import dev.orbweaver.auth.account.AccountRepository;
import dev.orbweaver.auth.plan.Limit;
import dev.orbweaver.auth.plan.Limits;
import dev.orbweaver.auth.plan.Resources;
import dev.orbweaver.common.error.ApiException;
import dev.orbweaver.common.error.ErrorKind;
import dev.orbweaver.common.sql.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Slots for things that run a while (crawls). Acquiring locks the account row, so "count, then
 * take" is atomic across replicas; a holder acquires and releases idempotently.
 */
@ApplicationScoped
public class ConcurrencySlots {
  private final Jdbc jdbc;
  private final AccountRepository accounts;
  private final Limits limits;

  @Inject
  public ConcurrencySlots(DataSource dataSource, AccountRepository accounts, Limits limits) {
    this.jdbc = new Jdbc(dataSource);
    this.accounts = accounts;
    this.limits = limits;
  }

  public Slots acquire(long accountId, String resource, String holder) {
    check(resource, holder);
    return jdbc.inTransaction(
        c -> {
          Account account =
              accounts
                  .lock(c, accountId)
                  .orElseThrow(() -> ApiException.notFound("No such account."));
          Limit limit = limits.of(c, accountId, account.plan(), Limits.Kind.CONCURRENCY, resource);
          long inUse = inUse(c, accountId, resource);
          boolean held =
              Jdbc.one(
                      c,
                      "select 1 from concurrency_slot where account_id = ? and resource = ? and holder = ?",
                      rs -> true,
                      accountId,
                      resource,
                      holder)
                  .isPresent();
          if (held) {
            return new Slots(resource, inUse, limit.max());
          }
          if (!limit.allows(inUse, 1)) {
            throw new ApiException(
                ErrorKind.CONCURRENCY_LIMIT,
                null,
                "At most " + limit.max() + " " + resource + " may run at once.",
                Map.of(
                    "in_use", com.fasterxml.jackson.databind.node.LongNode.valueOf(inUse),
                    "limit", com.fasterxml.jackson.databind.node.LongNode.valueOf(limit.max())));
          }
          Jdbc.update(
              c,
              "insert into concurrency_slot (account_id, resource, holder) values (?, ?, ?)",
              accountId,
              resource,
              holder);
          return new Slots(resource, inUse + 1, limit.max());
        });
  }

  public Slots release(long accountId, String resource, String holder) {
    check(resource, holder);
    return jdbc.inTransaction(
        c -> {
          Account account =
              accounts
                  .find(c, accountId)
                  .orElseThrow(() -> ApiException.notFound("No such account."));
          Jdbc.update(
              c,
              "delete from concurrency_slot where account_id = ? and resource = ? and holder = ?",
              accountId,
              resource,
              holder);
          Limit limit = limits.of(c, accountId, account.plan(), Limits.Kind.CONCURRENCY, resource);
          return new Slots(resource, inUse(c, accountId, resource), limit.max());
        });
  }

  public List<Slots> all(long accountId) {
    return jdbc.withConnection(
        c -> {
          Account account =
              accounts
                  .find(c, accountId)
                  .orElseThrow(() -> ApiException.notFound("No such account."));
          List<Slots> out = new ArrayList<>();
          for (String resource : Resources.CONCURRENCY) {
            Limit limit =
                limits.of(c, accountId, account.plan(), Limits.Kind.CONCURRENCY, resource);
            out.add(new Slots(resource, inUse(c, accountId, resource), limit.max()));
          }
          return out;
        });
  }

  private static long inUse(Connection c, long accountId, String resource) throws SQLException {
    return Jdbc.one(
            c,
            "select count(*) from concurrency_slot where account_id = ? and resource = ?",
            rs -> rs.getLong(1),
            accountId,
            resource)
        .orElse(0L);
  }

  private static void check(String resource, String holder) {
    if (!Resources.isConcurrency(resource)) {
      throw ApiException.validation("unknown concurrency resource '" + resource + "'");
    }
    if (holder == null || holder.isBlank() || holder.length() > 200) {
      throw ApiException.validation("holder is required (at most 200 characters)");
    }
  }

  /** How many of a resource run now, and how many may. */
  public record Slots(
      String resource,
      @com.fasterxml.jackson.annotation.JsonProperty("in_use") long inUse,
      Long limit) {}
}
