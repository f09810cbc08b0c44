package dev.orbweaver.auth.admin;

import dev.orbweaver.common.error.ErrorKind;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The operator's token, presented as {@code X-Admin-Token} or {@code Authorization: Bearer}. It is
 * compared in constant time and never logged; without a configured token the admin API is closed.
 */
@ApplicationScoped
public class AdminToken {
  private static final Logger LOG = Logger.getLogger(AdminToken.class);

  private final Optional<byte[]> expected;

  @Inject
  public AdminToken(@ConfigProperty(name = "orbweaver.admin.token") Optional<String> token) {
    this.expected =
        token.filter(t -> !t.isBlank()).map(t -> t.strip().getBytes(StandardCharsets.UTF_8));
  }

  void announce(@Observes StartupEvent start) {
    if (expected.isEmpty()) {
      LOG.warn("No orbweaver.admin.token (ORBWEAVER_ADMIN_TOKEN): the admin API is closed.");
    }
  }

  /** Empty when the caller presented the operator's token; else why not. */
  public Optional<Refusal> check(String adminHeader, String authorization) {
    if (expected.isEmpty()) {
      return Optional.of(
          new Refusal(
              ErrorKind.DISABLED,
              "The admin API is closed: this installation has no admin token configured."));
    }
    String presented = presented(adminHeader, authorization);
    if (presented == null) {
      return Optional.of(new Refusal(ErrorKind.AUTH_MISSING, "The admin token is required."));
    }
    if (!MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), expected.get())) {
      return Optional.of(new Refusal(ErrorKind.AUTH_INVALID, "The admin token is wrong."));
    }
    return Optional.empty();
  }

  private static String presented(String adminHeader, String authorization) {
    if (adminHeader != null && !adminHeader.isBlank()) {
      return adminHeader.strip();
    }
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      String token = authorization.substring(7).strip();
      return token.isEmpty() ? null : token;
    }
    return null;
  }

  /** Why a call to the admin API was refused. */
  public record Refusal(ErrorKind kind, String message) {}
}
