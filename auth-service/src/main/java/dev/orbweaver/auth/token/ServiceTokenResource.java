package dev.orbweaver.auth.token;

import dev.orbweaver.common.error.ApiException;
import dev.orbweaver.common.error.ErrorKind;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Services exchange the shared internal secret for a service JWT here. */
@Path("/internal/v1/service-tokens")
@Produces(MediaType.APPLICATION_JSON)
public class ServiceTokenResource {
  private static final Pattern SERVICE_NAME = Pattern.compile("[a-z][a-z0-9-]{1,40}");

  private final TokenIssuer issuer;
  private final Clock clock;
  private final Optional<String> internalSecret;

  @Inject
  public ServiceTokenResource(
      TokenIssuer issuer,
      Clock clock,
      @ConfigProperty(name = "orbweaver.internal.secret") Optional<String> internalSecret) {
    this.issuer = issuer;
    this.clock = clock;
    this.internalSecret = internalSecret;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Map<String, Object> serviceToken(
      @HeaderParam("Authorization") String authorization, ServiceTokenRequest request) {
    if (!presentsSecret(authorization)) {
      throw new ApiException(ErrorKind.AUTH_INVALID, "The internal secret is wrong.");
    }
    if (request == null
        || request.service() == null
        || !SERVICE_NAME.matcher(request.service()).matches()) {
      throw ApiException.validation("service must name an Orbweaver service, e.g. gateway");
    }
    TokenIssuer.IssuedToken token = issuer.service(request.service(), clock.instant());
    return Map.of("token", token.token(), "expires_at", token.expiresAt().getEpochSecond());
  }

  private boolean presentsSecret(String authorization) {
    if (internalSecret.isEmpty() || authorization == null || !authorization.startsWith("Bearer ")) {
      return false;
    }
    byte[] given = authorization.substring(7).getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(given, internalSecret.get().getBytes(StandardCharsets.UTF_8));
  }

  public record ServiceTokenRequest(String service) {}
}
