package dev.orbweaver.extract.markdown;

import java.util.ArrayList;
import java.util.List;

/**
 * The one buffer a rendering appends to. Whitespace, line breaks, paragraph breaks and inline
 * markers are kept pending and written only when content follows, which is what collapses
 * whitespace the way a browser does, drops empty emphasis and links, and never leaves runs of blank
 * lines. Line prefixes (list indentation, blockquote markers) are written at the start of each
 * line.
 */
final class TextSink {
  /** Characters that may need a backslash anywhere in a line (others only at its start). */
  private static final boolean[] SPECIAL = new boolean[128];

  static {
    for (char c : "\\*`_[]<|~".toCharArray()) {
      SPECIAL[c] = true;
    }
  }

  /** A line prefix: {@code first} on the first line written inside it, {@code rest} afterwards. */
  static final class Prefix {
    final String first;
    final String rest;
    final int maxLeadingBreaks;
    boolean used;

    Prefix(String first, String rest, int maxLeadingBreaks) {
      this.first = first;
      this.rest = rest;
      this.maxLeadingBreaks = maxLeadingBreaks;
    }
  }

  private final StringBuilder out;
  private final boolean markdown;
  private final List<Prefix> prefixes = new ArrayList<>();
  private final StringBuilder pendingOpen = new StringBuilder();
  private int pendingBreaks;
  private boolean hardBreak;
  private boolean pendingSpace;
  private boolean lineOpen;
  private boolean contentOnLine;

  /** Inside a link, a heading or a table cell everything stays on one line. */
  int singleLine;

  /** Inside a table cell a pipe ends the cell, so it is escaped. */
  int tableCell;

  TextSink(int capacity, Syntax syntax) {
    this.out = new StringBuilder(capacity);
    this.markdown = syntax == Syntax.MARKDOWN;
  }

  /** Text as it appears in the document: whitespace collapses, Markdown syntax is escaped. */
  void text(String text) {
    int length = text.length();
    int i = 0;
    while (i < length) {
      char c = text.charAt(i);
      if (isCollapsible(c)) {
        pendingSpace = true;
        i++;
        continue;
      }
      if (c == '\u200B' || c == '\uFEFF') {
        i++; // zero-width: laid out as nothing, so it must not make an empty link non-empty
        continue;
      }
      if (pendingSpace || pendingBreaks != 0 || !lineOpen || pendingOpen.length() != 0) {
        flush();
      }
      if (markdown && !contentOnLine) {
        int consumed = escapeLineStart(text, i);
        if (consumed > 0) {
          i += consumed;
          contentOnLine = true;
          continue;
        }
      }
      contentOnLine = true;
      int run = i;
      while (run < length) {
        char r = text.charAt(run);
        if (isCollapsible(r)
            || (markdown && r < 128 && SPECIAL[r])
            || r == '\u200B'
            || r == '\uFEFF') {
          break;
        }
        run++;
      }
      if (run > i) {
        out.append(text, i, run);
        i = run;
      } else {
        escapeSpecial(text, i);
        i++;
      }
    }
  }

  /**
   * Writes {@code raw} as it is, after any pending breaks and prefix; pending spaces are dropped.
   */
  void raw(String raw) {
    pendingSpace = false;
    flush();
    out.append(raw);
    contentOnLine = true;
  }

  /** Writes an inline construct (image, inline code) that is content in its own right. */
  void inline(String raw) {
    flush();
    out.append(raw);
    contentOnLine = true;
  }

  /** Writes one line of preformatted text, then ends the line. */
  void rawLine(String line) {
    pendingSpace = false;
    flush();
    if (line.isEmpty()) {
      trimTrailingSpaces();
    } else {
      out.append(line);
    }
    out.append('\n');
    lineOpen = false;
    contentOnLine = false;
  }

  /**
   * Opens an inline marker ({@code **}, {@code [}, {@code ## }) that is written only if content
   * follows. Returns the mark to pass to {@link #closeInline}.
   */
  int openInline(String marker) {
    int mark = pendingOpen.length();
    pendingOpen.append(marker);
    return mark;
  }

  /**
   * Drops the marker opened at {@code mark} if nothing was written since; true if it was written.
   */
  boolean closeInline(int mark) {
    if (pendingOpen.length() > mark) {
      pendingOpen.setLength(mark);
      return false;
    }
    return true;
  }

  /** Appends a closing marker right after the content, before any pending space. */
  void close(String marker) {
    out.append(marker);
  }

  /** Asks for {@code breaks} line ends (2 = a blank line) before the next content. */
  void requestBreaks(int breaks) {
    if (singleLine > 0) {
      pendingSpace = true;
      return;
    }
    if (!prefixes.isEmpty()) {
      Prefix top = prefixes.get(prefixes.size() - 1);
      if (!top.used) {
        breaks = Math.min(breaks, top.maxLeadingBreaks);
      }
    }
    if (breaks > pendingBreaks) {
      pendingBreaks = breaks;
    }
    hardBreak = false;
    pendingSpace = false;
  }

