package dev.orbweaver.auth.account;

import dev.orbweaver.auth.credit.CreditLedger;
import dev.orbweaver.auth.key.Keys;
import dev.orbweaver.auth.key.NewKey;
import dev.orbweaver.auth.plan.Limits;
import dev.orbweaver.auth.plan.Plan;
import dev.orbweaver.auth.plan.Resources;
import dev.orbweaver.common.error.ApiException;
import dev.orbweaver.common.sql.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** Opening accounts and what an operator may change about them. */
@ApplicationScoped
public class Accounts {
  private static final int MAX_NAME = 200;

  private final Jdbc jdbc;
  private final AccountRepository accounts;
  private final Keys keys;
  private final CreditLedger credits;
  private final Limits limits;

  @Inject
  public Accounts(
      DataSource dataSource,
      AccountRepository accounts,
      Keys keys,
      CreditLedger credits,
      Limits limits) {
    this.jdbc = new Jdbc(dataSource);
    this.accounts = accounts;
    this.keys = keys;
    this.credits = credits;
    this.limits = limits;
  }

  /** An account, its default project, its credits and a first key "default", all or nothing. */
  public Opened open(String name, Plan plan) {
    if (name == null || name.isBlank() || name.strip().length() > MAX_NAME) {
      throw ApiException.validation("name is required (at most " + MAX_NAME + " characters)");
    }
    return jdbc.inTransaction(
        c -> {
          Account account = accounts.insert(c, name.strip(), plan);
          long project = accounts.insertProject(c, account.id(), "default");
          credits.open(c, account.id(), plan, limits.startingCredits(plan));
          NewKey key = keys.create(c, account.id(), project, "default");
          return new Opened(account, project, key);
        });
  }

  public List<Account> list(long afterId, int limit) {
    return jdbc.withConnection(c -> accounts.list(c, afterId, limit));
  }

  public Account get(long id) {
    return jdbc.withConnection(
        c -> accounts.find(c, id).orElseThrow(() -> ApiException.notFound("No such account.")));
  }

  /** Moves an account to a plan: its limits follow at once, its credits as the plan grants. */
  public Account setPlan(long id, Plan plan) {
    return jdbc.inTransaction(
        c -> {
          Account account =
              accounts.lock(c, id).orElseThrow(() -> ApiException.notFound("No such account."));
          if (account.plan() == plan) {
            return account;
          }
          accounts.setPlan(c, id, plan);
          credits.planChanged(c, id, plan, limits.startingCredits(plan));
          return accounts.find(c, id).orElseThrow();
        });
  }

  /** Status and per-resource limit overrides; a null limit means unlimited, "plan" restores it. */
  public Account change(long id, String status, Map<String, Object> overrides) {
    if (status != null && !Account.ACTIVE.equals(status) && !Account.DISABLED.equals(status)) {
      throw ApiException.validation("status must be active or disabled");
    }
    return jdbc.inTransaction(
        c -> {
          accounts.lock(c, id).orElseThrow(() -> ApiException.notFound("No such account."));
          if (status != null) {
            accounts.setStatus(c, id, status);
          }
          for (var entry : overrides.entrySet()) {
            String resource = entry.getKey();
            String kind;
            if (Resources.isQuota(resource)) {
              kind = "quota";
            } else if (Resources.isConcurrency(resource)) {
              kind = "concurrency";
            } else {
              throw ApiException.validation("unknown resource '" + resource + "' in limits");
            }
            Object value = entry.getValue();
            if ("plan".equals(value)) {
              accounts.clearLimit(c, id, kind, resource);
            } else if (value == null) {
              accounts.setLimit(c, id, kind, resource, null);
            } else if (value instanceof Number n
                && n.longValue() >= 0
                && n.doubleValue() == n.longValue()) {
              accounts.setLimit(c, id, kind, resource, n.longValue());
            } else {
              throw ApiException.validation(
                  "limits."
                      + resource
                      + " must be a whole number ≥ 0, null (unlimited) or \"plan\"");
            }
          }
          return accounts.find(c, id).orElseThrow();
        });
  }

  public CreditLedger.Balance grantCredits(long id, long amount, String ref) {
    get(id);
    return credits.grant(id, amount, ref);
  }

  /** A new account with its default project and first key. */
  public record Opened(Account account, long projectId, NewKey key) {}
}
