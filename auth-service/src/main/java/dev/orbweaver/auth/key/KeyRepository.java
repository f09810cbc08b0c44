package dev.orbweaver.auth.key;

import dev.orbweaver.common.sql.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** SQL for API keys; every statement that names a key also names its account. */
@ApplicationScoped
public class KeyRepository {

  public void insert(
      Connection c,
      String id,
      long accountId,
      long projectId,
      byte[] hash,
      String prefix,
      String label,
      Instant createdAt)
      throws SQLException {
    Jdbc.update(
        c,
        "insert into api_key (id, account_id, project_id, hash, prefix, label, created_at)"
            + " values (?, ?, ?, ?, ?, ?, ?)",
        id,
        accountId,
        projectId,
        hash,
        prefix,
        label,
        createdAt);
  }

  public int countActive(Connection c, long accountId) throws SQLException {
    return Jdbc.one(
            c,
            "select count(*) from api_key where account_id = ? and revoked_at is null",
            rs -> rs.getInt(1),
            accountId)
        .orElse(0);
  }

  public List<ApiKey> listActive(Connection c, long accountId) throws SQLException {
    return Jdbc.list(
        c,
        "select id, prefix, label, created_at, last_used_at, revoked_at from api_key"
            + " where account_id = ? and revoked_at is null order by created_at, id",
        KeyRepository::map,
        accountId);
  }

  /** Revokes a key of this account; false when the account has no such active key. */
  public boolean revoke(Connection c, long accountId, String id, Instant now) throws SQLException {
    return Jdbc.update(
            c,
            "update api_key set revoked_at = ? where id = ? and account_id = ? and revoked_at is null",
            now,
            id,
            accountId)
        == 1;
  }

  /** The owner of an active key of an active account, by the key's hash. */
  public Optional<KeyOwner> owner(Connection c, byte[] hash) throws SQLException {
    return Jdbc.one(
        c,
        "select k.id, k.account_id, k.project_id, a.plan from api_key k"
            + " join account a on a.id = k.account_id"
            + " where k.hash = ? and k.revoked_at is null and a.status = 'active'",
        rs ->
            new KeyOwner(
                rs.getLong("account_id"),
                rs.getLong("project_id"),
                rs.getString("id"),
                rs.getString("plan")),
        hash);
  }

  /** Whether a key of this account is unrevoked and its account active. */
  public boolean live(Connection c, long accountId, String id) throws SQLException {
    return Jdbc.one(
            c,
            "select 1 from api_key k join account a on a.id = k.account_id"
                + " where k.id = ? and k.account_id = ? and k.revoked_at is null"
                + " and a.status = 'active'",
            rs -> true,
            id,
            accountId)
        .isPresent();
  }

  public void touch(Connection c, String id, Instant when) throws SQLException {
    Jdbc.update(
        c,
        "update api_key set last_used_at = ? where id = ? and (last_used_at is null or last_used_at < ?)",
        when,
        id,
        when);
  }

  private static ApiKey map(ResultSet rs) throws SQLException {
    return new ApiKey(
        rs.getString("id"),
        rs.getString("prefix"),
        rs.getString("label"),
        Jdbc.instant(rs, "created_at"),
        Jdbc.instant(rs, "last_used_at"),
        Jdbc.instant(rs, "revoked_at"));
  }
}
