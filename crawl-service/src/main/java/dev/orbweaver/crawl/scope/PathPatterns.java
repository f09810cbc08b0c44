package dev.orbweaver.crawl.scope;

import dev.orbweaver.common.error.ApiException;
import dev.orbweaver.crawl.model.CrawlSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The bounds on the URL patterns of a crawl, checked when the crawl is asked for, so that a request
 * whose patterns would cost a worker much is refused with a 400 naming the pattern.
 *
 * <p>RE2 matches in time proportional to the text times the size of the compiled pattern, and
 * compiles counted repetitions by writing them out: {@code ((a{1000}){1000}){1000}} would be a
 * billion instructions (RE2/J runs out of memory building it). So a pattern is measured with its
 * repetitions written out, and all of a crawl's patterns together are bounded as well as each one.
 * Real patterns are far smaller: a few dozen characters, a handful per crawl.
 */
public final class PathPatterns {
  /** Patterns in one list (include, exclude, budget, boost, demote). */
  public static final int MAX_PATTERNS = 100;

  /** Characters of one pattern as written. */
  public static final int MAX_LENGTH = 1_000;

  /** Size of one pattern with its counted repetitions written out ({@code x{n,m}} counts m x). */
  public static final int MAX_EXPANDED = 2_000;

  /** Size of all of a crawl's patterns together, repetitions written out. */
  public static final int MAX_TOTAL = 5_000;

  private static final long SATURATED = 1L << 40;

  private PathPatterns() {}

  /** Checks one list of a request in the given syntax; answers 400 naming the first bad one. */
  public static List<String> check(
      String field, List<String> patterns, CrawlSpec.PatternSyntax syntax) {
    if (patterns == null) {
      return List.of();
    }
    if (patterns.size() > MAX_PATTERNS) {
      throw ApiException.validation(
          field + " holds " + patterns.size() + " patterns; at most " + MAX_PATTERNS);
    }
    for (int i = 0; i < patterns.size(); i++) {
      check(field + "[" + i + "]", patterns.get(i), syntax);
    }
    return patterns;
  }

  /** Checks one pattern; {@code field} names it in the message. */
  public static void check(String field, String pattern, CrawlSpec.PatternSyntax syntax) {
    if (pattern == null) {
      throw ApiException.validation(field + " must be a string");
    }
    if (pattern.length() > MAX_LENGTH) {
      throw ApiException.validation(
          field
              + " is "
              + pattern.length()
              + " characters long; a pattern may have at most "
              + MAX_LENGTH);
    }
    boolean regex = syntax != CrawlSpec.PatternSyntax.GLOB;
    long size = size(pattern, regex);
    if (size > MAX_EXPANDED) {
      throw ApiException.validation(
          field
              + " "
              + quoted(pattern)
              + " is too large once its repetitions are written out ("
              + (size >= SATURATED ? "more than a billion" : size)
              + " characters; at most "
              + MAX_EXPANDED
              + ")");
    }
    if (regex) {
      try {
        PathPattern.regex(pattern);
      } catch (PathPattern.Invalid e) {
        throw ApiException.validation(
            field
                + " "
                + quoted(pattern)
                + " is not a supported regular expression: "
                + e.getMessage());
      }
    }
  }

  /** Checks what all of a crawl's patterns cost together. */
  public static void checkTotal(CrawlSpec.Scope scope) {
    boolean regex = scope.patternSyntax() != CrawlSpec.PatternSyntax.GLOB;
    long total = 0;
    for (String p : concat(scope.includePatterns(), scope.excludePatterns())) {
      total += size(p, regex);
    }
    List<String> globs = new ArrayList<>(scope.budget().keySet());
    globs.addAll(scope.priority().boostPatterns());
    globs.addAll(scope.priority().demotePatterns());
    for (String p : globs) {
      total += size(p, false);
    }
    if (total > MAX_TOTAL) {
      throw ApiException.validation(
          "the crawl's URL patterns come to "
              + total
              + " characters together (repetitions written out); at most "
              + MAX_TOTAL);
    }
  }

  /** The size a pattern is measured by: a glob's length, a regex's with repetitions written out. */
  static long size(String pattern, boolean regex) {
    return regex ? new ExpandedSize(pattern).measure() : pattern.length();
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return Stream.concat(a.stream(), b.stream()).toList();
  }

  private static String quoted(String pattern) {
    return "\"" + (pattern.length() > 100 ? pattern.substring(0, 100) + "…" : pattern) + "\"";
  }

  /**
   * A regex's size with counted repetitions written out, read leniently: whatever RE2 would refuse
   * counts as plain characters (RE2/J's own parser then says what is wrong), and every bound is
   * taken at its largest, so the size never falls below what RE2 compiles.
   */
  private static final class ExpandedSize {
    private final String s;
    private int i;

