package dev.orbweaver.backlink.api;

import dev.orbweaver.backlink.release.ReleaseCatalog;
import dev.orbweaver.common.error.Dialect;
import dev.orbweaver.common.web.SpeaksDialect;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /api/v1/releases}: what a caller may pass as release_id. Not metered. */
@Path("/api/v1/releases")
@SpeaksDialect(Dialect.CRAWLGRAPH)
@RolesAllowed("user")
@Tag(name = "Releases")
public class ReleasesResource {
  private final ReleaseCatalog catalog;

  @Inject
  public ReleasesResource(ReleaseCatalog catalog) {
    this.catalog = catalog;
  }

  @Schema(name = "Release")
  public record ReleaseJson(
      @Schema(examples = "CC-MAIN-2026-04") String id,
      @Schema(examples = "Apr 2026") String label,
      @Schema(description = "false while this replica cannot open the release's files")
          boolean available) {}

  @Schema(name = "ReleasesResponse")
  public record Response(List<ReleaseJson> releases) {}

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "List the indexed Common Crawl releases",
      description = "Newest first. Not counted against any quota.")
  @APIResponse(
      responseCode = "200",
      description = "The releases",
      content =
          @Content(
              schema = @Schema(implementation = Response.class),
              examples =
                  @ExampleObject(
                      name = "two quarters",
                      value =
                          """
                          {"releases": [
                           {"id": "CC-MAIN-2026-04", "label": "Apr 2026", "available": true},
                           {"id": "CC-MAIN-2025-50", "label": "Dec 2025", "available": true}]}""")))
  public Response releases() {
    return new Response(
        catalog.entries().stream()
            .map(e -> new ReleaseJson(e.id(), e.manifest().label(), e.available()))
            .toList());
  }
}
