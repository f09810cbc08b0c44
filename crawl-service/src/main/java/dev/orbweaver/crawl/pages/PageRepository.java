package dev.orbweaver.crawl.pages;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orbweaver.common.sql.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** SQL for pages and crawl errors; reads that tenants reach filter by account. */
@ApplicationScoped
public class PageRepository {
  private static final String COLUMNS =
      "id, crawl_id, url, final_url, depth, status, bytes, content_type, fetched_at, fetch_ms,"
          + " content_hash, metadata::text as metadata, formats::text as formats, change_status,"
          + " change_diff::text as change_diff, from_cache, credits, (html_zstd is not null) as has_html";

  private final ObjectMapper json;

  @Inject
  public PageRepository(ObjectMapper json) {
    this.json = json;
  }

  /** Pages of a crawl in fetch order, optionally of one HTTP status. */
  public List<StoredPage> list(Connection c, long crawlId, Integer status, int offset, int limit)
      throws SQLException {
    return status == null
        ? Jdbc.list(
            c,
            "select " + COLUMNS + " from page where crawl_id = ? order by id offset ? limit ?",
            this::map,
            crawlId,
            offset,
            limit)
        : Jdbc.list(
            c,
            "select "
                + COLUMNS
                + " from page where crawl_id = ? and status = ? order by id offset ? limit ?",
            this::map,
            crawlId,
            status,
            offset,
            limit);
  }

  /** A page of this account by its global id. */
  public Optional<StoredPage> findOwned(Connection c, long accountId, long pageId)
      throws SQLException {
    return Jdbc.one(
        c,
        "select " + COLUMNS + " from page where id = ? and account_id = ?",
        this::map,
        pageId,
        accountId);
  }

  public Optional<byte[]> html(Connection c, long pageId) throws SQLException {
    return Jdbc.one(c, "select html_zstd from page where id = ?", rs -> rs.getBytes(1), pageId);
  }

  public List<CrawlError> errors(Connection c, long crawlId, int offset, int limit)
      throws SQLException {
    return Jdbc.list(
        c,
        "select id, url, kind, message, at from crawl_error where crawl_id = ? order by id offset ? limit ?",
        rs ->
            new CrawlError(
                rs.getLong("id"),
                rs.getString("url"),
                rs.getString("kind"),
                rs.getString("message"),
                Jdbc.instant(rs, "at")),
        crawlId,
        offset,
        limit);
  }

  StoredPage map(ResultSet rs) throws SQLException {
    return new StoredPage(
        rs.getLong("id"),
        rs.getLong("crawl_id"),
        rs.getString("url"),
        rs.getString("final_url"),
        rs.getInt("depth"),
        rs.getInt("status"),
        rs.getInt("bytes"),
        rs.getString("content_type"),
        Jdbc.instant(rs, "fetched_at"),
        rs.getInt("fetch_ms"),
        rs.getString("content_hash"),
        tree(rs.getString("metadata")),
        tree(rs.getString("formats")),
        rs.getString("change_status"),
        tree(rs.getString("change_diff")),
        rs.getBoolean("from_cache"),
        rs.getInt("credits"),
        rs.getBoolean("has_html"));
  }

  private JsonNode tree(String text) {
    if (text == null) {
      return null;
    }
    try {
      return json.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A crawler-side failure, as listed by the error endpoints. */
  public record CrawlError(
      long id, String url, String kind, String message, java.time.Instant at) {}
}
