package dev.orbweaver.webhook.subscription;

import dev.orbweaver.common.secret.SecretCipher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Webhook secrets at rest, sealed under the operator's key as libs/common's SecretCipher does. */
@ApplicationScoped
public class SecretBox {
  private final SecretCipher cipher;

  @Inject
  public SecretBox(@ConfigProperty(name = "orbweaver.secrets.key") String base64Key) {
    this.cipher = new SecretCipher(base64Key);
  }

  public byte[] seal(String secret) {
    return cipher.seal(secret);
  }

  public String open(byte[] box) {
    try {
      return cipher.open(box);
    } catch (IllegalStateException e) {
      // A changed ORBWEAVER_SECRETS_KEY: deliveries fail rather than go out unsigned.
      throw new IllegalStateException("a webhook secret does not open with this secrets key");
    }
  }
}
