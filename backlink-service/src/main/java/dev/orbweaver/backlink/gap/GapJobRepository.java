package dev.orbweaver.backlink.gap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orbweaver.common.sql.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/** SQL for gap jobs; every statement a caller can reach names the job's account. */
@ApplicationScoped
public class GapJobRepository {
  private static final String COLUMNS =
      "id, account_id, project_id, release_id, my_domain, competitor_domains, status,"
          + " progress_pct, attempts, result, error_code, error_message, created_at, started_at,"
          + " completed_at";

  private final ObjectMapper json;

  @Inject
  public GapJobRepository(ObjectMapper json) {
    this.json = json;
  }

  public void insert(Connection c, GapJob job) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "insert into gap_job (id, account_id, project_id, release_id, my_domain,"
                + " competitor_domains, status, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)")) {
      s.setString(1, job.id());
      s.setLong(2, job.accountId());
      s.setLong(3, job.projectId());
      s.setString(4, job.releaseId());
      s.setString(5, job.myDomain());
      s.setArray(6, c.createArrayOf("text", job.competitorDomains().toArray()));
      s.setString(7, job.status().word());
      s.setTimestamp(8, Timestamp.from(job.createdAt()));
      s.executeUpdate();
    }
  }

  /** The account's job, if it exists and was submitted at or after {@code notBefore}. */
  public Optional<GapJob> find(Connection c, long accountId, String id, Instant notBefore)
      throws SQLException {
    return Jdbc.one(
        c,
        "select " + COLUMNS + " from gap_job where id = ? and account_id = ? and created_at >= ?",
        this::map,
        id,
        accountId,
        notBefore);
  }

  /**
   * Takes the oldest queued job, or a running one whose worker stopped renewing its lease, and
   * leases it to the caller until {@code leaseUntil}.
   */
  public Optional<GapJob> claim(Connection c, Instant now, Instant leaseUntil) throws SQLException {
    return Jdbc.one(
        c,
        "update gap_job set status = 'running', attempts = attempts + 1, lease_until = ?,"
            + " started_at = coalesce(started_at, ?), progress_pct = 0"
            + " where id = (select id from gap_job"
            + "   where status = 'queued' or (status = 'running' and lease_until < ?)"
            + "   order by created_at limit 1 for update skip locked)"
            + " returning "
            + COLUMNS,
        this::map,
        leaseUntil,
        now,
        now);
  }

  /** Records progress and renews the lease; false when the job is no longer this attempt's. */
  public boolean progress(Connection c, String id, int attempt, int pct, Instant leaseUntil)
      throws SQLException {
    return Jdbc.update(
            c,
            "update gap_job set progress_pct = ?, lease_until = ?"
                + " where id = ? and attempts = ? and status = 'running'",
            pct,
            leaseUntil,
            id,
            attempt)
        == 1;
  }

  public boolean complete(Connection c, String id, int attempt, GapOutcome outcome, Instant now)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "update gap_job set status = 'completed', progress_pct = 100, result = ?::jsonb,"
                + " completed_at = ?, lease_until = null"
                + " where id = ? and attempts = ? and status = 'running'")) {
      s.setString(1, json.writeValueAsString(outcome));
      s.setTimestamp(2, Timestamp.from(now));
      s.setString(3, id);
      s.setInt(4, attempt);
      return s.executeUpdate() == 1;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public boolean fail(
      Connection c, String id, int attempt, String code, String message, Instant now)
      throws SQLException {
    return Jdbc.update(
            c,
            "update gap_job set status = 'failed', error_code = ?, error_message = ?,"
                + " completed_at = ?, lease_until = null"
                + " where id = ? and attempts = ? and status = 'running'",
            code,
            message,
            now,
            id,
            attempt)
        == 1;
  }

  /** Puts a job that failed for a passing reason back in the queue. */
  public boolean requeue(Connection c, String id, int attempt) throws SQLException {
    return Jdbc.update(
            c,
            "update gap_job set status = 'queued', lease_until = null"
                + " where id = ? and attempts = ? and status = 'running'",
            id,
            attempt)
        == 1;
  }

  /** Drops jobs submitted before {@code cutoff}, whatever their state. */
  public int purge(Connection c, Instant cutoff) throws SQLException {
    return Jdbc.update(c, "delete from gap_job where created_at < ?", cutoff);
  }

  private GapJob map(ResultSet rs) throws SQLException {
    Array competitors = rs.getArray("competitor_domains");
    String result = rs.getString("result");
    GapOutcome outcome;
    try {
      outcome = result == null ? null : json.readValue(result, GapOutcome.class);
    } catch (JsonProcessingException e) {
      throw new SQLException("gap_job " + rs.getString("id") + " holds an unreadable result", e);
    }
    return new GapJob(
        rs.getString("id"),
        rs.getLong("account_id"),
        rs.getLong("project_id"),
        rs.getString("release_id"),
        rs.getString("my_domain"),
        Arrays.asList((String[]) competitors.getArray()),
        GapStatus.of(rs.getString("status")),
        rs.getInt("progress_pct"),
        rs.getInt("attempts"),
        outcome,
        rs.getString("error_code"),
        rs.getString("error_message"),
        Jdbc.instant(rs, "created_at"),
        Jdbc.instant(rs, "started_at"),
        Jdbc.instant(rs, "completed_at"));
  }
}