    ExpandedSize(String s) {
      this.s = s;
    }

    long measure() {
      long total = 0;
      while (i < s.length()) {
        total = add(total, alternation());
        if (i < s.length()) {
          i++; // a ')' without its '('
          total = add(total, 1);
        }
      }
      return total;
    }

    /** Branches separated by '|', up to a ')' or the end: RE2 compiles every branch. */
    private long alternation() {
      long total = sequence();
      while (i < s.length() && s.charAt(i) == '|') {
        i++;
        total = add(total, sequence());
      }
      return total;
    }

    private long sequence() {
      long total = 0;
      while (i < s.length() && s.charAt(i) != '|' && s.charAt(i) != ')') {
        total = add(total, repeated(atom()));
      }
      return total;
    }

    private long atom() {
      char c = s.charAt(i++);
      switch (c) {
        case '(' -> {
          if (i < s.length() && s.charAt(i) == '?') {
            int j = i + 1;
            if (j < s.length() && (s.charAt(j) == 'P' || s.charAt(j) == '<')) {
              int close = s.indexOf('>', j);
              i = close < 0 ? s.length() : close + 1;
            } else {
              while (j < s.length() && s.charAt(j) != ':' && s.charAt(j) != ')') {
                j++;
              }
              i = Math.min(s.length(), j + 1);
              if (j < s.length() && s.charAt(j) == ')') {
                return 0; // flags for what follows, like (?i)
              }
            }
          }
          long inner = alternation();
          if (i < s.length() && s.charAt(i) == ')') {
            i++;
          }
          return add(inner, 1);
        }
        case '[' -> {
          skipClass();
          return 1;
        }
        case '\\' -> {
          return escape();
        }
        default -> {
          return 1;
        }
      }
    }

    /** Applies the quantifiers after an atom: x*, x+, x? add one; x{n,m} is m copies of x. */
    private long repeated(long atom) {
      long size = atom;
      while (i < s.length()) {
        char c = s.charAt(i);
        if (c == '*' || c == '+' || c == '?') {
          i++;
          size = add(size, 1);
        } else if (c == '{') {
          int[] bounds = counted();
          if (bounds == null) {
            return size; // not a repetition: '{' is a plain character, read as the next atom
          }
          long copies = Math.max(1, bounds[1] < 0 ? bounds[0] + 1L : bounds[1]);
          size = multiply(size, copies);
        } else {
          return size;
        }
      }
      return size;
    }

    /** {n}, {n,} or {n,m} at i: consumes it and returns {n, m} (m = -1 for no upper bound). */
    private int[] counted() {
      int j = i + 1;
      int start = j;
      while (j < s.length() && Character.isDigit(s.charAt(j))) {
        j++;
      }
      if (j == start || j >= s.length()) {
        return null;
      }
      int n = number(s.substring(start, j));
      int m = n;
      if (s.charAt(j) == ',') {
        j++;
        int upper = j;
        while (j < s.length() && Character.isDigit(s.charAt(j))) {
          j++;
        }
        m = j == upper ? -1 : number(s.substring(upper, j));
      }
      if (j >= s.length() || s.charAt(j) != '}') {
        return null;
      }
      i = j + 1;
      return new int[] {n, m};
    }

    private static int number(String digits) {
      return digits.length() > 6 ? 1_000_000 : Integer.parseInt(digits);
    }

    private long escape() {
      if (i >= s.length()) {
        return 1;
      }
      char c = s.charAt(i++);
      if (c == 'Q') {
        int end = s.indexOf("\\E", i);
        int stop = end < 0 ? s.length() : end;
        long literal = stop - i;
        i = end < 0 ? s.length() : end + 2;
        return Math.max(1, literal);
      }
      if ((c == 'p' || c == 'P' || c == 'x') && i < s.length() && s.charAt(i) == '{') {
        int close = s.indexOf('}', i);
        i = close < 0 ? s.length() : close + 1;
      }
      return 1;
    }

    private void skipClass() {
      if (i < s.length() && s.charAt(i) == '^') {
        i++;
      }
      if (i < s.length() && s.charAt(i) == ']') {
        i++;
      }
      while (i < s.length()) {
        char c = s.charAt(i);
        if (c == '\\') {
          i += 2;
        } else if (c == '[' && i + 1 < s.length() && s.charAt(i + 1) == ':') {
          int close = s.indexOf(":]", i + 2);
          i = close < 0 ? i + 1 : close + 2;
        } else {
          i++;
          if (c == ']') {
            return;
          }
        }
      }
    }

    private static long add(long a, long b) {
      return Math.min(SATURATED, a + b);
    }

    private static long multiply(long a, long b) {
      return a == 0 || b <= SATURATED / a ? Math.min(SATURATED, a * b) : SATURATED;
    }
  }
}
