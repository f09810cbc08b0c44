package dev.orbweaver.backlink.changes;

import dev.orbweaver.backlink.release.ReleaseCatalog;
import dev.orbweaver.common.error.ApiException;
import dev.orbweaver.graph.domain.DomainName;
import dev.orbweaver.graph.query.ReleaseDiff;
import dev.orbweaver.graph.store.Release;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Quarter-over-quarter changes of a domain's linking domains. With nothing older than {@code to}
 * there is nothing to compare, which the API reports in the CrawlGraph document's stub shape.
 */
@ApplicationScoped
public class ReleaseChanges {
  /** Common Crawl publishes a domain graph about every quarter. */
  static final int QUARTER_DAYS = 91;

  private static final Pattern QUARTER_ID =
      Pattern.compile(
          "(cc-main-)(\\d{4})(-\\d{2})?-([a-z]{3})-([a-z]{3})-([a-z]{3})",
          Pattern.CASE_INSENSITIVE);
  private static final List<String> MONTHS =
      List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");

  private final ReleaseCatalog catalog;

  @Inject
  public ReleaseChanges(ReleaseCatalog catalog) {
    this.catalog = catalog;
  }

  public Outcome changes(DomainName domain, String fromId, String toId, int limit) {
    Release to = catalog.resolve("to", toId);
    Release from;
    if (fromId == null) {
      Optional<Release> previous = catalog.previous(to);
      if (previous.isEmpty()) {
        return new NotComparable(
            to, to.manifest().releaseDate().plusDays(QUARTER_DAYS), nextId(to.id()));
      }
      from = previous.get();
    } else {
      from = catalog.resolve("from", fromId);
      if (from == to) {
        throw ApiException.validation("from and to name the same release '" + to.id() + "'.");
      }
      if (!catalog.isOlder(from, to)) {
        throw ApiException.validation(
            "from '" + from.id() + "' must be an older release than to '" + to.id() + "'.");
      }
    }
    if (domain == null) {
      return new Comparison(null, from, to, null);
    }
    ReleaseDiff.Result diff =
        ReleaseDiff.run(
            from, from.vertexOf(domain).orElse(-1), to, to.vertexOf(domain).orElse(-1), limit);
    return new Comparison(domain, from, to, diff);
  }

  /**
   * The id Common Crawl gives the quarter after this one ({@code cc-main-2026-jan-feb-mar} is
   * followed by {@code cc-main-2026-apr-may-jun}, {@code cc-main-2025-aug-sep-oct} by {@code
   * cc-main-2025-26-nov-dec-jan}), or null for an id in another scheme.
   */
  static String nextId(String id) {
    Matcher m = QUARTER_ID.matcher(id);
    if (!m.matches()) {
      return null;
    }
    int[] months = new int[3];
    for (int i = 0; i < 3; i++) {
      months[i] = MONTHS.indexOf(m.group(4 + i).toLowerCase(Locale.ROOT));
      if (months[i] < 0) {
        return null;
      }
    }
    int firstYear = Integer.parseInt(m.group(2));
    boolean wraps = months[2] < months[0];
    int lastYear = wraps ? firstYear + 1 : firstYear;
    int start = (months[2] + 1) % 12;
    int startYear = start == 0 ? lastYear + 1 : lastYear;
    boolean nextWraps = start + 2 > 11;
    StringBuilder out = new StringBuilder(m.group(1)).append(startYear);
    if (nextWraps) {
      out.append('-').append(String.format(Locale.ROOT, "%02d", (startYear + 1) % 100));
    }
    for (int i = 0; i < 3; i++) {
      out.append('-').append(MONTHS.get((start + i) % 12));
    }
    return Character.isUpperCase(id.charAt(0))
        ? out.toString().toUpperCase(Locale.ROOT)
        : out.toString();
  }

  /** What the changes endpoint answers. */
  public sealed interface Outcome permits NotComparable, Comparison {}

  /** Only one release up to {@code current}: nothing to diff yet. */
  public record NotComparable(Release current, LocalDate nextEstimate, String nextId)
      implements Outcome {}

  /** Two releases to compare; {@code diff} is null when no domain was asked about. */
  public record Comparison(DomainName domain, Release from, Release to, ReleaseDiff.Result diff)
      implements Outcome {}
}
