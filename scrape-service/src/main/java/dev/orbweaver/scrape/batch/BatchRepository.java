package dev.orbweaver.scrape.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orbweaver.common.sql.Jdbc;
import dev.orbweaver.scrape.scrape.ScrapeSpec;
import dev.orbweaver.scrape.scrape.ScrapedPage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Batch jobs and their pages in PostgreSQL. Pages are claimed with {@code FOR UPDATE SKIP LOCKED}
 * and a lease, so replicas share the work, and a page whose replica died is claimed again when its
 * lease runs out (at most {@code maxAttempts} times).
 */
@ApplicationScoped
public class BatchRepository {
  private final Jdbc jdbc;
  private final ObjectMapper json;

  @Inject
  public BatchRepository(DataSource dataSource, ObjectMapper json) {
    this.jdbc = new Jdbc(dataSource);
    this.json = json;
  }

  /** A page claimed for scraping, with what the scrape needs from its job. */
  public record Claim(
      UUID jobId, int position, String url, long accountId, long projectId, ScrapeSpec spec) {}

  /**
   * Stores a job and its pages, or returns the job an earlier request with the same idempotency key
   * created.
   */
  public BatchJob create(BatchJob job, List<String> urls, String idempotencyKey) {
    return jdbc.inTransaction(
        c -> {
          if (idempotencyKey != null) {
            Optional<BatchJob> earlier =
                Jdbc.one(
                    c,
                    SELECT_JOB + " WHERE account_id = ? AND idempotency_key = ?",
                    this::job,
                    job.accountId(),
                    idempotencyKey);
            if (earlier.isPresent()) {
              return earlier.get();
            }
          }
          Jdbc.update(
              c,
              "INSERT INTO batch_jobs (id, account_id, project_id, dialect, status, spec, total,"
                  + " invalid_urls, warnings, idempotency_key, created_at, expires_at)"
                  + " VALUES (?, ?, ?, ?, 'scraping', ?::jsonb, ?, ?::jsonb, ?::jsonb, ?, ?, ?)",
              job.id(),
              job.accountId(),
              job.projectId(),
              job.dialect(),
              write(job.spec()),
              job.total(),
              write(job.invalidUrls()),
              write(job.warnings()),
              idempotencyKey,
              Timestamp.from(job.createdAt()),
              Timestamp.from(job.expiresAt()));
          try (PreparedStatement insert =
              c.prepareStatement(
                  "INSERT INTO batch_items (job_id, position, url) VALUES (?, ?, ?)")) {
            for (int i = 0; i < urls.size(); i++) {
              insert.setObject(1, job.id());
              insert.setInt(2, i);
              insert.setString(3, urls.get(i));
              insert.addBatch();
            }
            insert.executeBatch();
          }
          return job;
        });
  }

  private static final String SELECT_JOB =
      "SELECT id, account_id, project_id, dialect, status, spec::text AS spec, total,"
          + " invalid_urls::text AS invalid_urls, warnings::text AS warnings, created_at,"
          + " finished_at, expires_at FROM batch_jobs";

  /** The account's job; another account's id is as absent as an unknown one. */
  public Optional<BatchJob> find(long accountId, UUID id) {
    return jdbc.withConnection(
        c ->
            Jdbc.one(
                c,
                SELECT_JOB + " WHERE id = ? AND account_id = ? AND expires_at > now()",
                this::job,
                id,
                accountId));
  }

  public BatchJob.Progress progress(UUID id) {
    return jdbc.withConnection(
        c ->
            Jdbc.one(
                    c,
                    "SELECT count(*) FILTER (WHERE state = 'done') AS done,"
                        + " count(*) FILTER (WHERE state = 'failed') AS failed,"
                        + " count(*) FILTER (WHERE state IN ('pending', 'running')) AS pending"
                        + " FROM batch_items WHERE job_id = ?",
                    rs ->
                        new BatchJob.Progress(
                            rs.getInt("done"), rs.getInt("failed"), rs.getInt("pending")),
                    id)
                .orElseThrow());
  }

  /** Scraped pages in request order, {@code skip} and {@code limit} as a status page shows them. */
  public List<ScrapedPage> documents(UUID id, int skip, int limit) {
    return jdbc.withConnection(
        c ->
            Jdbc.list(
                c,
                "SELECT document::text AS document FROM batch_items WHERE job_id = ? AND state ="
                    + " 'done' ORDER BY position OFFSET ? LIMIT ?",
                rs -> read(rs.getString("document"), ScrapedPage.class),
                id,
                skip,
                limit));
  }

  public List<BatchJob.Failure> failures(UUID id) {
    return jdbc.withConnection(
        c ->
            Jdbc.list(
                c,
                "SELECT position, url, error_code, error, finished_at FROM batch_items"
                    + " WHERE job_id = ? AND state = 'failed' ORDER BY position",
                rs ->
                    new BatchJob.Failure(
                        rs.getInt("position"),
                        rs.getString("url"),
                        rs.getString("error_code"),
                        rs.getString("error"),
                        Jdbc.instant(rs, "finished_at")),
                id));
  }

