package dev.orbweaver.storage;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The bounds every store holds keys, prefixes and expiries to, checked before anything is sent. */
public final class ObjectKeys {

  /** S3's and GCS's limit on a key, in UTF-8 bytes. */
  public static final int MAX_KEY_BYTES = 1024;

  /** SigV4 and GCS V4 signatures live at most seven days. */
  public static final Duration MAX_PRESIGN_EXPIRY = Duration.ofDays(7);

  private ObjectKeys() {}

  /** The key, or an {@link ObjectStoreException.Kind#INVALID_REQUEST} naming what is wrong. */
  public static String requireKey(String key) {
    if (key == null || key.isEmpty()) {
      throw invalid("an object key must not be empty");
    }
    requireBounded(key, "an object key");
    return key;
  }

  /** A listing prefix: empty means the whole bucket. */
  public static String requirePrefix(String prefix) {
    if (prefix == null) {
      return "";
    }
    requireBounded(prefix, "a prefix");
    return prefix;
  }

  /** A prefix to delete under: never empty, so that a bug cannot empty the whole bucket. */
  public static String requireDeletablePrefix(String prefix) {
    if (prefix == null || prefix.isEmpty()) {
      throw new IllegalArgumentException(
          "deleteByPrefix needs a non-empty prefix; an empty one would delete the whole bucket");
    }
    return requirePrefix(prefix);
  }

  public static Duration requireExpiry(Duration expiry) {
    if (expiry == null
        || expiry.compareTo(Duration.ofSeconds(1)) < 0
        || expiry.compareTo(MAX_PRESIGN_EXPIRY) > 0) {
      throw invalid("a presigned URL's expiry must be between 1 second and 7 days, not " + expiry);
    }
    return expiry;
  }

  private static void requireBounded(String value, String what) {
    if (value.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
      throw invalid(what + " must be at most " + MAX_KEY_BYTES + " bytes of UTF-8");
    }
    if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw invalid(what + " must not contain control characters");
    }
  }

  private static ObjectStoreException invalid(String message) {
    return new ObjectStoreException(ObjectStoreException.Kind.INVALID_REQUEST, 0, message);
  }
}
