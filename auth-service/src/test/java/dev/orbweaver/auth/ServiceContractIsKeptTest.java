package dev.orbweaver.auth;

import dev.orbweaver.auth.token.SigningKey;
import dev.orbweaver.auth.token.TokenIssuer;
import dev.orbweaver.common.principal.Claims;
import dev.orbweaver.common.principal.Principal;
import dev.orbweaver.testing.ServiceContractTest;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import jakarta.inject.Inject;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Set;

/**
 * The shared service contract, with tokens auth-service itself minted rather than libs/testing's
 * throwaway key: auth-service verifies with the key it signs with.
 */
@QuarkusTest
class ServiceContractIsKeptTest extends ServiceContractTest {
  @Inject TokenIssuer issuer;
  @Inject SigningKey signingKey;

  @Override
  protected String userToken(long accountId) {
    Principal principal =
        new Principal(accountId, 7, "key_contract", "lifetime", Set.of(Principal.ROLE_USER));
    return issuer.user(principal, Instant.now()).token();
  }

  /** A forgery that names auth-service's own key id but is signed by another key. */
  @Override
  protected String forgedToken(long accountId) {
    try {
      KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
      rsa.initialize(2048);
      return Jwt.issuer(Claims.ISSUER)
          .subject(Long.toString(accountId))
          .groups(Set.of(Principal.ROLE_USER))
          .expiresIn(300)
          .jws()
          .keyId(signingKey.keyId())
          .sign(rsa.generateKeyPair().getPrivate());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
