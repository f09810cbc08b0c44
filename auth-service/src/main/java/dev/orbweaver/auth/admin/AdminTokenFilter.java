package dev.orbweaver.auth.admin;

import dev.orbweaver.common.error.Dialect;
import dev.orbweaver.common.web.RequestIdFilters;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/** Refuses every {@link AdminOnly} call that does not carry the operator's token. */
@Provider
@AdminOnly
@Priority(Priorities.AUTHENTICATION)
public class AdminTokenFilter implements ContainerRequestFilter {
  private final AdminToken token;

  @Inject
  public AdminTokenFilter(AdminToken token) {
    this.token = token;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    token
        .check(request.getHeaderString("X-Admin-Token"), request.getHeaderString("Authorization"))
        .ifPresent(
            refusal ->
                request.abortWith(
                    Response.status(Dialect.INTERNAL.status(refusal.kind()))
                        .type(MediaType.APPLICATION_JSON_TYPE)
                        .entity(
                            Dialect.INTERNAL.body(
                                refusal.kind(),
                                refusal.message(),
                                RequestIdFilters.requestId(request)))
                        .build()));
  }
}
