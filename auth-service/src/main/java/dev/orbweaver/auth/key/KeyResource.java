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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

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

  @Operation(
      summary = "Create an API key",
      description =
          "The full key is in this answer only; later listings show its prefix. At most 10 active keys.")
  @RequestBody(
      required = true,
      content =
          @Content(
              examples =
                  @ExampleObject(
                      name = "request",
                      value =
                          """
                        {"label": "n8n-bot"}""")))
  @APIResponse(
      responseCode = "201",
      description = "The new key, shown once",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = NewKey.class),
              examples =
                  @ExampleObject(
                      name = "created",
                      value =
                          """
                        {"id": "key_8f3a2c1d9b7e4a60", "key": "ow_live_3nT8qY0cR4vL2mX9sK7wB1dF6hJ5gP0aZ2eU4iO8",
                         "prefix": "ow_live_3nT8", "label": "n8n-bot",
                         "created_at": "2026-04-27T12:34:56Z"}""")))
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
