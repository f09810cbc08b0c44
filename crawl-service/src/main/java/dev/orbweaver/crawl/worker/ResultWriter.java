package dev.orbweaver.crawl.worker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orbweaver.common.sql.Jdbc;
import dev.orbweaver.crawl.events.Bodies;
import dev.orbweaver.crawl.events.Outbox;
import dev.orbweaver.crawl.frontier.Discovered;
import dev.orbweaver.crawl.frontier.Frontier;
import dev.orbweaver.crawl.frontier.FrontierItem;
import dev.orbweaver.crawl.lifecycle.Finisher;
import dev.orbweaver.crawl.model.Crawl;
import dev.orbweaver.crawl.pages.StorableText;
import dev.orbweaver.crawl.pages.StoredPage;
import dev.orbweaver.crawl.store.CrawlRepository;
import dev.orbweaver.crawl.tracking.ChangeTracker;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Writes a batch of one crawl's outcomes in one transaction under the crawl's row lock: pages and
 * errors, new frontier rows (deduplicated, within budgets and the frontier cap), counters, events,
 * change tracking, and — when nothing is left — the terminal state. Outcomes whose lease this
 * worker no longer holds are dropped, so a page is stored once even when two workers fetched it.
 */
@ApplicationScoped
public class ResultWriter {
  private static final Logger LOG = Logger.getLogger(ResultWriter.class);

  /** The page error of a result PostgreSQL refused. */
  static final String STORE_FAILED = "store_failed";

  private final Jdbc jdbc;
  private final CrawlRepository crawls;
  private final Frontier frontier;
  private final Finisher finisher;
  private final Outbox outbox;
  private final Bodies bodies;
  private final ChangeTracker tracker;
  private final ObjectMapper json;

  @Inject
  public ResultWriter(
      DataSource dataSource,
      CrawlRepository crawls,
      Frontier frontier,
      Finisher finisher,
      Outbox outbox,
      Bodies bodies,
      ChangeTracker tracker,
      ObjectMapper json) {
    this.jdbc = new Jdbc(dataSource);
    this.crawls = crawls;
    this.frontier = frontier;
    this.finisher = finisher;
    this.outbox = outbox;
    this.bodies = bodies;
    this.tracker = tracker;
    this.json = json;
  }

  /**
   * Writes the batch; returns true when it finished the crawl (the caller then settles it). A
   * result PostgreSQL refuses does not take the batch down with it: the batch is written in halves
   * until that result is alone, and it is then written as a page error that says why.
   */
  public boolean write(long crawlId, String worker, List<Outcome> outcomes) {
    try {
      return jdbc.inTransaction(c -> write(c, crawlId, worker, outcomes, Instant.now()));
    } catch (RuntimeException e) {
      String refused = refusedRow(e);
      if (refused == null) {
        throw e; // the database itself failed: the leases run out and the items come back
      }
      if (outcomes.size() > 1) {
        int half = outcomes.size() / 2;
        boolean first = write(crawlId, worker, outcomes.subList(0, half));
        boolean second = write(crawlId, worker, outcomes.subList(half, outcomes.size()));
        return first || second;
      }
      Outcome bad = outcomes.get(0);
      LOG.warnf(
          "A result of crawl %d (%s) cannot be stored: %s", crawlId, bad.item().url(), refused);
      Outcome failure =
          new Outcome.Failure(bad.item(), STORE_FAILED, "the page could not be stored: " + refused);
      return jdbc.inTransaction(c -> write(c, crawlId, worker, List.of(failure), Instant.now()));
    }
  }

  /**
   * Remembers why items could not be worked or written, for the page error they become once their
   * attempts run out. Best effort: when the database is away, the error says less.
   */
  public void noteFailure(String worker, List<FrontierItem> items, String reason) {
    try {
      jdbc.withConnection(c -> frontier.noteFailure(c, worker, items, StorableText.of(reason)));
    } catch (RuntimeException e) {
      LOG.debugf("could not note why %d items failed: %s", items.size(), e.getMessage());
    }
  }

