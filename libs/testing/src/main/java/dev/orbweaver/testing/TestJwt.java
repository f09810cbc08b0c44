package dev.orbweaver.testing;

import dev.orbweaver.common.principal.Claims;
import dev.orbweaver.common.principal.Principal;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.jwt.build.Jwt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

/**
 * Stands in for auth-service in a service's own tests: a key pair made for this test run, its
 * public half handed to smallrye-jwt, and tokens signed with the private half exactly as
 * auth-service signs them. No key is committed.
 */
public class TestJwt implements QuarkusTestResourceLifecycleManager {
  private static final KeyPair KEYS = generate();

  @Override
  public Map<String, String> start() {
    try {
      Path pem = Files.createTempFile("orbweaver-test-jwt", ".pem");
      String body =
          Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(KEYS.getPublic().getEncoded());
      Files.writeString(
          pem, "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n");
      pem.toFile().deleteOnExit();
      return Map.of("mp.jwt.verify.publickey.location", pem.toUri().toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void stop() {}

  /** A user token for an account, as the gateway would forward it. */
  public static String user(long accountId, long projectId, String plan) {
    return Jwt.issuer(Claims.ISSUER)
        .subject(Long.toString(accountId))
        .claim(Claims.PROJECT, Long.toString(projectId))
        .claim(Claims.KEY_ID, "key_test")
        .claim(Claims.PLAN, plan)
        .groups(Set.of(Principal.ROLE_USER))
        .expiresIn(300)
        .sign(KEYS.getPrivate());
  }

  /** A service token, as another Orbweaver service would present it. */
  public static String service(String name) {
    return Jwt.issuer(Claims.ISSUER)
        .subject(Claims.SERVICE_SUBJECT_PREFIX + name)
        .groups(Set.of(Principal.ROLE_SERVICE))
        .expiresIn(300)
        .sign(KEYS.getPrivate());
  }

  /** A token signed by a key nobody trusts. */
  public static String forged(long accountId) {
    return Jwt.issuer(Claims.ISSUER)
        .subject(Long.toString(accountId))
        .groups(Set.of(Principal.ROLE_USER))
        .expiresIn(300)
        .sign(generate().getPrivate());
  }

  private static KeyPair generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
