package dev.orbweaver.auth.token;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The RS256 key pair behind every internal JWT. Kept in a PEM file so that restarts and replicas
 * sign with the same key; the key id is the RFC 7638 thumbprint of the public half.
 */
@ApplicationScoped
public class SigningKey {
  private static final Logger LOG = Logger.getLogger(SigningKey.class);

  private final RSAPrivateCrtKey privateKey;
  private final RSAPublicKey publicKey;
  private final String keyId;

  @Inject
  public SigningKey(TokenConfig config) {
    KeyPair pair =
        config
            .keyFile()
            .filter(path -> !path.isBlank())
            .map(path -> loadOrCreate(Path.of(path)))
            .orElseGet(
                () -> {
                  LOG.warn(
                      "No orbweaver.auth.jwt.key-file (ORBWEAVER_JWT_KEY_FILE): signing with an in-memory key; more than one"
                          + " auth-service replica needs a shared key file.");
                  return generate();
                });
    this.privateKey = (RSAPrivateCrtKey) pair.getPrivate();
    this.publicKey = (RSAPublicKey) pair.getPublic();
    this.keyId = thumbprint(publicKey);
  }

  public RSAPrivateCrtKey privateKey() {
    return privateKey;
  }

  public RSAPublicKey publicKey() {
    return publicKey;
  }

  public String keyId() {
    return keyId;
  }

  /** The public key as a JSON Web Key Set. */
  public Map<String, Object> jwks() {
    Map<String, Object> jwk = new LinkedHashMap<>();
    jwk.put("kty", "RSA");
    jwk.put("use", "sig");
    jwk.put("alg", "RS256");
    jwk.put("kid", keyId);
    jwk.put("n", base64Url(publicKey.getModulus()));
    jwk.put("e", base64Url(publicKey.getPublicExponent()));
    return Map.of("keys", List.of(jwk));
  }

  private static KeyPair loadOrCreate(Path file) {
    try {
      if (Files.exists(file)) {
        return read(file);
      }
      KeyPair pair = generate();
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), ".jwt-key", ".tmp");
      Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
      Files.writeString(temp, pem(pair), StandardCharsets.US_ASCII, StandardOpenOption.WRITE);
      try {
        // Another replica may have won the race: the first file written is the key.
        Files.move(temp, file);
      } catch (java.nio.file.FileAlreadyExistsException lost) {
        Files.delete(temp);
        return read(file);
      }
      LOG.infof("Created the JWT signing key at %s", file);
      return pair;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot use the JWT key file " + file, e);
    }
  }

  private static KeyPair read(Path file) throws IOException {
    String pem = Files.readString(file, StandardCharsets.US_ASCII);
    String body = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
    try {
      KeyFactory rsa = KeyFactory.getInstance("RSA");
      RSAPrivateCrtKey privateKey =
          (RSAPrivateCrtKey)
              rsa.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
      RSAPublicKey publicKey =
          (RSAPublicKey)
              rsa.generatePublic(
                  new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
      return new KeyPair(publicKey, privateKey);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException(
          "the JWT key file " + file + " does not hold an RSA PKCS#8 private key", e);
    }
  }

  private static KeyPair generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String pem(KeyPair pair) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(pair.getPrivate().getEncoded());
    return "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
  }

  /** RFC 7638: SHA-256 over the canonical JSON of the key's required members. */
  static String thumbprint(RSAPublicKey key) {
    String canonical =
        "{\"e\":\""
            + base64Url(key.getPublicExponent())
            + "\",\"kty\":\"RSA\",\"n\":\""
            + base64Url(key.getModulus())
            + "\"}";
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String base64Url(BigInteger value) {
    byte[] bytes = value.toByteArray();
    if (bytes.length > 1 && bytes[0] == 0) {
      bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
