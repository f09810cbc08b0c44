package dev.orbweaver.crawl.frontier;

import dev.orbweaver.common.sql.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The durable frontier in PostgreSQL. Dedup is the unique (crawl, url key); a claim is a lease
 * taken with {@code FOR UPDATE SKIP LOCKED} in priority order, so any number of workers on any
 * number of machines share the work; a lease that runs out (a dead worker) is claimable again. Page
 * claims take a page slot of the crawl under its row lock, so a crawl never fetches one page more
 * than max_pages.
 */
@ApplicationScoped
public class Frontier {
  private static final String ITEM =
      "id, url, depth, kind, holds_slot, budget_rule, attempts, last_error";

  /**
   * Adds URLs a crawl does not know yet and counts them into the crawl's frontier_rows, in one
   * statement; returns how many were new.
   */
  public int enqueue(Connection c, long crawlId, List<Discovered> urls) throws SQLException {
    if (urls.isEmpty()) {
      return 0;
    }
    int n = urls.size();
    String[] url = new String[n];
    String[] key = new String[n];
    Integer[] depth = new Integer[n];
    Float[] priority = new Float[n];
    String[] budgetRule = new String[n];
    String[] kind = new String[n];
    for (int i = 0; i < n; i++) {
      Discovered d = urls.get(i);
      url[i] = d.url();
      key[i] = HexFormat.of().formatHex(d.urlKey());
      depth[i] = d.depth();
      priority[i] = (float) d.priority();
      budgetRule[i] = d.budgetRule();
      kind[i] = d.kind().name().toLowerCase(Locale.ROOT);
    }
    // Keys travel as hex text: the driver binds no array of bytea. Rows go in array order, so ids
    // keep the order the links were found in.
    return Jdbc.one(
            c,
            "with added as (insert into frontier (crawl_id, url, url_key, depth, priority, budget_rule, kind)"
                + " select ?, u, decode(k, 'hex'), d, p, b, kd"
                + " from unnest(?::text[], ?::text[], ?::int[], ?::real[], ?::text[], ?::text[]) as t(u, k, d, p, b, kd)"
                + " on conflict (crawl_id, url_key) do nothing returning 1)"
                + " update crawl set frontier_rows = frontier_rows + (select count(*) from added)"
                + " where id = ? returning (select count(*) from added)",
            rs -> rs.getInt(1),
            crawlId,
            c.createArrayOf("text", url),
            c.createArrayOf("text", key),
            c.createArrayOf("int4", depth),
            c.createArrayOf("float4", priority),
            c.createArrayOf("text", budgetRule),
            c.createArrayOf("text", kind),
            crawlId)
        .orElse(0);
  }

  /**
   * Brings known URLs closer to the seed: a page's depth is its shortest link distance, whatever
   * order the fetches ran in. Each of {@code closer} that the crawl holds at a greater depth takes
   * the smaller one; a queued or leased row simply waits at it, and a fetched page whose links can
   * now reach further than they did ({@code depth < maxDepth}) is queued again for its links only
   * (never stored, listed or charged twice). Returns how many rows came closer.
   */
  public int shorten(Connection c, long crawlId, int maxDepth, List<Discovered> closer)
      throws SQLException {
    if (closer.isEmpty()) {
      return 0;
    }
    int n = closer.size();
    String[] key = new String[n];
    Integer[] depth = new Integer[n];
    Float[] priority = new Float[n];
    for (int i = 0; i < n; i++) {
      key[i] = HexFormat.of().formatHex(closer.get(i).urlKey());
      depth[i] = closer.get(i).depth();
      priority[i] = (float) closer.get(i).priority();
    }
    String relink = "(f.state = 'done' and f.kind in ('page', 'links') and t.d < ?)";
    return Jdbc.update(
        c,
        "update frontier f set depth = t.d, priority = greatest(f.priority, t.p),"
            + (" state = case when " + relink + " then 'queued' else f.state end,")
            + (" kind = case when " + relink + " then 'links' else f.kind end,")
            + (" holds_slot = case when " + relink + " then false else f.holds_slot end,")
            + (" attempts = case when " + relink + " then 0 else f.attempts end")
            + " from unnest(?::text[], ?::int[], ?::real[]) as t(k, d, p)"
            + " where f.crawl_id = ? and f.url_key = decode(t.k, 'hex') and t.d < f.depth"
            + " and f.state in ('queued', 'leased', 'done')",
        maxDepth,
        maxDepth,
        maxDepth,
        maxDepth,
        c.createArrayOf("text", key),
        c.createArrayOf("int4", depth),
        c.createArrayOf("float4", priority),
        crawlId);
  }