  /**
   * What PostgreSQL said about a row it refuses (a data exception, a constraint, a value beyond its
   * limits, or JSON that would not serialize); null for any other failure.
   */
  static String refusedRow(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof JsonProcessingException json) {
        return json.getOriginalMessage();
      }
      if (t instanceof SQLException sql) {
        SQLException first = sql.getNextException() != null ? sql.getNextException() : sql;
        String state = first.getSQLState() != null ? first.getSQLState() : sql.getSQLState();
        if (state != null
            && (state.startsWith("22") || state.startsWith("23") || state.startsWith("54"))) {
          String message = first.getMessage() == null ? state : first.getMessage();
          return message.lines().findFirst().orElse(state);
        }
        return null;
      }
    }
    return null;
  }

  private boolean write(
      Connection c, long crawlId, String worker, List<Outcome> outcomes, Instant now)
      throws SQLException {
    Crawl crawl = crawls.lock(c, crawlId).orElse(null);
    if (crawl == null) {
      return false; // deleted while we worked
    }
    if (crawl.status().terminal()) {
      frontier.settle(
          c,
          worker,
          outcomes.stream().map(o -> Frontier.Settlement.skipped(o.item().id())).toList());
      return false;
    }
    Set<Long> mine =
        new HashSet<>(
            frontier.settle(c, worker, outcomes.stream().map(ResultWriter::settlement).toList()));
    // One result per settled item: an item whose lease ran out while it waited can come back to the
    // same worker, and both results may reach one batch.
    List<Outcome> kept = outcomes.stream().filter(o -> mine.remove(o.item().id())).toList();

    int errors = 0;
    int depth = crawl.currentDepth();
    Map<String, Integer> budgetPages = new HashMap<>();
    List<Discovered> found = new ArrayList<>();
    List<Outcome.Page> pages = new ArrayList<>();
    for (Outcome o : kept) {
      switch (o) {
        case Outcome.Page p -> {
          pages.add(p);
          depth = Math.max(depth, p.item().depth());
          if (p.item().budgetRule() != null) {
            budgetPages.merge(p.item().budgetRule(), 1, Integer::sum);
          }
          found.addAll(p.links());
        }
        case Outcome.Failure f -> {
          insertError(c, crawlId, f.item().url(), f.kind(), f.message(), now);
          errors++;
          if (crawl.hasSubscriptions()) {
            outbox.append(
                c,
                crawl,
                Outbox.PAGE_FAILED,
                bodies.pageEvent(
                    Outbox.PAGE_FAILED, crawl, null, f.item().url(), f.kind() + ": " + f.message()),
                now);
          }
        }
        case Outcome.Blocked b ->
            insertError(
                c,
                crawlId,
                b.item().url(),
                "blocked_by_robots",
                "robots.txt disallows this URL",
                now);
        case Outcome.Expanded e -> found.addAll(e.urls());
      }
    }
    List<StoredPage> stored = insertPages(c, crawl, pages, now);
    // What the batch's pages cost, counted under the crawl's row lock with the claims that hold
    // credits for them: a credit cap holds exactly, however many workers write at once.
    long charged = 0;
    Map<String, Integer> tierPages = new TreeMap<>(crawl.tierPages());
    for (int i = 0; i < pages.size(); i++) {
      charged += stored.get(i).credits();
      if (pages.get(i).tier() != null) {
        tierPages.merge(pages.get(i).tier().wire(), 1, Integer::sum);
      }
    }
    if (crawl.hasSubscriptions()) { // most crawls have none: build no body for them
      for (StoredPage page : stored) {
        outbox.append(
            c,
            crawl,
            Outbox.PAGE_COMPLETED,
            bodies.pageEvent(Outbox.PAGE_COMPLETED, crawl, page, null, null),
            now);
      }
    }
    int added = enqueueWithinBudgets(c, crawl, found);
    for (var entry : budgetPages.entrySet()) {
      Jdbc.update(
          c,
          "insert into budget_count (crawl_id, rule, pages) values (?, ?, ?)"
              + " on conflict (crawl_id, rule) do update set pages = budget_count.pages + excluded.pages",
          crawlId,
          entry.getKey(),
          entry.getValue());
    }
    Jdbc.update(
        c,
        "update crawl set page_count = page_count + ?, error_count = error_count + ?,"
            + " discovered_count = discovered_count + ?, current_depth = ?,"
            + " credits_used = credits_used + ?, tier_pages = ?::jsonb where id = ?",
        pages.size(),
        errors,
        added,
        depth,
        charged,
        write(tierPages),
        crawlId);
    return finisher.finishIfDone(c, crawlId, now);
  }

  private static Frontier.Settlement settlement(Outcome o) {
    return switch (o) {
      case Outcome.Page p -> Frontier.Settlement.page(p.item());
      case Outcome.Failure f -> Frontier.Settlement.failed(f.item().id());
      case Outcome.Blocked b -> Frontier.Settlement.skipped(b.item().id());
      case Outcome.Expanded e -> Frontier.Settlement.done(e.item());
    };
  }

  /** Inserts a batch's pages in one round trip; returns them as stored, in the same order. */
  private List<StoredPage> insertPages(
      Connection c, Crawl crawl, List<Outcome.Page> pages, Instant now) throws SQLException {
    if (pages.isEmpty()) {
      return List.of();
    }
    List<ChangeTracker.Change> changes = new ArrayList<>(pages.size());
    for (Outcome.Page p : pages) {
      changes.add(tracker.observe(c, crawl, p, now));
    }
    List<StoredPage> stored = new ArrayList<>(pages.size());
    try (PreparedStatement insert =
        c.prepareStatement(
            "insert into page (crawl_id, account_id, url, final_url, depth, status, bytes, content_type,"
                + " fetched_at, fetch_ms, content_hash, metadata, outlinks, html_zstd, formats,"
                + " change_status, change_diff, from_cache, credits)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?::jsonb, ?, ?::jsonb, ?, ?)",
            new String[] {"id"})) {
      for (int i = 0; i < pages.size(); i++) {
        Outcome.Page p = pages.get(i);
        ChangeTracker.Change change = changes.get(i);
        insert.setLong(1, crawl.id());
        insert.setLong(2, crawl.accountId());
        insert.setString(3, p.item().url());
        insert.setString(4, p.finalUrl());
        insert.setInt(5, p.item().depth());
        insert.setInt(6, p.status());
        insert.setInt(7, p.bytes());
        insert.setString(8, p.contentType());
        insert.setTimestamp(9, Timestamp.from(now));
        insert.setInt(10, p.fetchMs());
        insert.setString(11, p.contentHash());
        insert.setString(12, write(p.metadata()));
        insert.setInt(13, p.links().size());
        insert.setBytes(14, p.htmlZstd());
        insert.setString(
            15, p.formats() == null || p.formats().isEmpty() ? null : write(p.formats()));
        insert.setString(16, change == null ? null : change.status());
        insert.setString(17, change == null || change.diff() == null ? null : write(change.diff()));
        insert.setBoolean(18, p.fromCache());
        insert.setInt(19, credits(p, change));
        insert.addBatch();
      }
      insert.executeBatch();
      try (ResultSet ids = insert.getGeneratedKeys()) {
        for (int i = 0; i < pages.size(); i++) {
          if (!ids.next()) {
            throw new SQLException("the page batch returned fewer ids than it inserted");
          }
          Outcome.Page p = pages.get(i);
          ChangeTracker.Change change = changes.get(i);
          stored.add(
              new StoredPage(
                  ids.getLong(1),
                  crawl.id(),
                  p.item().url(),
                  p.finalUrl(),
                  p.item().depth(),
                  p.status(),
                  p.bytes(),
                  p.contentType(),
                  now,
                  p.fetchMs(),
                  p.contentHash(),
                  p.metadata(),
                  p.formats() == null ? null : json.valueToTree(p.formats()),
                  change == null ? null : change.status(),
                  change == null || change.diff() == null ? null : json.valueToTree(change.diff()),
                  p.fromCache(),
                  credits(p, change),
                  p.htmlZstd() != null));
        }
      }
    }
    return stored;
  }

  /** What a page is charged: its fetch at the crawl's tier, and its diff when one was asked. */
  private static int credits(Outcome.Page p, ChangeTracker.Change change) {
    return p.credits() + (change == null ? 0 : change.extraCredits());
  }

  private static void insertError(
      Connection c, long crawlId, String url, String kind, String message, Instant at)
      throws SQLException {
    Jdbc.update(
        c,
        "insert into crawl_error (crawl_id, url, kind, message, at) values (?, ?, ?, ?, ?)",
        crawlId,
        StorableText.of(url),
        kind,
        StorableText.of(message.length() > 500 ? message.substring(0, 500) : message),
        at);
  }

  /**
   * Adds found URLs the crawl does not know yet. Budgeted URLs are admitted while their pattern has
   * room; the frontier of a crawl stops growing at its cap ({@link
   * dev.orbweaver.crawl.model.CrawlSpec.Scope#frontierCap}).
   */
  private int enqueueWithinBudgets(Connection c, Crawl crawl, List<Discovered> found)
      throws SQLException {
    if (found.isEmpty()) {
      return 0;
    }
    // One entry per URL, at the smallest depth the batch found it.
    Map<String, Discovered> unique = new LinkedHashMap<>();
    for (Discovered d : found) {
      unique.merge(
          java.util.HexFormat.of().formatHex(d.urlKey()),
          d,
          (kept, other) -> other.depth() < kept.depth() ? other : kept);
    }
    Map<String, Integer> known = new HashMap<>();
    // Keys travel as hex text: the JDBC driver cannot bind an array of bytea. A join probes the
    // unique index once per key; `url_key = any(array(...))` got a generic plan that took 4-5x as
    // long, the most expensive statement of a crawl.
    try (PreparedStatement existing =
        c.prepareStatement(
            "select f.url_key, f.depth from unnest(?::text[]) k"
                + " join frontier f on f.crawl_id = ? and f.url_key = decode(k, 'hex')")) {
      existing.setArray(1, c.createArrayOf("text", unique.keySet().toArray()));
      existing.setLong(2, crawl.id());
      try (ResultSet rs = existing.executeQuery()) {
        while (rs.next()) {
          known.put(java.util.HexFormat.of().formatHex(rs.getBytes(1)), rs.getInt(2));
        }
      }
    }
    // Known URLs found on a shorter path: the frontier keeps the shortest link distance.
    List<Discovered> closer =
        unique.entrySet().stream()
            .filter(e -> known.containsKey(e.getKey()))
            .map(Map.Entry::getValue)
            .filter(d -> d.depth() < known.get(java.util.HexFormat.of().formatHex(d.urlKey())))
            .toList();
    frontier.shorten(c, crawl.id(), crawl.scope().maxDepth(), closer);
    int frontierRows = crawl.frontierRows();
    int cap = crawl.scope().frontierCap();
    Map<String, Integer> admitted = new HashMap<>();
    if (!crawl.budget().isEmpty()) {
      Jdbc.list(
              c,
              "select rule, admitted from budget_count where crawl_id = ?",
              rs -> Map.entry(rs.getString(1), rs.getInt(2)),
              crawl.id())
          .forEach(e -> admitted.put(e.getKey(), e.getValue()));
    }
    Map<String, Integer> newlyAdmitted = new HashMap<>();
    List<Discovered> fresh = new ArrayList<>();
    for (var entry : unique.entrySet()) {
      if (known.containsKey(entry.getKey())) {
        continue;
      }
      if (frontierRows + fresh.size() >= cap) {
        break;
      }
      Discovered d = entry.getValue();
      if (d.budgetRule() != null) {
        int cap_ = crawl.budget().getOrDefault(d.budgetRule(), Integer.MAX_VALUE);
        int taken =
            admitted.getOrDefault(d.budgetRule(), 0)
                + newlyAdmitted.getOrDefault(d.budgetRule(), 0);
        if (taken >= cap_) {
          continue;
        }
        newlyAdmitted.merge(d.budgetRule(), 1, Integer::sum);
      }
      fresh.add(d);
    }
    int added = frontier.enqueue(c, crawl.id(), fresh);
    for (var entry : newlyAdmitted.entrySet()) {
      Jdbc.update(
          c,
          "insert into budget_count (crawl_id, rule, admitted) values (?, ?, ?)"
              + " on conflict (crawl_id, rule) do update set admitted = budget_count.admitted + excluded.admitted",
          crawl.id(),
          entry.getKey(),
          entry.getValue());
    }
    return added;
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a result does not serialize", e);
    }
  }
}
