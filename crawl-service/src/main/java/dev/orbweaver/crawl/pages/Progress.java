package dev.orbweaver.crawl.pages;

import dev.orbweaver.common.sql.Jdbc;
import dev.orbweaver.crawl.model.Crawl;
import dev.orbweaver.crawl.tracking.ChangeTracker;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** How far a crawl has come, in the terms the status endpoints report. */
@ApplicationScoped
public class Progress {
  private final Jdbc jdbc;
  private final ChangeTracker tracker;

  @Inject
  public Progress(DataSource dataSource, ChangeTracker tracker) {
    this.jdbc = new Jdbc(dataSource);
    this.tracker = tracker;
  }

  /**
   * Pages the crawl will have fetched when done, as far as it knows now: what it fetched and holds,
   * plus what is queued, never more than max_pages.
   */
  public int plannedTotal(Crawl crawl) {
    int planned =
        jdbc.withConnection(
            c ->
                Jdbc.one(
                        c,
                        "select count(*) from frontier where crawl_id = ? and kind = 'page'"
                            + " and state in ('queued', 'leased', 'done')",
                        rs -> rs.getInt(1),
                        crawl.id())
                    .orElse(0));
    int floor = crawl.pageCount() + crawl.errorCount();
    return crawl.status().terminal()
        ? floor
        : Math.max(floor, Math.min(planned, crawl.scope().maxPages()));
  }

  /** Pages per budget pattern, every pattern listed. */
  public Map<String, Integer> budgetCounts(Crawl crawl) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    crawl.budget().keySet().forEach(k -> counts.put(k, 0));
    jdbc.withConnection(
            c ->
                Jdbc.list(
                    c,
                    "select rule, pages from budget_count where crawl_id = ?",
                    rs -> Map.entry(rs.getString(1), rs.getInt(2)),
                    crawl.id()))
        .forEach(e -> counts.put(e.getKey(), e.getValue()));
    return counts;
  }

  /** Patterns that admitted as many pages as they may. */
  public List<String> exhausted(Crawl crawl) {
    return jdbc
        .withConnection(
            c ->
                Jdbc.list(
                    c,
                    "select rule, admitted from budget_count where crawl_id = ?",
                    rs -> Map.entry(rs.getString(1), rs.getInt(2)),
                    crawl.id()))
        .stream()
        .filter(e -> e.getValue() >= crawl.budget().getOrDefault(e.getKey(), Integer.MAX_VALUE))
        .map(Map.Entry::getKey)
        .sorted()
        .toList();
  }

  public ChangeTracker.Summary changes(Crawl crawl) {
    return jdbc.withConnection(c -> tracker.summary(c, crawl));
  }
}
