package dev.orbweaver.common.input;

import java.util.Locale;

/**
 * NUL and the C0 control characters other than TAB, LF and CR. No public field has a use for them,
 * PostgreSQL refuses NUL in text and jsonb outright (a 500 if it gets that far), and the rest turn
 * up in logs, headers and file names where they do harm.
 */
public final class ControlCharacters {
  private ControlCharacters() {}

  /** Whether {@code c} may appear in a public string. */
  public static boolean allowed(char c) {
    return c >= 0x20 || c == '\t' || c == '\n' || c == '\r';
  }

  /** The index of the first character that may not appear, or -1. */
  public static int firstForbidden(CharSequence value) {
    for (int i = 0; i < value.length(); i++) {
      if (!allowed(value.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  /** "control character U+0000 is not allowed", for the character at {@code index}. */
  public static String refusal(CharSequence value, int index) {
    return "control character " + codePoint(value.charAt(index)) + " is not allowed";
  }

  static String codePoint(char c) {
    return String.format(Locale.ROOT, "U+%04X", (int) c);
  }
}
