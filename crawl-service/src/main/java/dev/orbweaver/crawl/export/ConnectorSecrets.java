package dev.orbweaver.crawl.export;

import dev.orbweaver.common.secret.SecretCipher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Output connector credentials at rest, sealed under ORBWEAVER_SECRETS_KEY as webhook secrets are.
 * Without that key no connector can be accepted, so none is.
 */
@ApplicationScoped
public class ConnectorSecrets {
  private final Optional<SecretCipher> cipher;

  @Inject
  public ConnectorSecrets(@ConfigProperty(name = "orbweaver.secrets.key") Optional<String> key) {
    this.cipher = key.filter(k -> !k.isBlank()).map(SecretCipher::new);
  }

  public boolean available() {
    return cipher.isPresent();
  }

  public byte[] seal(String secret) {
    return cipher.orElseThrow(ConnectorSecrets::noKey).seal(secret);
  }

  public String open(byte[] sealed) {
    return cipher.orElseThrow(ConnectorSecrets::noKey).open(sealed);
  }

  private static IllegalStateException noKey() {
    return new IllegalStateException("ORBWEAVER_SECRETS_KEY is not set");
  }
}
