package dev.orbweaver.scrape.changetracking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orbweaver.common.sql.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The last snapshot of each page an account tracks (per tag), for Firecrawl v2's change tracking,
 * which compares a scrape with the account's previous scrape of the same URL.
 */
@ApplicationScoped
public class SnapshotStore {
  private final Jdbc jdbc;
  private final ObjectMapper json;

  @Inject
  public SnapshotStore(DataSource dataSource, ObjectMapper json) {
    this.jdbc = new Jdbc(dataSource);
    this.json = json;
  }

  /** A snapshot with the time it was taken. */
  public record Stored(Snapshot snapshot, Instant capturedAt) {}

  public Optional<Stored> latest(long accountId, String url, String tag) {
    return jdbc.withConnection(
        c ->
            Jdbc.one(
                c,
                "SELECT markdown, json::text AS json, content_hash, captured_at FROM snapshots"
                    + " WHERE account_id = ? AND url_hash = sha256(convert_to(?, 'UTF8')) AND tag = ?",
                rs -> {
                  Instant at = Jdbc.instant(rs, "captured_at");
                  String stored = rs.getString("json");
                  try {
                    return new Stored(
                        new Snapshot(
                            rs.getString("markdown"),
                            stored == null ? null : json.readTree(stored),
                            rs.getString("content_hash"),
                            at.toString()),
                        at);
                  } catch (JsonProcessingException e) {
                    throw new IllegalStateException(e);
                  }
                },
                accountId,
                url,
                tag == null ? "" : tag));
  }

  public void save(long accountId, String url, String tag, Snapshot snapshot, Instant capturedAt) {
    String stored;
    try {
      stored = snapshot.json() == null ? null : json.writeValueAsString(snapshot.json());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    jdbc.withConnection(
        c ->
            Jdbc.update(
                c,
                "INSERT INTO snapshots (account_id, url_hash, tag, url, markdown, json, content_hash,"
                    + " captured_at) VALUES (?, sha256(convert_to(?, 'UTF8')), ?, ?, ?, ?::jsonb, ?, ?)"
                    + " ON CONFLICT (account_id, url_hash, tag) DO UPDATE SET markdown ="
                    + " excluded.markdown, json = excluded.json, content_hash = excluded.content_hash,"
                    + " captured_at = excluded.captured_at",
                accountId,
                url,
                tag == null ? "" : tag,
                url,
                snapshot.markdown(),
                stored,
                snapshot.contentHash(),
                Timestamp.from(capturedAt)));
  }
}
