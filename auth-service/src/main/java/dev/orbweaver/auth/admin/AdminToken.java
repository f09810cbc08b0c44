package dev.orbweaver.auth.admin;

import dev.orbweaver.common.error.Dialect;
import dev.orbweaver.common.error.ErrorKind;
import dev.orbweaver.common.web.RequestIdFilters;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Guards every {@code /admin/v1} path with the operator's token, whatever resource serves it. The
 * token is compared in constant time and never logged; without a configured token admin is closed.
 */
public class AdminToken {
  private final Optional<String> token;

  public AdminToken(@ConfigProperty(name = "orbweaver.admin.token") Optional<String> token) {
    this.token = token.filter(t -> !t.isBlank());
  }

  @ServerRequestFilter
  public Optional<Response> guard(ContainerRequestContext request) {
    String path = request.getUriInfo().getPath();
    if (!path.startsWith("/admin/")) {
      return Optional.empty();
    }
    String presented = presented(request);
    if (presented == null) {
      return Optional.of(refuse(request, ErrorKind.AUTH_MISSING, "The admin token is required."));
    }
    if (token.isEmpty() || !matches(presented, token.get())) {
      return Optional.of(refuse(request, ErrorKind.AUTH_INVALID, "The admin token is wrong."));
    }
    return Optional.empty();
  }

  private static String presented(ContainerRequestContext request) {
    String header = request.getHeaderString("X-Admin-Token");
    if (header != null && !header.isBlank()) {
      return header.strip();
    }
    String authorization = request.getHeaderString("Authorization");
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return authorization.substring(7).strip();
    }
    return null;
  }

  private static boolean matches(String presented, String expected) {
    return MessageDigest.isEqual(
        presented.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
  }

  private static Response refuse(ContainerRequestContext request, ErrorKind kind, String message) {
    return Response.status(Dialect.INTERNAL.status(kind))
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(Dialect.INTERNAL.body(kind, message, RequestIdFilters.requestId(request)))
        .build();
  }
}
