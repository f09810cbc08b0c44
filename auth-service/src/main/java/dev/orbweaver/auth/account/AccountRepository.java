package dev.orbweaver.auth.account;

import dev.orbweaver.auth.plan.Plan;
import dev.orbweaver.common.sql.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** SQL for accounts and their projects. */
@ApplicationScoped
public class AccountRepository {
  private static final String COLUMNS = "id, name, plan, status, created_at";

  public Account insert(Connection c, String name, Plan plan) throws SQLException {
    return Jdbc.one(
            c,
            "insert into account (name, plan) values (?, ?) returning " + COLUMNS,
            AccountRepository::map,
            name,
            plan.wireName())
        .orElseThrow();
  }

  public long insertProject(Connection c, long accountId, String name) throws SQLException {
    return Jdbc.one(
            c,
            "insert into project (account_id, name) values (?, ?) returning id",
            rs -> rs.getLong(1),
            accountId,
            name)
        .orElseThrow();
  }

  public Optional<Account> find(Connection c, long id) throws SQLException {
    return Jdbc.one(
        c, "select " + COLUMNS + " from account where id = ?", AccountRepository::map, id);
  }

  /** The account row, locked until the transaction ends: serialises its keys and slots. */
  public Optional<Account> lock(Connection c, long id) throws SQLException {
    return Jdbc.one(
        c,
        "select " + COLUMNS + " from account where id = ? for update",
        AccountRepository::map,
        id);
  }

  public List<Account> list(Connection c, long afterId, int limit) throws SQLException {
    return Jdbc.list(
        c,
        "select " + COLUMNS + " from account where id > ? order by id limit ?",
        AccountRepository::map,
        afterId,
        limit);
  }

  public void setPlan(Connection c, long id, Plan plan) throws SQLException {
    Jdbc.update(c, "update account set plan = ? where id = ?", plan.wireName(), id);
  }

  public void setStatus(Connection c, long id, String status) throws SQLException {
    Jdbc.update(c, "update account set status = ? where id = ?", status, id);
  }

  public void setLimit(Connection c, long id, String kind, String resource, Long limit)
      throws SQLException {
    Jdbc.update(
        c,
        "insert into account_limit (account_id, kind, resource, \"limit\") values (?, ?, ?, ?)"
            + " on conflict (account_id, kind, resource) do update set \"limit\" = excluded.\"limit\"",
        id,
        kind,
        resource,
        limit);
  }

  public void clearLimit(Connection c, long id, String kind, String resource) throws SQLException {
    Jdbc.update(
        c,
        "delete from account_limit where account_id = ? and kind = ? and resource = ?",
        id,
        kind,
        resource);
  }

  public boolean ownsProject(Connection c, long accountId, long projectId) throws SQLException {
    return Jdbc.one(
            c,
            "select 1 from project where id = ? and account_id = ?",
            rs -> true,
            projectId,
            accountId)
        .isPresent();
  }

  private static Account map(ResultSet rs) throws SQLException {
    return new Account(
        rs.getLong("id"),
        rs.getString("name"),
        Plan.parse(rs.getString("plan")),
        rs.getString("status"),
        Jdbc.instant(rs, "created_at"));
  }
}