  /** Lowers pending breaks to at most {@code breaks} (keeps list items tight). */
  void capBreaks(int breaks) {
    if (pendingBreaks > breaks) {
      pendingBreaks = breaks;
    }
  }

  /** A {@code <br>}: a hard line break inside a block, a blank line when doubled. */
  void lineBreak() {
    if (singleLine > 0) {
      pendingSpace = true;
      return;
    }
    if (pendingBreaks == 0) {
      if (contentOnLine) {
        pendingBreaks = 1;
        hardBreak = true;
      }
    } else if (pendingBreaks == 1) {
      pendingBreaks = 2;
      hardBreak = false;
    }
    pendingSpace = false;
  }

  void push(Prefix prefix) {
    prefixes.add(prefix);
  }

  void pop() {
    prefixes.remove(prefixes.size() - 1);
  }

  boolean endsWithSpace() {
    return out.length() > 0 && out.charAt(out.length() - 1) == ' ';
  }

  /** The text written so far, without trailing whitespace. */
  String result() {
    int end = out.length();
    while (end > 0 && Character.isWhitespace(out.charAt(end - 1))) {
      end--;
    }
    out.setLength(end);
    return out.toString();
  }

  private void flush() {
    if (pendingBreaks > 0) {
      if (out.length() > 0) {
        if (lineOpen) {
          if (hardBreak && markdown && pendingBreaks == 1) {
            out.append("  ");
          }
          out.append('\n');
          lineOpen = false;
        }
        for (int i = 1; i < pendingBreaks; i++) {
          blankLine();
        }
      }
      pendingBreaks = 0;
      hardBreak = false;
      pendingSpace = false;
    }
    if (pendingSpace) {
      if (lineOpen && contentOnLine && !endsWithSpace()) {
        out.append(' ');
      }
      pendingSpace = false;
    }
    if (!lineOpen) {
      for (int i = 0; i < prefixes.size(); i++) {
        Prefix prefix = prefixes.get(i);
        out.append(prefix.used ? prefix.rest : prefix.first);
        prefix.used = true;
      }
      lineOpen = true;
      contentOnLine = false;
    }
    if (pendingOpen.length() != 0) {
      out.append(pendingOpen);
      pendingOpen.setLength(0);
      contentOnLine = true;
    }
  }

  private void blankLine() {
    int start = out.length();
    for (int i = 0; i < prefixes.size(); i++) {
      Prefix prefix = prefixes.get(i);
      if (prefix.used) {
        out.append(prefix.rest);
      }
    }
    int end = out.length();
    while (end > start && out.charAt(end - 1) == ' ') {
      end--;
    }
    out.setLength(end);
    out.append('\n');
  }

  private void trimTrailingSpaces() {
    int end = out.length();
    while (end > 0 && out.charAt(end - 1) == ' ') {
      end--;
    }
    out.setLength(end);
  }

  /**
   * Escapes what would start a block at the beginning of a line (heading, quote, list item, rule,
   * setext underline). Returns how many characters of {@code text} it wrote, 0 if none needed it.
   */
  private int escapeLineStart(String text, int i) {
    char c = text.charAt(i);
    char next = i + 1 < text.length() ? text.charAt(i + 1) : ' ';
    switch (c) {
      case '#', '>', '=' -> {
        out.append('\\').append(c);
        return 1;
      }
      case '-', '+' -> {
        if (next == ' ' || next == '-' || next == '\t' || next == '\n') {
          out.append('\\').append(c);
          return 1;
        }
        return 0;
      }
      default -> {
        if (c < '0' || c > '9') {
          return 0;
        }
        int j = i;
        while (j < text.length() && j - i < 9 && text.charAt(j) >= '0' && text.charAt(j) <= '9') {
          j++;
        }
        if (j < text.length() && (text.charAt(j) == '.' || text.charAt(j) == ')')) {
          char after = j + 1 < text.length() ? text.charAt(j + 1) : ' ';
          if (isCollapsible(after)) {
            out.append(text, i, j).append('\\').append(text.charAt(j));
            return j + 1 - i;
          }
        }
        return 0;
      }
    }
  }

  private void escapeSpecial(String text, int i) {
    char c = text.charAt(i);
    char next = i + 1 < text.length() ? text.charAt(i + 1) : '\0';
    boolean escape =
        switch (c) {
          case '\\' -> next == '\0' || isAsciiPunctuation(next);
          case '_' -> !isWordChar(lastChar()) || !isWordChar(next);
          case '<' -> Character.isLetter(next) || next == '/' || next == '!' || next == '?';
          case '|' -> tableCell > 0;
          case '~' -> next == '~' || lastChar() == '~';
          default -> true;
        };
    if (escape) {
      out.append('\\');
    }
    out.append(c);
  }

  private char lastChar() {
    return out.length() == 0 ? '\0' : out.charAt(out.length() - 1);
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c);
  }

  private static boolean isAsciiPunctuation(char c) {
    return (c >= '!' && c <= '/')
        || (c >= ':' && c <= '@')
        || (c >= '[' && c <= '`')
        || (c >= '{' && c <= '~');
  }

  static boolean isCollapsible(char c) {
    return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\u00A0';
  }
}
