package dev.orbweaver.storage;

import java.util.List;
import java.util.Objects;

/**
 * Scrubs credentials out of text a store passes on (an error message, a wrapped exception's). A
 * class, not a record: a record's {@code toString} would print the very secrets it hides.
 */
public final class Redaction {

  private static final int SHORTEST_SECRET = 4;

  private final List<String> secrets;

  private Redaction(List<String> secrets) {
    this.secrets =
        secrets.stream()
            .filter(Objects::nonNull)
            .filter(s -> s.length() >= SHORTEST_SECRET)
            .toList();
  }

  public static Redaction of(String... secrets) {
    return new Redaction(java.util.Arrays.asList(secrets));
  }

  public String apply(String text) {
    if (text == null) {
      return "";
    }
    String scrubbed = text;
    for (String secret : secrets) {
      scrubbed = scrubbed.replace(secret, "[redacted]");
    }
    return scrubbed;
  }

  @Override
  public String toString() {
    return "Redaction[" + secrets.size() + " secrets]";
  }
}
