package dev.orbweaver.crawl.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orbweaver.common.sql.Jdbc;
import dev.orbweaver.crawl.model.Crawl;
import dev.orbweaver.crawl.model.CrawlDialect;
import dev.orbweaver.crawl.model.CrawlSpec;
import dev.orbweaver.crawl.model.CrawlStatus;
import dev.orbweaver.crawl.model.Tier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** SQL for crawls. Every read a tenant can reach filters by account. */
@ApplicationScoped
public class CrawlRepository {
  static final String COLUMNS =
      "c.*, (select count(*) from frontier f where f.crawl_id = c.id and f.state = 'leased') as in_flight";

  private final ObjectMapper json;

  @Inject
  public CrawlRepository(ObjectMapper json) {
    this.json = json;
  }

  public Crawl insert(
      Connection c,
      UUID publicId,
      long accountId,
      long projectId,
      CrawlSpec spec,
      String webhookSubscription,
      String streamSubscription,
      Crawl.Pricing pricing,
      long creditsDebited,
      String idempotencyFingerprint,
      Instant expiresAt)
      throws SQLException {
    CrawlSpec.Scope scope = spec.scope();
    long id =
        Jdbc.one(
                c,
                "insert into crawl (public_id, dialect, account_id, project_id, seed_url, seed_kind,"
                    + " sitemap_mode, sitemap_path, include_subdomains, max_depth, max_pages,"
                    + " include_patterns, exclude_patterns, pattern_syntax, budget, priority, delay_ms, concurrency,"
                    + " respect_robots, store_html, formats, only_main_content, extraction,"
                    + " request_headers, cookies, proxy_url, user_agent, cache, change_tracking,"
                    + " webhook_subscription, stream_subscription, tier, tier_credits, page_credits,"
                    + " max_credits, credits_debited, idempotency_key, idempotency_fingerprint,"
                    + " expires_at)"
                    + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?,"
                    + " ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?, ?, ?,"
                    + " ?, ?, ?)"
                    + " returning id",
                rs -> rs.getLong(1),
                publicId,
                spec.dialect().column(),
                accountId,
                projectId,
                spec.seedUrl(),
                spec.seedKind().name().toLowerCase(java.util.Locale.ROOT),
                spec.sitemapMode().name().toLowerCase(java.util.Locale.ROOT),
                spec.sitemapPath(),
                scope.includeSubdomains(),
                scope.maxDepth(),
                scope.maxPages(),
                textArray(c, scope.includePatterns()),
                textArray(c, scope.excludePatterns()),
                scope.patternSyntax().column(),
                write(scope.budget().isEmpty() ? null : scope.budget()),
                write(scope.priority().none() ? null : scope.priority()),
                spec.politeness().delayMs(),
                spec.politeness().concurrency(),
                spec.politeness().respectRobots(),
                spec.output().storeHtml(),
                textArray(c, spec.output().formats()),
                spec.output().onlyMainContent(),
                write(spec.output().extraction()),
                write(spec.request().headers().isEmpty() ? null : spec.request().headers()),
                spec.request().cookies(),
                spec.request().proxyUrl(),
                spec.request().userAgent(),
                write(spec.cache().enabled() ? spec.cache() : null),
                write(spec.changeTracking().enabled() ? spec.changeTracking() : null),
                webhookSubscription,
                streamSubscription,
                pricing.tier().wire(),
                pricing.tierCredits(),
                pricing.pageCredits(),
                pricing.maxCredits(),
                creditsDebited,
                spec.idempotencyKey(),
                idempotencyFingerprint,
                expiresAt)
            .orElseThrow();
    return find(c, id).orElseThrow();
  }

  public Optional<Crawl> find(Connection c, long id) throws SQLException {
    return Jdbc.one(c, "select " + COLUMNS + " from crawl c where c.id = ?", this::map, id);
  }

  /** A crawl of this account by its public id, or empty (also for another tenant's crawl). */
  public Optional<Crawl> findOwned(Connection c, long accountId, UUID publicId)
      throws SQLException {
    return Jdbc.one(
        c,
        "select " + COLUMNS + " from crawl c where c.public_id = ? and c.account_id = ?",
        this::map,
        publicId,
        accountId);
  }

