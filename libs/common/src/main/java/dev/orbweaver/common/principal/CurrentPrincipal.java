package dev.orbweaver.common.principal;

import dev.orbweaver.common.error.ApiException;
import dev.orbweaver.common.error.ErrorKind;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The caller of the current request, read from the internal JWT that the gateway obtained from
 * auth-service. Every tenant-owned query filters by {@link #accountId()}.
 */
@RequestScoped
public class CurrentPrincipal {
  private final JsonWebToken jwt;
  private Principal principal;

  @Inject
  public CurrentPrincipal(JsonWebToken jwt) {
    this.jwt = jwt;
  }

  public Principal get() {
    if (principal == null) {
      principal = fromToken(jwt);
    }
    return principal;
  }

  public long accountId() {
    return get().accountId();
  }

  public long projectId() {
    return get().projectId();
  }

  /** The principal a verified token names; services and anonymous callers have no tenant. */
  public static Principal fromToken(JsonWebToken jwt) {
    String subject = jwt == null ? null : jwt.getSubject();
    if (subject == null || subject.startsWith(Claims.SERVICE_SUBJECT_PREFIX)) {
      throw new ApiException(ErrorKind.AUTH_MISSING, "This call needs an account's API key.");
    }
    Set<String> roles = jwt.getGroups() == null ? Set.of() : jwt.getGroups();
    Object project = jwt.getClaim(Claims.PROJECT);
    return new Principal(
        Long.parseLong(subject),
        project == null ? 0L : Long.parseLong(project.toString()),
        jwt.getClaim(Claims.KEY_ID),
        jwt.getClaim(Claims.PLAN),
        roles);
  }
}
