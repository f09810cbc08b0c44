package dev.orbweaver.auth.token;

import dev.orbweaver.common.principal.Claims;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import java.util.Set;

/**
 * auth-service verifies the tokens it signed with the key it holds, rather than fetching its own
 * JWKS over HTTP like every other service does: no round trip to itself, no start-up ordering, and
 * a new key file is trusted the moment it is loaded. This replaces smallrye-jwt's context built
 * from {@code mp.jwt.verify.publickey.location}.
 */
@ApplicationScoped
public class OwnKeyVerification {

  @Produces
  @Alternative
  @Priority(1)
  @ApplicationScoped
  JWTAuthContextInfo contextInfo(SigningKey key) {
    JWTAuthContextInfo info = new JWTAuthContextInfo(key.publicKey(), Claims.ISSUER);
    info.setSignatureAlgorithm(Set.of(SignatureAlgorithm.RS256));
    return info;
  }
}
