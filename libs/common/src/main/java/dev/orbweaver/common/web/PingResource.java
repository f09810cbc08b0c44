package dev.orbweaver.common.web;

import dev.orbweaver.common.principal.CurrentPrincipal;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Proves the JWT chain end to end on every service: answers only callers that carry a token
 * auth-service signed, and names the account it was signed for.
 */
@Path("/ping")
public class PingResource {
  private final CurrentPrincipal caller;
  private final String service;

  @Inject
  public PingResource(
      CurrentPrincipal caller, @ConfigProperty(name = "quarkus.application.name") String service) {
    this.caller = caller;
    this.service = service;
  }

  @GET
  @RolesAllowed("user")
  @Produces(MediaType.APPLICATION_JSON)
  public Map<String, Object> ping() {
    return Map.of("service", service, "account_id", caller.accountId());
  }
}
