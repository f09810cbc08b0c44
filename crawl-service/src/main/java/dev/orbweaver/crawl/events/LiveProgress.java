package dev.orbweaver.crawl.events;

import dev.orbweaver.common.sql.Jdbc;
import dev.orbweaver.crawl.model.Crawl;
import dev.orbweaver.crawl.store.CrawlRepository;
import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * Live progress of a crawl as Server-Sent Events, for every dialect: a {@code page} event per
 * stored page, a {@code progress} event when the counts move, and a final {@code terminal} event,
 * after which the stream ends. It reads what the workers committed, so it works on any API replica.
 */
@ApplicationScoped
public class LiveProgress {
  private static final Duration TICK = Duration.ofMillis(500);

  private final Jdbc jdbc;
  private final CrawlRepository crawls;

  @Inject
  public LiveProgress(DataSource dataSource, CrawlRepository crawls) {
    this.jdbc = new Jdbc(dataSource);
    this.crawls = crawls;
  }

  /** Events for one crawl of this account; {@code status} adds the dialect's own status words. */
  public Multi<Map<String, Object>> stream(
      long accountId, long crawlId, Function<Crawl, Map<String, Object>> status) {
    return Multi.createFrom()
        .emitter(
            emitter ->
                Thread.ofVirtual()
                    .name("crawl-events-" + crawlId)
                    .start(
                        () -> {
                          long lastPage = 0;
                          String lastCounts = "";
                          try {
                            while (!emitter.isCancelled()) {
                              Crawl crawl =
                                  jdbc.withConnection(c -> crawls.findOwned(c, accountId, crawlId))
                                      .orElse(null);
                              if (crawl == null) {
                                emitter.complete();
                                return;
                              }
                              long from = lastPage;
                              List<Map<String, Object>> pages =
                                  jdbc.withConnection(
                                      c ->
                                          Jdbc.list(
                                              c,
                                              "select id, url, status, bytes from page where crawl_id = ? and id > ?"
                                                  + " order by id limit 500",
                                              rs -> {
                                                Map<String, Object> e = new LinkedHashMap<>();
                                                e.put("type", "page");
                                                e.put("id", rs.getLong("id"));
                                                e.put("url", rs.getString("url"));
                                                e.put("status", rs.getInt("status"));
                                                e.put("bytes", rs.getInt("bytes"));
                                                return e;
                                              },
                                              crawlId,
                                              from));
                              for (Map<String, Object> page : pages) {
                                emitter.emit(page);
                                lastPage = (Long) page.get("id");
                              }
                              String counts =
                                  crawl.status()
                                      + "/"
                                      + crawl.pageCount()
                                      + "/"
                                      + crawl.errorCount();
                              if (!counts.equals(lastCounts) && pages.size() < 500) {
                                lastCounts = counts;
                                Map<String, Object> e = new LinkedHashMap<>();
                                e.put("type", crawl.status().terminal() ? "terminal" : "progress");
                                e.putAll(status.apply(crawl));
                                e.put("page_count", crawl.pageCount());
                                e.put("error_count", crawl.errorCount());
                                e.put("discovered", crawl.discoveredCount());
                                e.put("started_at", iso(crawl.startedAt()));
                                e.put("finished_at", iso(crawl.finishedAt()));
                                emitter.emit(e);
                                if (crawl.status().terminal()) {
                                  emitter.complete();
                                  return;
                                }
                              }
                              Thread.sleep(pages.size() == 500 ? 0 : TICK.toMillis());
                            }
                          } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                          } catch (RuntimeException e) {
                            emitter.fail(e);
                          }
                        }));
  }

  private static String iso(java.time.Instant at) {
    return at == null ? null : at.toString();
  }
}
