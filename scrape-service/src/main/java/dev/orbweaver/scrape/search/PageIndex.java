package dev.orbweaver.scrape.search;

import dev.orbweaver.common.sql.Jdbc;
import dev.orbweaver.scrape.config.ScrapeConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * PostgreSQL full-text search over an account's pages: title (weight A), description (B) and text
 * (C) in one {@code tsvector}, ranked with {@code ts_rank_cd}, snippets by {@code ts_headline}.
 * Queries use {@code websearch_to_tsquery}, so callers may write "quoted phrases", {@code or} and
 * {@code -excluded} words as they would in a search engine.
 */
@ApplicationScoped
public class PageIndex {
  private static final String UPSERT =
      """
      WITH v AS (
        SELECT ?::bigint AS account_id, ?::bigint AS project_id, ?::text AS url, ?::text AS title,
               ?::text AS description, ?::text AS language, ?::text AS body, ?::text AS source,
               ?::text AS source_ref, ?::integer AS status_code, ?::timestamptz AS fetched_at,
               ?::regconfig AS cfg, ?::bytea AS source_hash)
      INSERT INTO page_index (account_id, project_id, url, url_hash, title, description, language,
                              body, source, source_ref, status_code, fetched_at, search,
                              source_hash)
      SELECT account_id, project_id, url, sha256(convert_to(url, 'UTF8')), title, description,
             language, body, source, source_ref, status_code, fetched_at,
             setweight(to_tsvector(cfg, coalesce(title, '')), 'A')
             || setweight(to_tsvector(cfg, coalesce(description, '')), 'B')
             || setweight(to_tsvector(cfg, body), 'C'),
             source_hash
      FROM v
      ON CONFLICT (account_id, url_hash) DO UPDATE SET
        project_id = excluded.project_id, title = excluded.title,
        description = excluded.description, language = excluded.language, body = excluded.body,
        source = excluded.source, source_ref = excluded.source_ref,
        status_code = excluded.status_code, fetched_at = excluded.fetched_at,
        indexed_at = now(), search = excluded.search, source_hash = excluded.source_hash
      WHERE page_index.fetched_at <= excluded.fetched_at
      """;

  private static final String SEARCH =
      """
      SELECT p.url, p.title, p.description, p.fetched_at, hit.score,
             ts_headline(?::regconfig, left(p.body, 20000), hit.q,
                         'StartSel="",StopSel="",MaxFragments=2,MaxWords=30,MinWords=12,FragmentDelimiter=" … "')
               AS snippet
      FROM (SELECT i.id, ts_rank_cd(i.search, q) AS score, q
            FROM page_index i, websearch_to_tsquery(?::regconfig, ?) q
            WHERE i.account_id = ? AND i.search @@ q AND i.fetched_at >= ?
            ORDER BY score DESC, i.fetched_at DESC
            LIMIT ?) hit
      JOIN page_index p ON p.id = hit.id
      ORDER BY hit.score DESC, p.fetched_at DESC
      """;

  // A page scraped again unchanged (monitoring, retries) only moves its dates: to_tsvector over
  // up to max-text-chars of text is the most expensive thing a scrape asks of PostgreSQL.
  private static final String TOUCH_UNCHANGED =
      """
      UPDATE page_index SET fetched_at = ?, status_code = ?, source = ?, source_ref = ?,
                            indexed_at = now(), source_hash = ?
      WHERE account_id = ? AND url_hash = sha256(convert_to(?::text, 'UTF8'))
        AND fetched_at <= ? AND body = ? AND project_id = ?
        AND title IS NOT DISTINCT FROM ? AND description IS NOT DISTINCT FROM ?
        AND language IS NOT DISTINCT FROM ?
      """;

  // The same page from the same source as last time: not even its text needs deriving.
  private static final String TOUCH_SAME_SOURCE =
      """
      UPDATE page_index SET fetched_at = ?, status_code = ?, source = 'scrape', source_ref = NULL,
                            indexed_at = now()
      WHERE account_id = ? AND url_hash = sha256(convert_to(?::text, 'UTF8'))
        AND fetched_at <= ? AND source_hash = ? AND project_id = ?
      """;

  private final Jdbc jdbc;
  private final String textSearchConfig;
  private final int maxTextChars;

  @Inject
  public PageIndex(DataSource dataSource, ScrapeConfig config) {
    this.jdbc = new Jdbc(dataSource);
    this.textSearchConfig = config.index().textSearchConfig();
    this.maxTextChars = config.index().maxTextChars();
  }

