package dev.orbweaver.auth.key;

import dev.orbweaver.common.error.Dialect;
import dev.orbweaver.common.principal.CurrentPrincipal;
import dev.orbweaver.common.web.SpeaksDialect;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/** An account manages its own keys with a key it already holds. */
@Path("/api/v1/keys")
@SpeaksDialect(Dialect.CRAWLGRAPH)
@RolesAllowed("user")
@Produces(MediaType.APPLICATION_JSON)
public class KeyResource {
  private final Keys keys;
  private final CurrentPrincipal caller;

  @Inject
  public KeyResource(Keys keys, CurrentPrincipal caller) {
    this.keys = keys;
    this.caller = caller;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(CreateKey request) {
    NewKey key = keys.create(caller.get(), request == null ? null : request.label());
    return Response.status(Response.Status.CREATED).entity(key).build();
  }

  @GET
  public Map<String, List<ApiKey>> list() {
    return Map.of("keys", keys.list(caller.get()));
  }

  @DELETE
  @Path("{id}")
  public Response revoke(@PathParam("id") String id) {
    keys.revoke(caller.get(), id);
    return Response.noContent().build();
  }

  public record CreateKey(String label) {}
}