  public Optional<Crawl> findOwned(Connection c, long accountId, long id) throws SQLException {
    return Jdbc.one(
        c,
        "select " + COLUMNS + " from crawl c where c.id = ? and c.account_id = ?",
        this::map,
        id,
        accountId);
  }

  /** A page of this account's crawls, newest first (index crawl_owner). */
  public List<Crawl> listOwned(Connection c, long accountId, int offset, int limit)
      throws SQLException {
    return Jdbc.list(
        c,
        "select "
            + COLUMNS
            + " from crawl c where c.account_id = ? order by c.id desc offset ? limit ?",
        this::map,
        accountId,
        offset,
        limit);
  }

  /** The crawl a key started since {@code notBefore}, with the fingerprint of its request. */
  public Optional<KeyedCrawl> findByIdempotencyKey(
      Connection c, long projectId, String key, Instant notBefore) throws SQLException {
    return Jdbc.one(
        c,
        "select "
            + COLUMNS
            + " from crawl c where c.project_id = ? and c.idempotency_key = ? and c.enqueued_at >= ?",
        rs -> new KeyedCrawl(map(rs), rs.getString("idempotency_fingerprint")),
        projectId,
        key,
        notBefore);
  }

  /**
   * Lets go of a key whose window has passed, so that it can start a new crawl: keys are unique per
   * project, and the crawl that used it may be kept for longer than the window.
   */
  public void releaseIdempotencyKey(Connection c, long projectId, String key, Instant before)
      throws SQLException {
    Jdbc.update(
        c,
        "update crawl set idempotency_key = null"
            + " where project_id = ? and idempotency_key = ? and enqueued_at < ?",
        projectId,
        key,
        before);
  }

  /** A crawl an idempotency key started, and what its request was (null for older crawls). */
  public record KeyedCrawl(Crawl crawl, String fingerprint) {}

  /** The row, locked for the rest of the transaction. */
  public Optional<Crawl> lock(Connection c, long id) throws SQLException {
    // Two statements: read after the lock is granted, a count of leases sees what the holder wrote.
    Jdbc.one(c, "select id from crawl where id = ? for update", rs -> rs.getLong(1), id);
    return find(c, id);
  }

  /**
   * Up to {@code limit} queued or running crawls that the pick admits, the longest unclaimed first,
   * locked; crawls another transaction holds are skipped.
   */
  public List<Claimable> claimable(
      Connection c, int defaultConcurrency, Instant now, int limit, Pick pick) throws SQLException {
    return Jdbc.list(
        c,
        "select "
            + COLUMNS
            + ", coalesce(c.concurrency, ?) - l.leased as room from crawl c cross join lateral"
            + " (select count(*) as leased from frontier f where f.crawl_id = c.id"
            + " and f.state = 'leased' and f.lease_until > ?) l"
            + " where c.status in ('queued', 'running')"
            + " and l.leased * 100 < coalesce(c.concurrency, ?) * ? and (c.id % ? = ?) = ?"
            + " order by c.last_claim_at nulls first, c.id limit ? for update of c skip locked",
        rs -> new Claimable(map(rs), rs.getInt("room")),
        defaultConcurrency,
        now,
        defaultConcurrency,
        pick.leasedPercent(),
        (long) pick.count(),
        (long) pick.index(),
        pick.inShare(),
        limit);
  }

  /**
   * Which crawls a claim considers: those in, or those outside, a worker's share (the crawls whose
   * id leaves {@code index} when divided by {@code count}), with less than {@code leasedPercent} of
   * their concurrency leased.
   */
  public record Pick(int index, int count, boolean inShare, int leasedPercent) {}

  /** A crawl a claim may lease from, and how many more leases its concurrency allows. */
  public record Claimable(Crawl crawl, int room) {}

  /** Active crawls of an account in some dialects (for the dialects' concurrency caps). */
  public int countActive(Connection c, long accountId, List<CrawlDialect> dialects)
      throws SQLException {
    return Jdbc.one(
            c,
            "select count(*) from crawl where account_id = ? and status in ('queued', 'running')"
                + " and dialect = any(?)",
            rs -> rs.getInt(1),
            accountId,
            textArray(c, dialects.stream().map(CrawlDialect::column).toList()))
        .orElse(0);
  }