  /** Adds or refreshes pages; an older copy never replaces a newer one. */
  public int index(List<IndexedPage> pages) {
    if (pages.isEmpty()) {
      return 0;
    }
    return jdbc.inTransaction(
        c -> {
          int indexed = 0;
          for (IndexedPage page : pages) {
            indexed += upsert(c, page, null);
          }
          return indexed;
        });
  }

  /**
   * Adds or refreshes one scraped page, remembering what its text came from.
   *
   * @param sourceHash see {@link ScrapedSource#hash}
   */
  public int index(IndexedPage page, byte[] sourceHash) {
    return jdbc.inTransaction(c -> upsert(c, page, sourceHash));
  }

  /**
   * Moves the dates of a page indexed from exactly this source before.
   *
   * @return false when the index holds no such page (or another version of it): index it in full
   */
  public boolean touchSameSource(ScrapedSource scraped) {
    Timestamp fetchedAt = Timestamp.from(scraped.fetchedAt());
    return jdbc.withConnection(
            c ->
                Jdbc.update(
                    c,
                    TOUCH_SAME_SOURCE,
                    fetchedAt,
                    scraped.statusCode(),
                    scraped.accountId(),
                    scraped.url(),
                    fetchedAt,
                    scraped.hash(),
                    scraped.projectId()))
        > 0;
  }

  private int upsert(Connection c, IndexedPage page, byte[] sourceHash) throws SQLException {
    String text = page.text() == null ? "" : page.text();
    if (text.length() > maxTextChars) {
      text = text.substring(0, maxTextChars);
    }
    text = text.replace("\u0000", "");
    Timestamp fetchedAt = Timestamp.from(page.fetchedAt());
    int touched =
        Jdbc.update(
            c,
            TOUCH_UNCHANGED,
            fetchedAt,
            page.statusCode(),
            page.source(),
            page.sourceRef(),
            sourceHash,
            page.accountId(),
            page.url(),
            fetchedAt,
            text,
            page.projectId(),
            page.title(),
            page.description(),
            page.language());
    if (touched > 0) {
      return touched;
    }
    return Jdbc.update(
        c,
        UPSERT,
        page.accountId(),
        page.projectId(),
        page.url(),
        page.title(),
        page.description(),
        page.language(),
        text,
        page.source(),
        page.sourceRef(),
        page.statusCode(),
        fetchedAt,
        textSearchConfig,
        sourceHash);
  }

  /** Removes what one source (a crawl) put into an account's index. */
  public int removeSource(long accountId, String sourceRef) {
    return jdbc.withConnection(
        c ->
            Jdbc.update(
                c,
                "DELETE FROM page_index WHERE account_id = ? AND source_ref = ?",
                accountId,
                sourceRef));
  }

  /**
   * The account's pages that match {@code query}, best first.
   *
   * @param since only pages fetched at or after this instant
   */
  public List<SearchHit> search(long accountId, String query, int limit, Instant since) {
    List<SearchHit> hits = new ArrayList<>();
    jdbc.withConnection(
        c ->
            Jdbc.list(
                c,
                SEARCH,
                rs -> {
                  String snippet = rs.getString("snippet");
                  String description = rs.getString("description");
                  hits.add(
                      new SearchHit(
                          "web",
                          rs.getString("url"),
                          rs.getString("title") == null
                              ? rs.getString("url")
                              : rs.getString("title"),
                          snippet == null || snippet.isBlank() ? description : snippet.strip(),
                          hits.size() + 1,
                          rs.getDouble("score"),
                          "crawled",
                          null,
                          null,
                          null,
                          Jdbc.instant(rs, "fetched_at")));
                  return null;
                },
                textSearchConfig,
                textSearchConfig,
                query,
                accountId,
                Timestamp.from(since),
                limit));
    return hits;
  }

  /** Title and description the account's index knows for each of {@code urls}. */
  public Map<String, String[]> describe(long accountId, List<String> urls) {
    Map<String, String[]> out = new HashMap<>();
    if (urls.isEmpty()) {
      return out;
    }
    jdbc.withConnection(
        c -> {
          try (var statement =
              c.prepareStatement(
                  "SELECT url, title, description FROM page_index WHERE account_id = ? AND url_hash"
                      + " = ANY (SELECT sha256(convert_to(u, 'UTF8')) FROM unnest(?::text[]) u)")) {
            statement.setLong(1, accountId);
            statement.setArray(2, c.createArrayOf("text", urls.toArray()));
            try (var rs = statement.executeQuery()) {
              while (rs.next()) {
                out.put(
                    rs.getString("url"),
                    new String[] {rs.getString("title"), rs.getString("description")});
              }
            }
          }
          return null;
        });
    return out;
  }
}