  /**
   * Leases up to {@code room} items of one running crawl whose row the caller holds locked: expired
   * leases first (a page among them keeps the slot it holds), then the queue in claim order:
   * discovery and sitemap items freely, pages only while the crawl has page slots. Returns the
   * leased items; the caller adds the new slots to the crawl's row.
   */
  public Claim claim(
      Connection c,
      long crawlId,
      int freeSlots,
      int room,
      String worker,
      Duration lease,
      Instant now)
      throws SQLException {
    if (room <= 0) {
      return Claim.NONE;
    }
    // Expired leases first: a leased page holds its slot and takes no new one.
    List<FrontierItem> candidates =
        new ArrayList<>(
            Jdbc.list(
                c,
                "select "
                    + ITEM
                    + " from frontier where crawl_id = ? and state = 'leased'"
                    + " and lease_until <= ? order by holds_slot desc, priority desc, depth, id"
                    + " limit ? for update skip locked",
                rs -> item(rs, crawlId),
                crawlId,
                now,
                room));
    if (candidates.size() < room) {
      // Without a free slot only helpers can go; the condition matches the index's first key.
      candidates.addAll(
          Jdbc.list(
              c,
              "select "
                  + ITEM
                  + " from frontier where crawl_id = ? and state = 'queued'"
                  + (freeSlots > 0 ? "" : " and (kind = 'page') = false")
                  + " order by (kind = 'page'), priority desc, depth, id"
                  + " limit ? for update skip locked",
              rs -> item(rs, crawlId),
              crawlId,
              room - candidates.size()));
    }
    List<FrontierItem> granted = new ArrayList<>();
    int newSlots = 0;
    for (FrontierItem item : candidates) {
      if (item.kind() == FrontierItem.Kind.PAGE && !item.holdsSlot()) {
        if (newSlots >= freeSlots) {
          continue;
        }
        newSlots++;
      }
      granted.add(item.holdingSlot());
    }
    if (granted.isEmpty()) {
      return Claim.NONE;
    }
    // A batch of single-row updates, sent in one round trip: `id = any(?)` took a generic plan
    // made while the table was small (a sequential scan), 15x slower once the frontier grew.
    try (PreparedStatement update =
        c.prepareStatement(
            "update frontier set state = 'leased', lease_until = ?, leased_by = ?,"
                + " attempts = attempts + 1, holds_slot = (kind = 'page') where id = ?")) {
      java.sql.Timestamp until = java.sql.Timestamp.from(now.plus(lease));
      for (FrontierItem item : granted) {
        update.setTimestamp(1, until);
        update.setString(2, worker);
        update.setLong(3, item.id());
        update.addBatch();
      }
      update.executeBatch();
    }
    return new Claim(granted, newSlots);
  }

  /** Items leased by one claim, and how many page slots they newly took. */
  public record Claim(List<FrontierItem> items, int newSlots) {
    static final Claim NONE = new Claim(List.of(), 0);
  }