  public Crawl map(ResultSet rs) throws SQLException {
    CrawlSpec.Scope scope =
        new CrawlSpec.Scope(
            rs.getBoolean("include_subdomains"),
            rs.getInt("max_depth"),
            rs.getInt("max_pages"),
            list(rs.getArray("include_patterns")),
            list(rs.getArray("exclude_patterns")),
            CrawlSpec.PatternSyntax.ofColumn(rs.getString("pattern_syntax")),
            read(rs.getString("budget"), new TypeReference<Map<String, Integer>>() {}, Map.of()),
            read(
                rs.getString("priority"),
                new TypeReference<CrawlSpec.PriorityRules>() {},
                CrawlSpec.PriorityRules.NONE));
    Integer concurrency = (Integer) rs.getObject("concurrency");
    return new Crawl(
        rs.getLong("id"),
        rs.getObject("public_id", UUID.class),
        CrawlDialect.ofColumn(rs.getString("dialect")),
        rs.getLong("account_id"),
        rs.getLong("project_id"),
        rs.getString("seed_url"),
        CrawlSpec.SeedKind.valueOf(rs.getString("seed_kind").toUpperCase(java.util.Locale.ROOT)),
        CrawlSpec.SitemapMode.valueOf(
            rs.getString("sitemap_mode").toUpperCase(java.util.Locale.ROOT)),
        rs.getString("sitemap_path"),
        scope,
        new CrawlSpec.Politeness(
            rs.getInt("delay_ms"), concurrency, rs.getBoolean("respect_robots")),
        new CrawlSpec.RequestOptions(
            read(
                rs.getString("request_headers"),
                new TypeReference<Map<String, String>>() {},
                Map.of()),
            rs.getString("cookies"),
            rs.getString("proxy_url"),
            rs.getString("user_agent")),
        new CrawlSpec.Output(
            rs.getBoolean("store_html"),
            list(rs.getArray("formats")),
            rs.getBoolean("only_main_content"),
            readTree(rs.getString("extraction"))),
        read(
            rs.getString("cache"),
            new TypeReference<CrawlSpec.CacheOptions>() {},
            CrawlSpec.CacheOptions.OFF),
        read(
            rs.getString("change_tracking"),
            new TypeReference<CrawlSpec.ChangeTracking>() {},
            CrawlSpec.ChangeTracking.OFF),
        rs.getString("webhook_subscription"),
        rs.getString("stream_subscription"),
        CrawlStatus.ofColumn(rs.getString("status")),
        rs.getInt("page_count"),
        rs.getInt("error_count"),
        rs.getInt("discovered_count"),
        rs.getInt("current_depth"),
        rs.getInt("in_flight"),
        rs.getInt("slots_used"),
        rs.getInt("frontier_rows"),
        new Crawl.Pricing(
            Tier.ofWire(rs.getString("tier")).orElseThrow(),
            rs.getInt("tier_credits"),
            rs.getInt("page_credits"),
            (Long) rs.getObject("max_credits")),
        rs.getLong("credits_debited"),
        rs.getLong("credits_used"),
        rs.getLong("credits_held"),
        rs.getLong("credits_refunded"),
        read(rs.getString("tier_pages"), new TypeReference<Map<String, Integer>>() {}, Map.of()),
        Jdbc.instant(rs, "enqueued_at"),
        Jdbc.instant(rs, "started_at"),
        Jdbc.instant(rs, "finished_at"),
        rs.getString("error_message"),
        Jdbc.instant(rs, "expires_at"));
  }

  static Array textArray(Connection c, List<String> values) throws SQLException {
    return c.createArrayOf("text", values.toArray());
  }

  private static List<String> list(Array array) throws SQLException {
    return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
  }

  String write(Object value) {
    if (value == null) {
      return null;
    }
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private <T> T read(String text, TypeReference<T> type, T fallback) {
    if (text == null) {
      return fallback;
    }
    try {
      return json.readValue(text, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored crawl JSON does not read back", e);
    }
  }

  private JsonNode readTree(String text) {
    if (text == null) {
      return null;
    }
    try {
      return json.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
