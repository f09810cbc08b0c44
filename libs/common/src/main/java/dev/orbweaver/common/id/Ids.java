package dev.orbweaver.common.id;

import java.security.SecureRandom;

/**
 * Random identifiers and secrets in base62, the alphabet that survives URLs, headers and shells.
 */
public final class Ids {
  private static final char[] BASE62 =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private Ids() {}

  /** {@code length} random base62 characters from a cryptographic source. */
  public static String base62(int length) {
    char[] out = new char[length];
    for (int i = 0; i < length; i++) {
      out[i] = BASE62[RANDOM.nextInt(BASE62.length)];
    }
    return new String(out);
  }

  /** An id such as {@code gap_4fZk81Qa}: a prefix that says what it names, then randomness. */
  public static String prefixed(String prefix, int randomLength) {
    return prefix + "_" + base62(randomLength);
  }

  /** Lower-case hex of {@code bytes} random bytes. */
  public static String hex(int bytes) {
    byte[] raw = new byte[bytes];
    RANDOM.nextBytes(raw);
    return java.util.HexFormat.of().formatHex(raw);
  }
}
