package dev.orbweaver.auth.token;

import dev.orbweaver.common.principal.Claims;
import dev.orbweaver.common.principal.Principal;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Set;

/** Mints the internal JWTs: one per verified API key, one per service. */
@ApplicationScoped
public class TokenIssuer {
  private final SigningKey key;
  private final TokenConfig config;

  @Inject
  public TokenIssuer(SigningKey key, TokenConfig config) {
    this.key = key;
    this.config = config;
  }

  public IssuedToken user(Principal principal, Instant now) {
    Instant expiresAt = now.plus(config.userTtl());
    String token =
        Jwt.issuer(Claims.ISSUER)
            .subject(Long.toString(principal.accountId()))
            .claim(Claims.PROJECT, Long.toString(principal.projectId()))
            .claim(Claims.KEY_ID, principal.keyId())
            .claim(Claims.PLAN, principal.plan())
            .groups(principal.roles())
            .issuedAt(now)
            .expiresAt(expiresAt)
            .jws()
            .keyId(key.keyId())
            .sign(key.privateKey());
    return new IssuedToken(token, expiresAt);
  }

  public IssuedToken service(String service, Instant now) {
    Instant expiresAt = now.plus(config.serviceTtl());
    String token =
        Jwt.issuer(Claims.ISSUER)
            .subject(Claims.SERVICE_SUBJECT_PREFIX + service)
            .groups(Set.of(Principal.ROLE_SERVICE))
            .issuedAt(now)
            .expiresAt(expiresAt)
            .jws()
            .keyId(key.keyId())
            .sign(key.privateKey());
    return new IssuedToken(token, expiresAt);
  }

  public record IssuedToken(String token, Instant expiresAt) {}
}
