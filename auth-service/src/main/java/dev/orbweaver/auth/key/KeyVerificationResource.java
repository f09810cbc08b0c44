package dev.orbweaver.auth.key;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.orbweaver.auth.token.TokenIssuer;
import dev.orbweaver.common.error.ApiException;
import dev.orbweaver.common.error.ErrorKind;
import dev.orbweaver.common.principal.Principal;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.util.Set;

/** The gateway's question for every uncached key: whose is it, and a JWT that says so. */
@Path("/internal/v1/keys/verify")
@RolesAllowed("service")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class KeyVerificationResource {
  private final Keys keys;
  private final TokenIssuer issuer;
  private final Clock clock;

  @Inject
  public KeyVerificationResource(Keys keys, TokenIssuer issuer, Clock clock) {
    this.keys = keys;
    this.issuer = issuer;
    this.clock = clock;
  }

  @POST
  public Verified verify(VerifyKey request) {
    byte[] hash = ApiKeys.parseHash(request == null ? null : request.keyHash());
    if (hash == null) {
      throw ApiException.validation("key_hash must be the SHA-256 of the key as 64 hex digits.");
    }
    KeyOwner owner =
        keys.verify(hash)
            .orElseThrow(
                () ->
                    new ApiException(ErrorKind.AUTH_INVALID, "Key unknown, revoked or disabled."));
    Principal principal =
        new Principal(
            owner.accountId(),
            owner.projectId(),
            owner.keyId(),
            owner.plan(),
            Set.of(Principal.ROLE_USER));
    TokenIssuer.IssuedToken token = issuer.user(principal, clock.instant());
    return new Verified(
        owner.accountId(),
        owner.projectId(),
        owner.keyId(),
        owner.plan(),
        token.token(),
        token.expiresAt().getEpochSecond());
  }

  public record VerifyKey(@JsonProperty("key_hash") String keyHash) {}

  public record Verified(
      @JsonProperty("account_id") long accountId,
      @JsonProperty("project_id") long projectId,
      @JsonProperty("key_id") String keyId,
      String plan,
      String token,
      @JsonProperty("token_expires_at") long tokenExpiresAt) {}
}