  /**
   * Settles leased items, in one round trip: each becomes done, failed or skipped; items whose work
   * did not produce a page give their slot back, and every page lets go of the credits its claim
   * held. Only this worker's unexpired leases settle, so a worker that lost its lease to another
   * cannot write a second result. Returns the settled ids; an item named twice settles as its first
   * settlement says.
   */
  public List<Long> settle(Connection c, String worker, List<Settlement> settlements)
      throws SQLException {
    Map<Long, Settlement> first = new LinkedHashMap<>();
    for (Settlement s : settlements) {
      first.putIfAbsent(s.itemId(), s);
    }
    if (first.isEmpty()) {
      return List.of();
    }
    List<Long> settled = new ArrayList<>();
    List<Long> relink = new ArrayList<>();
    Map<Long, Integer> givenBack = new HashMap<>();
    Map<Long, Integer> pagesSettled = new HashMap<>();
    // Single-row updates in one round trip; each row comes back with what it became.
    try (PreparedStatement update =
        c.prepareStatement(
            "update frontier set state = ?, lease_until = null, holds_slot = holds_slot and ?"
                + " where id = ? and state = 'leased' and leased_by = ?",
            new String[] {"id", "crawl_id", "kind", "holds_slot", "depth"})) {
      for (Settlement s : first.values()) {
        update.setString(1, s.state());
        update.setBoolean(2, s.keepsSlot());
        update.setLong(3, s.itemId());
        update.setString(4, worker);
        update.addBatch();
      }
      update.executeBatch();
      try (ResultSet rs = update.getGeneratedKeys()) {
        while (rs.next()) {
          long id = rs.getLong("id");
          settled.add(id);
          // A shorter path reached the item while it was leased: its links were followed from
          // further away than the page now is.
          if (rs.getInt("depth") < first.get(id).linksFromDepth()) {
            relink.add(id);
          }
          // A leased page holds a slot and the most a page costs; one that no longer holds the
          // slot gave it back, and every settled page lets go of the credits its claim held
          // (what it cost, if anything, is charged with its result).
          if ("page".equals(rs.getString("kind"))) {
            pagesSettled.merge(rs.getLong("crawl_id"), 1, Integer::sum);
            if (!rs.getBoolean("holds_slot")) {
              givenBack.merge(rs.getLong("crawl_id"), 1, Integer::sum);
            }
          }
        }
      }
    }
    if (!relink.isEmpty()) {
      Jdbc.update(
          c,
          "update frontier f set state = 'queued', kind = 'links', holds_slot = false, attempts = 0"
              + " from crawl k where f.id = any(?) and k.id = f.crawl_id and f.depth < k.max_depth",
          c.createArrayOf("bigint", relink.toArray()));
    }
    for (var entry : pagesSettled.entrySet()) {
      int slots = givenBack.getOrDefault(entry.getKey(), 0);
      // Unbilled crawls hold no credits: no write at all when no slot comes back either.
      Jdbc.update(
          c,
          "update crawl set slots_used = slots_used - ?, credits_held = credits_held - ? * page_credits"
              + " where id = ? and (? > 0 or page_credits > 0)",
          slots,
          entry.getValue(),
          entry.getKey(),
          slots);
    }
    return settled;
  }

  /**
   * Notes why leased items came to nothing (their work threw, or their results could not be
   * written), for the page error they become when their attempts run out.
   */
  public int noteFailure(Connection c, String worker, List<FrontierItem> items, String reason)
      throws SQLException {
    String why = reason == null || reason.isBlank() ? "unknown" : reason;
    return Jdbc.update(
        c,
        "update frontier set last_error = ? where id = any(?) and state = 'leased' and leased_by = ?",
        why.length() > 300 ? why.substring(0, 300) : why,
        c.createArrayOf("bigint", items.stream().map(FrontierItem::id).toArray()),
        worker);
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

  private static FrontierItem item(ResultSet rs, long crawlId) throws SQLException {
    return new FrontierItem(
        rs.getLong("id"),
        crawlId,
        rs.getString("url"),
        rs.getInt("depth"),
        FrontierItem.Kind.valueOf(rs.getString("kind").toUpperCase(Locale.ROOT)),
        rs.getBoolean("holds_slot"),
        rs.getString("budget_rule"),
        rs.getInt("attempts") + 1, // the lease being taken
        rs.getString("last_error"));
  }

  /**
   * How an item ended: state, whether it keeps its page slot (it produced a page), and the depth
   * its links were followed from ({@link #NO_LINKS} when none were), so that an item a shorter path
   * reached meanwhile has its links followed again from there.
   */
  public record Settlement(long itemId, String state, boolean keepsSlot, int linksFromDepth) {
    public static final int NO_LINKS = -1;

    public static Settlement page(long id) {
      return new Settlement(id, "done", true, NO_LINKS);
    }

    /** A fetched page whose links were followed from its depth as leased. */
    public static Settlement page(FrontierItem item) {
      return new Settlement(item.id(), "done", true, item.depth());
    }

    public static Settlement done(long id) {
      return new Settlement(id, "done", false, NO_LINKS);
    }

    /** An item fetched for its links, followed from its depth as leased. */
    public static Settlement done(FrontierItem item) {
      return new Settlement(item.id(), "done", false, item.depth());
    }

    public static Settlement failed(long id) {
      return new Settlement(id, "failed", false, NO_LINKS);
    }

    public static Settlement skipped(long id) {
      return new Settlement(id, "skipped", false, NO_LINKS);
    }
  }
}
