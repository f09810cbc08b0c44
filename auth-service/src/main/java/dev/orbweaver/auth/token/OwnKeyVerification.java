package dev.orbweaver.auth.token;

import dev.orbweaver.common.principal.Claims;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;

/**
 * auth-service verifies the tokens it signed with the key it holds, rather than fetching its own
 * JWKS over HTTP like every other service does.
 */
@ApplicationScoped
public class OwnKeyVerification {

  @Produces
  @Alternative
  @Priority(1)
  @ApplicationScoped
  JWTAuthContextInfo contextInfo(SigningKey key) {
    JWTAuthContextInfo info = new JWTAuthContextInfo(key.publicKey(), Claims.ISSUER);
    info.setSignatureAlgorithm(
        java.util.Set.of(io.smallrye.jwt.algorithm.SignatureAlgorithm.RS256));
    return info;
  }
}
