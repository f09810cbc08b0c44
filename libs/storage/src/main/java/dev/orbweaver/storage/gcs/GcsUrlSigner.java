package dev.orbweaver.storage.gcs;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * GCS V4 signed URLs ({@code GOOG4-RSA-SHA256}): the canonical request of a GET, hashed, signed
 * with the service account's key. Anyone holding the URL may GET the object until it expires.
 */
final class GcsUrlSigner {

  static final String ALGORITHM = "GOOG4-RSA-SHA256";

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private GcsUrlSigner() {}

  static URI sign(
      ServiceAccount account,
      URI apiBase,
      String bucket,
      String key,
      Duration expiry,
      Instant now) {
    String scope = DATE.format(now) + "/auto/storage/goog4_request";
    String host = hostHeader(apiBase);
    String path = "/" + encode(bucket, false) + "/" + encode(key, false);
    Map<String, String> query = new TreeMap<>();
    query.put("X-Goog-Algorithm", ALGORITHM);
    query.put("X-Goog-Credential", account.clientEmail() + "/" + scope);
    query.put("X-Goog-Date", TIMESTAMP.format(now));
    query.put("X-Goog-Expires", Long.toString(expiry.toSeconds()));
    query.put("X-Goog-SignedHeaders", "host");
    String canonicalQuery = canonicalQuery(query);
    String canonicalRequest =
        "GET\n" + path + "\n" + canonicalQuery + "\nhost:" + host + "\n\nhost\nUNSIGNED-PAYLOAD";
    String stringToSign =
        ALGORITHM
            + "\n"
            + TIMESTAMP.format(now)
            + "\n"
            + scope
            + "\n"
            + HexFormat.of().formatHex(sha256(canonicalRequest));
    String signature;
    try {
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initSign(account.privateKey());
      rsa.update(stringToSign.getBytes(StandardCharsets.UTF_8));
      signature = HexFormat.of().formatHex(rsa.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign with the service account's key", e);
    }
    return URI.create(
        apiBase.getScheme()
            + "://"
            + host
            + path
            + "?"
            + canonicalQuery
            + "&X-Goog-Signature="
            + signature);
  }

  /** {@code host[:port]} as the Host header carries it (no default port). */
  static String hostHeader(URI uri) {
    int port = uri.getPort();
    boolean defaultPort =
        port == -1
            || ("https".equalsIgnoreCase(uri.getScheme()) && port == 443)
            || ("http".equalsIgnoreCase(uri.getScheme()) && port == 80);
    return uri.getHost() + (defaultPort ? "" : ":" + port);
  }

  static String canonicalQuery(Map<String, String> sorted) {
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, String> e : sorted.entrySet()) {
      if (!out.isEmpty()) {
        out.append('&');
      }
      out.append(encode(e.getKey(), true)).append('=').append(encode(e.getValue(), true));
    }
    return out.toString();
  }

  /** RFC 3986 percent-encoding of UTF-8; '/' stays literal in a path, not in a query value. */
  static String encode(String value, boolean encodeSlash) {
    StringBuilder out = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xFF;
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_'
          || c == '.'
          || c == '~'
          || (c == '/' && !encodeSlash)) {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        out.append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
      }
    }
    return out.toString();
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
