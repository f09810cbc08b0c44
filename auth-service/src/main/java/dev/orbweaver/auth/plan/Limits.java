package dev.orbweaver.auth.plan;

import dev.orbweaver.common.sql.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The effective limit of an account: its own override where it has one, else its plan's. */
@ApplicationScoped
public class Limits {
  public enum Kind {
    QUOTA,
    CONCURRENCY
  }

  private final PlanConfig plans;

  @Inject
  public Limits(PlanConfig plans) {
    this.plans = plans;
  }

  public Limit of(Connection c, long accountId, Plan plan, Kind kind, String resource)
      throws SQLException {
    Optional<Limit> override =
        Jdbc.one(
            c,
            "select \"limit\" from account_limit where account_id = ? and kind = ? and resource = ?",
            rs -> new Limit(Jdbc.nullableLong(rs, "limit")),
            accountId,
            kind.name().toLowerCase(java.util.Locale.ROOT),
            resource);
    return override.orElseGet(() -> planLimit(plan, kind, resource));
  }

  /** Every override of an account, by kind and resource. */
  public Map<String, Limit> overrides(Connection c, long accountId, Kind kind) throws SQLException {
    Map<String, Limit> out = new HashMap<>();
    for (var row :
        Jdbc.list(
            c,
            "select resource, \"limit\" from account_limit where account_id = ? and kind = ?",
            rs -> Map.entry(rs.getString("resource"), new Limit(Jdbc.nullableLong(rs, "limit"))),
            accountId,
            kind.name().toLowerCase(java.util.Locale.ROOT))) {
      out.put(row.getKey(), row.getValue());
    }
    return out;
  }

  public Limit planLimit(Plan plan, Kind kind, String resource) {
    PlanConfig.PlanLimits limits = plans.of(plan);
    Long max =
        kind == Kind.QUOTA ? limits.quotas().get(resource) : limits.concurrency().get(resource);
    return new Limit(max);
  }

  public Optional<Long> startingCredits(Plan plan) {
    return plans.of(plan).credits();
  }
}
