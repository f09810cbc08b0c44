package dev.orbweaver.auth.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeyTest {
  @TempDir Path dir;

  @Test
  void aMissingKeyFileIsCreatedPrivateAndReusedOnRestart() throws Exception {
    Path file = dir.resolve("keys/jwt-signing-key.pem");

    SigningKey first = new SigningKey(config(file.toString()));
    SigningKey afterRestart = new SigningKey(config(file.toString()));

    assertThat(Files.readString(file)).startsWith("-----BEGIN PRIVATE KEY-----");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(afterRestart.keyId()).isEqualTo(first.keyId());
    assertThat(afterRestart.publicKey()).isEqualTo(first.publicKey());
    assertThat(first.publicKey().getModulus().bitLength()).isEqualTo(2048);
  }

  @Test
  void withoutAKeyFileEachStartSignsWithAFreshKey() {
    assertThat(new SigningKey(config(null)).keyId())
        .isNotEqualTo(new SigningKey(config(null)).keyId());
  }

  @Test
  void aKeyFileThatHoldsNoKeyStopsTheStart() throws Exception {
    Path file = dir.resolve("broken.pem");
    Files.writeString(
        file, "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n");

    assertThatThrownBy(() -> new SigningKey(config(file.toString())))
        .hasMessageContaining("does not hold an RSA PKCS#8 private key");
  }

  @Test
  void theJwksNamesTheKeyByItsThumbprint() {
    SigningKey key = new SigningKey(config(null));
    Object jwk = ((List<?>) key.jwks().get("keys")).get(0);

    assertThat(jwk)
        .asInstanceOf(InstanceOfAssertFactories.MAP)
        .containsEntry("kty", "RSA")
        .containsEntry("alg", "RS256")
        .containsEntry("use", "sig")
        .containsEntry("kid", key.keyId())
        .containsEntry("e", "AQAB");
  }

  @Test
  void theKeyIdIsTheRfc7638Thumbprint() throws Exception {
    // The example key of RFC 7638, section 3.1, and the thumbprint the RFC gives for it.
    String n =
        "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJEC"
            + "PebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2"
            + "QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQ"
            + "Fh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw";
    RSAPublicKey key =
        (RSAPublicKey)
            KeyFactory.getInstance("RSA")
                .generatePublic(
                    new RSAPublicKeySpec(
                        new BigInteger(1, Base64.getUrlDecoder().decode(n)),
                        BigInteger.valueOf(65537)));

    assertThat(SigningKey.thumbprint(key)).isEqualTo("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
  }

  private static TokenConfig config(String keyFile) {
    return new TokenConfig() {
      @Override
      public Optional<String> keyFile() {
        return Optional.ofNullable(keyFile);
      }

      @Override
      public Duration userTtl() {
        return Duration.ofMinutes(5);
      }

      @Override
      public Duration serviceTtl() {
        return Duration.ofHours(1);
      }
    };
  }
}
