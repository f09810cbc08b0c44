package dev.orbweaver.crawl.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import com.github.luben.zstd.Zstd;
import dev.orbweaver.common.sql.Jdbc;
import dev.orbweaver.crawl.model.Crawl;
import dev.orbweaver.crawl.worker.Outcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Change detection across crawls of one tracking id: each page is new, changed or unchanged against
 * the last observation of its URL. Content mode compares the SHA-256 of the page text; structured
 * mode compares the extraction result field by field. With include_diff the change carries a diff
 * (unified text diff, or per-field previous/current) and costs extra credits.
 */
@ApplicationScoped
public class ChangeTracker {
  private final ObjectMapper json;

  @Inject
  public ChangeTracker(ObjectMapper json) {
    this.json = json;
  }

  /** The tracking id of a crawl: the caller's, or the seed's host. */
  public static String trackingId(Crawl crawl) {
    String given = crawl.changeTracking().trackingId();
    return given != null && !given.isBlank() ? given : URI.create(crawl.seedUrl()).getHost();
  }

  public Change observe(Connection c, Crawl crawl, Outcome.Page page, Instant now)
      throws SQLException {
    if (!crawl.changeTracking().enabled()) {
      return null;
    }
    boolean structured = "structured".equals(crawl.changeTracking().mode());
    String trackingId = trackingId(crawl);
    String text = page.text() == null ? "" : page.text();
    JsonNode extracted = structured ? extraction(page) : null;
    String hash =
        structured ? sha256(extracted == null ? "null" : extracted.toString()) : sha256(text);
    Optional<Snapshot> previous =
        Jdbc.one(
            c,
            "select content_hash, text_zstd, structured::text as structured from tracking_snapshot"
                + " where account_id = ? and tracking_id = ? and url = ?",
            rs -> new Snapshot(rs.getString(1), rs.getBytes(2), rs.getString(3)),
            crawl.accountId(),
            trackingId,
            page.item().url());
    Jdbc.update(
        c,
        "insert into tracking_snapshot (account_id, tracking_id, url, content_hash, text_zstd, structured,"
            + " crawl_id, seen_at) values (?, ?, ?, ?, ?, ?::jsonb, ?, ?)"
            + " on conflict (account_id, tracking_id, url) do update set content_hash = excluded.content_hash,"
            + " text_zstd = excluded.text_zstd, structured = excluded.structured, crawl_id = excluded.crawl_id,"
            + " seen_at = excluded.seen_at",
        crawl.accountId(),
        trackingId,
        page.item().url(),
        hash,
        Zstd.compress(text.getBytes(StandardCharsets.UTF_8)),
        extracted == null ? null : extracted.toString(),
        crawl.id(),
        now);
    boolean diff = crawl.changeTracking().includeDiff();
    // What the diff adds to a page's price, as the crawl was priced when it started.
    int extra = crawl.pricing().pageCredits() - crawl.pricing().tierCredits();
    if (previous.isEmpty()) {
      return new Change("new", null, extra);
    }
    if (previous.get().hash().equals(hash)) {
      return new Change("unchanged", null, extra);
    }
    if (!diff) {
      return new Change("changed", null, extra);
    }
    Object body =
        structured
            ? fieldDiff(read(previous.get().structured()), extracted)
            : Map.of("text", unifiedDiff(previous.get().text(), text, page.item().url()));
    return new Change("changed", body, extra);
  }

  /** The crawl before this one on the same tracking id, and what it saw that this one did not. */
  public Summary summary(Connection c, Crawl crawl) throws SQLException {
    String trackingId = trackingId(crawl);
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String status : List.of("new", "changed", "unchanged")) {
      counts.put(status, 0);
    }
    Jdbc.list(
            c,
            "select change_status, count(*) from page where crawl_id = ? and change_status is not null group by 1",
            rs -> Map.entry(rs.getString(1), rs.getInt(2)),
            crawl.id())
        .forEach(e -> counts.put(e.getKey(), e.getValue()));
    int removed =
        Jdbc.one(
                c,
                "select count(*) from tracking_snapshot where account_id = ? and tracking_id = ? and crawl_id = ("
                    + " select max(crawl_id) from tracking_snapshot where account_id = ? and tracking_id = ? and crawl_id < ?)",
                rs -> rs.getInt(1),
                crawl.accountId(),
                trackingId,
                crawl.accountId(),
                trackingId,
                crawl.id())
            .orElse(0);
    counts.put("removed", crawl.status().terminal() ? removed : 0);
    return new Summary(trackingId, crawl.changeTracking().mode(), counts);
  }

  private JsonNode extraction(Outcome.Page page) {
    Object value = page.formats() == null ? null : page.formats().get("json");
    return value == null ? null : json.valueToTree(value);
  }

  private static Map<String, Object> fieldDiff(JsonNode previous, JsonNode current) {
    Map<String, Object> changes = new LinkedHashMap<>();
    walk("", previous, current, changes);
    return changes;
  }

  private static void walk(String path, JsonNode before, JsonNode after, Map<String, Object> out) {
    if (before != null && after != null && before.isObject() && after.isObject()) {
      java.util.Set<String> names = new java.util.TreeSet<>();
      before.fieldNames().forEachRemaining(names::add);
      after.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        walk(path.isEmpty() ? name : path + "." + name, before.get(name), after.get(name), out);
      }
      return;
    }
    if (before == null ? after != null : !before.equals(after)) {
      Map<String, Object> change = new LinkedHashMap<>();
      change.put("previous", before);
      change.put("current", after);
      out.put(path.isEmpty() ? "$" : path, change);
    }
  }

  private static String unifiedDiff(String before, String after, String url) {
    List<String> a = before.lines().toList();
    List<String> b = after.lines().toList();
    Patch<String> patch = DiffUtils.diff(a, b);
    return String.join("\n", UnifiedDiffUtils.generateUnifiedDiff(url, url, a, patch, 3));
  }

  private JsonNode read(String text) {
    try {
      return text == null ? null : json.readTree(text);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** How a page compares with its last observation. */
  public record Change(String status, Object diff, int extraCredits) {}

  /** Counts per change status, removed included once the crawl is over. */
  public record Summary(String trackingId, String mode, Map<String, Integer> counts) {}

  private record Snapshot(String hash, byte[] zstd, String structured) {
    String text() {
      return zstd == null
          ? ""
          : new String(
              Zstd.decompress(zstd, (int) Zstd.getFrameContentSize(zstd)), StandardCharsets.UTF_8);
    }
  }
}
