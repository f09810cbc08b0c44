package dev.orbweaver.crawl.frontier;

import dev.orbweaver.common.sql.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The durable frontier in PostgreSQL. Dedup is the unique (crawl, url key); a claim is a lease
 * taken with {@code FOR UPDATE SKIP LOCKED} in priority order, so any number of workers on any
 * number of machines share the work; a lease that runs out (a dead worker) is claimable again. Page
 * claims take a page slot of the crawl under its row lock, so a crawl never fetches one page more
 * than max_pages.
 */
@ApplicationScoped
public class Frontier {

  /** Adds URLs a crawl does not know yet; returns how many were new. */
  public int enqueue(Connection c, long crawlId, List<Discovered> urls) throws SQLException {
    if (urls.isEmpty()) {
      return 0;
    }
    int added = 0;
    try (PreparedStatement insert =
        c.prepareStatement(
            "insert into frontier (crawl_id, url, url_key, depth, priority, budget_rule, kind)"
                + " values (?, ?, ?, ?, ?, ?, ?) on conflict (crawl_id, url_key) do nothing")) {
      for (Discovered d : urls) {
        insert.setLong(1, crawlId);
        insert.setString(2, d.url());
        insert.setBytes(3, d.urlKey());
        insert.setInt(4, d.depth());
        insert.setFloat(5, (float) d.priority());
        insert.setString(6, d.budgetRule());
        insert.setString(7, d.kind().name().toLowerCase(Locale.ROOT));
        insert.addBatch();
      }
      for (int n : insert.executeBatch()) {
        added += Math.max(0, n);
      }
    }
    return added;
  }

  /**
   * Leases up to {@code wanted} items of one running crawl: discovery and sitemap items freely,
   * pages only while the crawl has page slots and fewer than {@code concurrency} leases out.
   * Expired leases are taken over; a page that already held a slot keeps it.
   */
  public List<FrontierItem> claim(
      Connection c,
      long crawlId,
      int maxPages,
      int slotsUsed,
      int concurrency,
      int wanted,
      String worker,
      Duration lease,
      Instant now)
      throws SQLException {
    int leased =
        Jdbc.one(
                c,
                "select count(*) from frontier where crawl_id = ? and state = 'leased' and lease_until > ?",
                rs -> rs.getInt(1),
                crawlId,
                now)
            .orElse(0);
    int room = Math.min(wanted, concurrency - leased);
    if (room <= 0) {
      return List.of();
    }
    int freeSlots = maxPages - slotsUsed;
    List<FrontierItem> items =
        Jdbc.list(
            c,
            "select id, url, depth, kind, holds_slot, budget_rule from frontier"
                + " where crawl_id = ? and (state = 'queued' or (state = 'leased' and lease_until <= ?))"
                + " and (kind <> 'page' or holds_slot or ? > 0)"
                + " order by (kind = 'page'), holds_slot desc, priority desc, depth, id"
                + " limit ? for update skip locked",
            rs ->
                new FrontierItem(
                    rs.getLong("id"),
                    crawlId,
                    rs.getString("url"),
                    rs.getInt("depth"),
                    FrontierItem.Kind.valueOf(rs.getString("kind").toUpperCase(Locale.ROOT)),
                    rs.getBoolean("holds_slot"),
                    rs.getString("budget_rule")),
            crawlId,
            now,
            freeSlots,
            room);
    List<FrontierItem> granted = new ArrayList<>();
    int newSlots = 0;
    for (FrontierItem item : items) {
      if (item.kind() == FrontierItem.Kind.PAGE && !item.holdsSlot()) {
        if (newSlots >= freeSlots) {
          continue;
        }
        newSlots++;
        granted.add(
            new FrontierItem(
                item.id(),
                crawlId,
                item.url(),
                item.depth(),
                item.kind(),
                true,
                item.budgetRule()));
      } else {
        granted.add(item);
      }
    }
    if (granted.isEmpty()) {
      return granted;
    }
    try (PreparedStatement lease_ =
        c.prepareStatement(
            "update frontier set state = 'leased', lease_until = ?, leased_by = ?,"
                + " attempts = attempts + 1, holds_slot = (kind = 'page') where id = ?")) {
      for (FrontierItem item : granted) {
        lease_.setTimestamp(1, java.sql.Timestamp.from(now.plus(lease)));
        lease_.setString(2, worker);
        lease_.setLong(3, item.id());
        lease_.addBatch();
      }
      lease_.executeBatch();
    }
    if (newSlots > 0) {
      Jdbc.update(
          c,
          "update crawl set slots_used = slots_used + ?, last_claim_at = ? where id = ?",
          newSlots,
          now,
          crawlId);
    }
    return granted;
  }

  /**
   * Settles leased items: each becomes done, failed or skipped; items whose work did not produce a
   * page give their slot back. Only this worker's unexpired leases settle, so a worker that lost
   * its lease to another cannot write a second result.
   */
  public List<Long> settle(Connection c, String worker, List<Settlement> settlements)
      throws SQLException {
    List<Long> settled = new ArrayList<>();
    try (PreparedStatement update =
        c.prepareStatement(
            "update frontier set state = ?, lease_until = null,"
                + " holds_slot = holds_slot and ? where id = ? and state = 'leased' and leased_by = ?"
                + " returning id, crawl_id, (kind = 'page') as page")) {
      for (Settlement s : settlements) {
        update.setString(1, s.state());
        update.setBoolean(2, s.keepsSlot());
        update.setLong(3, s.itemId());
        update.setString(4, worker);
        try (var rs = update.executeQuery()) {
          if (rs.next()) {
            settled.add(rs.getLong("id"));
            if (rs.getBoolean("page") && !s.keepsSlot()) {
              Jdbc.update(
                  c,
                  "update crawl set slots_used = slots_used - 1 where id = ?",
                  rs.getLong("crawl_id"));
            }
          }
        }
      }
    }
    return settled;
  }

  /** Whether a crawl still has anything queued or leased. */
  public boolean hasWork(Connection c, long crawlId) throws SQLException {
    return Jdbc.one(
            c,
            "select exists (select 1 from frontier where crawl_id = ? and state in ('queued', 'leased'))",
            rs -> rs.getBoolean(1),
            crawlId)
        .orElse(false);
  }

  /**
   * Queued pages that can never be fetched once max_pages is spent: dropped, lowest priority last.
   */
  public int dropUnfetchable(Connection c, long crawlId) throws SQLException {
    return Jdbc.update(
        c,
        "update frontier set state = 'skipped' where crawl_id = ? and state = 'queued' and kind = 'page'",
        crawlId);
  }

  /** How an item ended: state, and whether it keeps its page slot (it produced a page). */
  public record Settlement(long itemId, String state, boolean keepsSlot) {
    public static Settlement page(long id) {
      return new Settlement(id, "done", true);
    }

    public static Settlement done(long id) {
      return new Settlement(id, "done", false);
    }

    public static Settlement failed(long id) {
      return new Settlement(id, "failed", false);
    }

    public static Settlement skipped(long id) {
      return new Settlement(id, "skipped", false);
    }
  }
}
