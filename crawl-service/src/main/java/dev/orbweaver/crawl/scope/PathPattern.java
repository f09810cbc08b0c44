package dev.orbweaver.crawl.scope;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * A URL pattern a crawl was given, compiled once into an RE2/J program. RE2 never backtracks:
 * matching takes time linear in the text whatever the pattern, so no pattern can hold a worker (a
 * backtracking matcher spent minutes on {@code *a*a*a*a*a*a*b} against an 80-character path).
 *
 * <p>Two syntaxes. A glob matches the whole text: {@code *} is any run of characters, slashes
 * included ({@code /blog/*} takes the whole blog), {@code ?} one character, and a glob without a
 * leading slash or star may start anywhere ({@code tag/*} matches {@code /blog/tag/java}). A
 * regular expression matches anywhere in the text, as JavaScript's {@code RegExp.test} does for
 * Firecrawl: only its own {@code ^} and {@code $} anchor it.
 */
public final class PathPattern {
  private final String source;
  private final Pattern program;
  private final boolean whole;

  /**
   * For a glob that starts at the beginning of the text: its literal start, which a text must begin
   * with; null otherwise. RE2/J spends microseconds on even a plain glob, and most globs ({@code
   * /blog/*}, {@code *}) are decided by their start alone.
   */
  private final String prefix;

  /** What a glob with a literal start asks of the rest: nothing more, anything, or the program. */
  private final Rest rest;

  private enum Rest {
    NOTHING,
    ANYTHING,
    PROGRAM
  }

  private PathPattern(String source, Pattern program, boolean whole, String prefix, Rest rest) {
    this.source = source;
    this.program = program;
    this.whole = whole;
    this.prefix = prefix;
    this.rest = rest;
  }

  public static PathPattern glob(String glob) {
    StringBuilder regex = new StringBuilder("(?s)");
    if (!glob.startsWith("/") && !glob.startsWith("*")) {
      regex.append(".*");
    }
    glob.codePoints()
        .forEach(
            cp -> {
              switch (cp) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> literal(regex, cp);
              }
            });
    String prefix = null;
    Rest rest = Rest.PROGRAM;
    if (glob.startsWith("/") || glob.startsWith("*")) {
      int wildcard = firstWildcard(glob);
      prefix = glob.substring(0, wildcard);
      String after = glob.substring(wildcard);
      rest = after.isEmpty() ? Rest.NOTHING : after.equals("*") ? Rest.ANYTHING : Rest.PROGRAM;
    }
    return new PathPattern(glob, Pattern.compile(regex.toString()), true, prefix, rest);
  }

  /**
   * A regular expression in RE2's syntax, which is JavaScript's for everything but lookaround and
   * backreferences (RE2 cannot run them in linear time, so it refuses them).
   *
   * @throws Invalid when RE2 refuses the expression
   */
  public static PathPattern regex(String regex) {
    try {
      return new PathPattern(regex, Pattern.compile(regex), false, null, Rest.PROGRAM);
    } catch (PatternSyntaxException e) {
      throw new Invalid(reason(e));
    }
  }

  /** Whether the text (a path, or a URL) matches. */
  public boolean matches(String text) {
    if (prefix != null) {
      if (!text.startsWith(prefix)) {
        return false;
      }
      if (rest == Rest.NOTHING) {
        return text.length() == prefix.length();
      }
      if (rest == Rest.ANYTHING) {
        return true;
      }
    }
    return whole ? program.matcher(text).matches() : program.matcher(text).find();
  }

  /** The pattern as the client wrote it. */
  public String source() {
    return source;
  }

  @Override
  public String toString() {
    return source;
  }

  private static int firstWildcard(String glob) {
    for (int i = 0; i < glob.length(); i++) {
      if (glob.charAt(i) == '*' || glob.charAt(i) == '?') {
        return i;
      }
    }
    return glob.length();
  }

  /** RE2 reads any ASCII character but a letter or digit after a backslash as itself. */
  private static void literal(StringBuilder regex, int cp) {
    boolean alphanumeric =
        (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
    if (cp < 0x80 && !alphanumeric) {
      regex.append('\\');
    }
    regex.appendCodePoint(cp);
  }

  private static String reason(PatternSyntaxException e) {
    String message = e.getMessage() == null ? "not a valid regular expression" : e.getMessage();
    return message.replaceFirst("^error parsing regexp: ", "");
  }

  /** RE2 refused a regular expression; the message says why. */
  public static final class Invalid extends IllegalArgumentException {
    Invalid(String reason) {
      super(reason);
    }
  }
}
