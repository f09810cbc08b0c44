package dev.orbweaver.scrape.render.internal;

import dev.orbweaver.common.error.ApiException;
import dev.orbweaver.common.error.Dialect;
import dev.orbweaver.common.error.ErrorKind;
import dev.orbweaver.common.web.SpeaksDialect;
import dev.orbweaver.scrape.render.RenderLimits;
import dev.orbweaver.scrape.render.RenderOutcome;
import dev.orbweaver.scrape.render.RenderRequest;
import dev.orbweaver.scrape.render.RenderResult;
import dev.orbweaver.scrape.render.service.LocalRenderer;
import dev.orbweaver.scrape.render.service.RenderConfig;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The render replicas' API (docs/internal-api.md): scrape-service replicas in the api role and
 * crawl workers post a page to render and get its HTML, screenshots and action results. Service
 * tokens only. Every outcome is a 200 with the outcome named, except a full queue: 503 with {@code
 * Retry-After}, so that a load balancer may try another replica.
 */
@Path("/internal/v1/render")
@SpeaksDialect(Dialect.INTERNAL)
@RolesAllowed("service")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class RenderResource {
  private final LocalRenderer renderer;
  private final RenderConfig config;

  @Inject
  public RenderResource(LocalRenderer renderer, RenderConfig config) {
    this.renderer = renderer;
    this.config = config;
  }

  @POST
  @RunOnVirtualThread
  public Response render(RenderWire.Request body) {
    if (!renderer.role().runsBrowsers()) {
      throw new ApiException(
          ErrorKind.UNAVAILABLE, "this replica runs in the api role and renders nothing");
    }
    RenderRequest request = RenderWire.toRequest(body, config.defaultTimeout());
    RenderLimits.validate(request, config.maxTimeout());
    RenderResult result = renderer.render(request);
    Response.ResponseBuilder answer =
        result.outcome() == RenderOutcome.BUSY
            ? Response.status(503).header("Retry-After", "1")
            : Response.ok();
    return answer.entity(RenderWire.fromResult(result)).build();
  }
}
