package dev.orbweaver.scrape.api;

import dev.orbweaver.scrape.web.Require;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The parts of a search request both dialects read the same way. */
public final class SearchWire {
  private static final Pattern QDR = Pattern.compile("(?:^|,)qdr:([hdwmy])(?:,|$)");

  private SearchWire() {}

  /** The query: present, 1 to 2000 characters. */
  public static String query(String query) {
    Require.text(query, "query");
    Require.that(query.length() <= 2000, "query", "must be at most 2000 characters");
    return query.strip();
  }

  /**
   * Google's {@code tbs} time filter as a time range ({@code qdr:w} → week).
   *
   * @param strict CRW's enum (only {@code qdr:h|d|w|m|y}); else other tbs parts are ignored
   */
  public static String timeRange(String tbs, boolean strict) {
    if (tbs == null || tbs.isBlank()) {
      return null;
    }
    Matcher m = QDR.matcher(tbs.strip());
    if (strict) {
      Require.that(
          tbs.strip().matches("qdr:[hdwmy]"),
          "tbs",
          "must be one of qdr:h, qdr:d, qdr:w, qdr:m, qdr:y");
    }
    if (!m.find()) {
      return null;
    }
    return switch (m.group(1)) {
      case "h" -> "hour";
      case "d" -> "day";
      case "w" -> "week";
      case "m" -> "month";
      default -> "year";
    };
  }

  /**
   * Categories as backends take them: {@code crawled} picks the account's own index, Firecrawl's
   * {@code github} and {@code pdf} become query operators and {@code research} SearXNG's {@code
   * science}; anything else is passed to SearXNG as one of its categories.
   */
  public record Categories(List<String> searxng, List<String> queryTerms, boolean crawled) {}

  public static Categories categories(List<String> names, String field) {
    List<String> searxng = new ArrayList<>();
    List<String> terms = new ArrayList<>();
    boolean crawled = false;
    if (names != null) {
      for (int i = 0; i < names.size(); i++) {
        String name = names.get(i);
        Require.that(
            name != null && !name.isBlank(), field + "[" + i + "]", "must be a category name");
        switch (name.strip().toLowerCase(Locale.ROOT)) {
          case "crawled" -> crawled = true;
          case "github" -> terms.add("site:github.com");
          case "pdf" -> terms.add("filetype:pdf");
          case "research" -> searxng.add("science");
          default -> searxng.add(name.strip().toLowerCase(Locale.ROOT));
        }
      }
    }
    return new Categories(searxng, terms, crawled);
  }
}
