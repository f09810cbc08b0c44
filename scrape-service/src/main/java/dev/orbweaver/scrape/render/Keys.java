package dev.orbweaver.scrape.render;

import java.util.Map;

/**
 * The keys a {@code press} action may name, as DevTools key events need them: the DOM key, its
 * physical code, the Windows virtual key code, and the text it types (if any). Any single printable
 * character is a key too.
 */
final class Keys {
  record Key(String key, String code, int keyCode, String text) {}

  private static final Map<String, Key> NAMED =
      Map.ofEntries(
          named("Enter", "Enter", 13, "\r"),
          named("Tab", "Tab", 9, null),
          named("Escape", "Escape", 27, null),
          named("Backspace", "Backspace", 8, null),
          named("Delete", "Delete", 46, null),
          named("ArrowUp", "ArrowUp", 38, null),
          named("ArrowDown", "ArrowDown", 40, null),
          named("ArrowLeft", "ArrowLeft", 37, null),
          named("ArrowRight", "ArrowRight", 39, null),
          named("Home", "Home", 36, null),
          named("End", "End", 35, null),
          named("PageUp", "PageUp", 33, null),
          named("PageDown", "PageDown", 34, null),
          named("Space", "Space", 32, " "),
          named("Insert", "Insert", 45, null));

  private Keys() {}

  private static Map.Entry<String, Key> named(String key, String code, int keyCode, String text) {
    return Map.entry(key.toLowerCase(java.util.Locale.ROOT), new Key(key, code, keyCode, text));
  }

  /** The key for a name (case-insensitive for named keys), or null when it is no key we know. */
  static Key of(String name) {
    if (name == null) {
      return null;
    }
    Key named = NAMED.get(name.toLowerCase(java.util.Locale.ROOT));
    if (named != null) {
      return named;
    }
    if (name.codePointCount(0, name.length()) == 1
        && !Character.isISOControl(name.codePointAt(0))) {
      int c = name.codePointAt(0);
      int upper = Character.toUpperCase(c);
      String code =
          Character.isLetter(c) && upper < 128
              ? "Key" + (char) upper
              : Character.isDigit(c) && c < 128 ? "Digit" + (char) c : "";
      return new Key(name, code, upper < 128 ? upper : 0, name);
    }
    return null;
  }
}