  /**
   * Claims up to {@code limit} pages of running jobs, oldest job first. Pages whose lease ran out
   * after {@code maxAttempts} claims are failed instead: their scrape keeps killing replicas.
   */
  public List<Claim> claim(int limit, Duration lease, int maxAttempts) {
    return jdbc.inTransaction(
        c -> {
          Jdbc.update(
              c,
              "UPDATE batch_items SET state = 'failed', error_code = 'worker_lost', error ="
                  + " 'the page was claimed ' || attempts || ' times without finishing',"
                  + " finished_at = now(), lease_until = NULL"
                  + " WHERE state = 'running' AND lease_until < now() AND attempts >= ?",
              maxAttempts);
          return Jdbc.list(
              c,
              "WITH picked AS ("
                  + "  SELECT i.job_id, i.position FROM batch_items i"
                  + "  JOIN batch_jobs j ON j.id = i.job_id"
                  + "  WHERE j.status = 'scraping' AND (i.state = 'pending'"
                  + "    OR (i.state = 'running' AND i.lease_until < now()))"
                  + "  ORDER BY j.created_at, i.position LIMIT ? FOR UPDATE OF i SKIP LOCKED),"
                  + " claimed AS ("
                  + "  UPDATE batch_items i SET state = 'running', attempts = i.attempts + 1,"
                  + "    lease_until = now() + make_interval(secs => ?)"
                  + "  FROM picked p WHERE i.job_id = p.job_id AND i.position = p.position"
                  + "  RETURNING i.job_id, i.position, i.url)"
                  + " SELECT c.job_id, c.position, c.url, j.account_id, j.project_id,"
                  + " j.spec::text AS spec FROM claimed c JOIN batch_jobs j ON j.id = c.job_id"
                  + " ORDER BY j.created_at, c.position",
              rs ->
                  new Claim(
                      rs.getObject("job_id", UUID.class),
                      rs.getInt("position"),
                      rs.getString("url"),
                      rs.getLong("account_id"),
                      rs.getLong("project_id"),
                      read(rs.getString("spec"), ScrapeSpec.class)),
              limit,
              (double) lease.toMillis() / 1000);
        });
  }

  public void succeed(UUID job, int position, ScrapedPage page) {
    jdbc.withConnection(
        c ->
            Jdbc.update(
                c,
                "UPDATE batch_items SET state = 'done', document = ?::jsonb, finished_at = now(),"
                    + " lease_until = NULL WHERE job_id = ? AND position = ? AND state = 'running'",
                write(page),
                job,
                position));
  }

  public void fail(UUID job, int position, String code, String error) {
    jdbc.withConnection(
        c ->
            Jdbc.update(
                c,
                "UPDATE batch_items SET state = 'failed', error_code = ?, error = ?, finished_at ="
                    + " now(), lease_until = NULL WHERE job_id = ? AND position = ? AND state ="
                    + " 'running'",
                code,
                error,
                job,
                position));
  }

  /**
   * Ends a job whose pages are all done: completed, or failed when not one page could be scraped.
   * Runs once per job (the status condition), whichever replica finished the last page.
   */
  public boolean finishIfDone(UUID job) {
    return jdbc.withConnection(
            c ->
                Jdbc.update(
                    c,
                    "UPDATE batch_jobs j SET finished_at = now(), status = CASE WHEN EXISTS (SELECT 1"
                        + " FROM batch_items WHERE job_id = j.id AND state = 'done') THEN 'completed'"
                        + " ELSE 'failed' END WHERE j.id = ? AND j.status = 'scraping' AND NOT EXISTS"
                        + " (SELECT 1 FROM batch_items WHERE job_id = j.id AND state IN ('pending',"
                        + " 'running'))",
                    job))
        > 0;
  }

  /** Stops a running job: its pages that were not started stay unscraped. */
  public boolean cancel(long accountId, UUID id) {
    return jdbc.withConnection(
            c ->
                Jdbc.update(
                    c,
                    "UPDATE batch_jobs SET status = 'cancelled', finished_at = now() WHERE id = ?"
                        + " AND account_id = ? AND status = 'scraping'",
                    id,
                    accountId))
        > 0;
  }

  /** Forgets jobs past their retention. */
  public int expire() {
    return jdbc.withConnection(
        c -> Jdbc.update(c, "DELETE FROM batch_jobs WHERE expires_at < now()"));
  }

  private BatchJob job(ResultSet rs) throws SQLException {
    return new BatchJob(
        rs.getObject("id", UUID.class),
        rs.getLong("account_id"),
        rs.getLong("project_id"),
        rs.getString("dialect"),
        rs.getString("status"),
        read(rs.getString("spec"), ScrapeSpec.class),
        rs.getInt("total"),
        read(rs.getString("invalid_urls"), new TypeReference<List<String>>() {}),
        read(rs.getString("warnings"), new TypeReference<List<String>>() {}),
        Jdbc.instant(rs, "created_at"),
        Jdbc.instant(rs, "finished_at"),
        Jdbc.instant(rs, "expires_at"));
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private <T> T read(String text, Class<T> type) {
    try {
      return json.readValue(text, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored " + type.getSimpleName() + " does not read back", e);
    }
  }

  private <T> T read(String text, TypeReference<T> type) {
    try {
      return json.readValue(text, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
