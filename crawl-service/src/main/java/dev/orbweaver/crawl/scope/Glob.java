package dev.orbweaver.crawl.scope;

import java.util.regex.Pattern;

/**
 * A path glob as crawl APIs write them: {@code *} matches any run of characters, slashes included
 * ({@code /blog/*} takes the whole blog), {@code ?} one character; a pattern without a leading
 * slash matches anywhere in the path.
 */
public record Glob(String pattern, Pattern regex) {

  public static Glob of(String pattern) {
    StringBuilder regex = new StringBuilder();
    if (!pattern.startsWith("/") && !pattern.startsWith("*")) {
      regex.append(".*");
    }
    for (char ch : pattern.toCharArray()) {
      switch (ch) {
        case '*' -> regex.append(".*");
        case '?' -> regex.append('.');
        default -> regex.append(Pattern.quote(String.valueOf(ch)));
      }
    }
    return new Glob(pattern, Pattern.compile(regex.toString()));
  }

  /** Matches a path (with its query, if any). */
  public boolean matches(String path) {
    return regex.matcher(path).matches();
  }

  /** How specific the pattern is: its length without wildcards (longest match wins). */
  public int specificity() {
    return pattern.replace("*", "").replace("?", "").length();
  }
}
