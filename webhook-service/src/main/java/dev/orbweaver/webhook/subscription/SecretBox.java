package dev.orbweaver.webhook.subscription;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Webhook secrets at rest: AES-256-GCM under the operator's key ({@code ORBWEAVER_SECRETS_KEY}, 32
 * bytes base64), a fresh 12-byte nonce per secret stored in front of the ciphertext.
 */
@ApplicationScoped
public class SecretBox {
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKeySpec key;
  private final SecureRandom random = new SecureRandom();

  @Inject
  public SecretBox(@ConfigProperty(name = "orbweaver.secrets.key") String base64Key) {
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(base64Key.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("ORBWEAVER_SECRETS_KEY is not base64");
    }
    if (raw.length != 32) {
      throw new IllegalStateException("ORBWEAVER_SECRETS_KEY must be 32 bytes (base64)");
    }
    this.key = new SecretKeySpec(raw, "AES");
  }

  public byte[] seal(String secret) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("could not encrypt a webhook secret", e);
    }
  }

  public String open(byte[] box) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, box, 0, NONCE_BYTES));
      return new String(
          cipher.doFinal(box, NONCE_BYTES, box.length - NONCE_BYTES), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      // A changed ORBWEAVER_SECRETS_KEY: deliveries fail rather than go out unsigned.
      throw new IllegalStateException("a webhook secret does not open with this secrets key");
    }
  }
}
