package dev.orbweaver.webhook.delivery;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signing as receivers verify it. Standard Webhooks ({@code webhook-id}, {@code webhook-timestamp},
 * {@code webhook-signature: v1,<base64 HMAC-SHA256 of id.timestamp.body>}; a {@code whsec_} secret
 * is the base64 of the key, any other secret is the key's bytes), and AlterLab's headers ({@code
 * X-Webhook-Timestamp}, {@code X-Webhook-Signature: sha256=<hex HMAC-SHA256 of timestamp.body>}
 * keyed with the secret exactly as given), and Firecrawl's ({@code X-Firecrawl-Signature:
 * sha256=<hex HMAC-SHA256 of the raw body>}, no timestamp).
 */
public final class Signatures {
  private Signatures() {}

  public static String standard(String secret, String id, long timestamp, String body) {
    return "v1,"
        + Base64.getEncoder()
            .encodeToString(hmac(standardKey(secret), id + "." + timestamp + "." + body));
  }

  public static String alterLab(String secret, long timestamp, String body) {
    return "sha256="
        + HexFormat.of()
            .formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), timestamp + "." + body));
  }

  public static String firecrawl(String secret, String body) {
    return "sha256="
        + HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), body));
  }

  static byte[] standardKey(String secret) {
    if (secret.startsWith("whsec_")) {
      try {
        return Base64.getDecoder().decode(secret.substring("whsec_".length()));
      } catch (IllegalArgumentException notBase64) {
        // AlterLab's own example secret ("whsec_my_signing_secret") is no base64: use its bytes.
      }
    }
    return secret.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] hmac(byte[] key, String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
