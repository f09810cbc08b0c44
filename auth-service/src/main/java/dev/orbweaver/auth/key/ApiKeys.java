package dev.orbweaver.auth.key;

import dev.orbweaver.common.id.Ids;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The shape of an API key: {@code ow_live_} and 44 base62 characters, 52 in all. */
public final class ApiKeys {
  public static final String PREFIX = "ow_live_";
  private static final int RANDOM_LENGTH = 44;

  /** Enough to recognise a key in a list, far too little to guess it. */
  private static final int DISPLAY_LENGTH = PREFIX.length() + 4;

  private ApiKeys() {}

  public static String newKey() {
    return PREFIX + Ids.base62(RANDOM_LENGTH);
  }

  public static String displayPrefix(String key) {
    return key.substring(0, DISPLAY_LENGTH);
  }

  public static byte[] sha256(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The gateway sends the hash as lower-case hex; null when it is not 32 bytes of hex. */
  public static byte[] parseHash(String hex) {
    if (hex == null || hex.length() != 64) {
      return null;
    }
    try {
      return HexFormat.of().parseHex(hex);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
