package dev.orbweaver.common.secret;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Customer secrets at rest (webhook signing secrets, output connector credentials): AES-256-GCM
 * under the operator's key ({@code ORBWEAVER_SECRETS_KEY}, 32 bytes base64), a fresh 12-byte nonce
 * per secret stored in front of the ciphertext. One class so that every service seals alike.
 */
public final class SecretCipher {
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKeySpec key;
  private final SecureRandom random = new SecureRandom();

  /**
   * @throws IllegalStateException when the key is not 32 bytes of base64
   */
  public SecretCipher(String base64Key) {
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
      throw new IllegalStateException("could not encrypt a secret", e);
    }
  }

  /**
   * @throws IllegalStateException when the box was sealed under another key
   */
  public String open(byte[] box) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, box, 0, NONCE_BYTES));
      return new String(
          cipher.doFinal(box, NONCE_BYTES, box.length - NONCE_BYTES), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException("a sealed secret does not open with this secrets key");
    }
  }

  @Override
  public String toString() {
    return "SecretCipher[AES-256-GCM]";
  }
}
