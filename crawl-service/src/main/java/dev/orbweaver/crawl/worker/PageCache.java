package dev.orbweaver.crawl.worker;

import com.github.luben.zstd.Zstd;
import dev.orbweaver.common.sql.Jdbc;
import dev.orbweaver.crawl.model.Crawl;
import dev.orbweaver.crawl.pages.StorableText;
import dev.orbweaver.crawl.scope.CrawlScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * AlterLab's per-page response cache, per account: a fresh hit is served without fetching (and
 * costs no credits); {@code force_refresh} skips the lookup but still refreshes the entry.
 */
@ApplicationScoped
public class PageCache {
  private final Jdbc jdbc;

  @Inject
  public PageCache(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  public Optional<PageFetcher.Fetched> lookup(Crawl crawl, String url) {
    if (!crawl.cache().enabled() || crawl.cache().forceRefresh()) {
      return Optional.empty();
    }
    return jdbc.withConnection(
        c ->
            Jdbc.one(
                c,
                "select url, status, content_type, html_zstd from page_cache"
                    + " where account_id = ? and url_key = ? and expires_at > ?",
                rs -> {
                  byte[] zstd = rs.getBytes("html_zstd");
                  byte[] body = Zstd.decompress(zstd, (int) Zstd.getFrameContentSize(zstd));
                  return new PageFetcher.Fetched(
                      rs.getString("url"),
                      rs.getInt("status"),
                      rs.getString("content_type"),
                      body,
                      StandardCharsets.UTF_8.name(),
                      0);
                },
                crawl.accountId(),
                CrawlScope.key(url),
                Instant.now()));
  }

  public void store(Crawl crawl, String url, PageFetcher.Fetched fetched) {
    if (!crawl.cache().enabled() || fetched.body().length == 0) {
      return;
    }
    Instant now = Instant.now();
    jdbc.withConnection(
        c ->
            Jdbc.update(
                c,
                "insert into page_cache (account_id, url_key, url, status, content_type, html_zstd, cached_at, expires_at)"
                    + " values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (account_id, url_key) do update set"
                    + " url = excluded.url, status = excluded.status, content_type = excluded.content_type,"
                    + " html_zstd = excluded.html_zstd, cached_at = excluded.cached_at, expires_at = excluded.expires_at",
                crawl.accountId(),
                CrawlScope.key(url),
                StorableText.of(fetched.finalUrl()),
                fetched.status(),
                StorableText.of(fetched.contentType()),
                Zstd.compress(fetched.body(), 3),
                now,
                now.plusSeconds(crawl.cache().ttlSeconds())));
  }
}
