package dev.orbweaver.scrape.api.v2;

import dev.orbweaver.common.error.Dialect;
import dev.orbweaver.common.principal.CurrentPrincipal;
import dev.orbweaver.common.web.SpeaksDialect;
import dev.orbweaver.scrape.api.BatchWire;
import dev.orbweaver.scrape.api.ScrapeOptionsReader;
import dev.orbweaver.scrape.api.v2.V2Requests.BatchScrapeRequest;
import dev.orbweaver.scrape.batch.BatchJob;
import dev.orbweaver.scrape.batch.BatchService;
import dev.orbweaver.scrape.extract.SchemaValidator;
import dev.orbweaver.scrape.llm.LlmCredentials;
import dev.orbweaver.scrape.llm.LlmProviders;
import dev.orbweaver.scrape.scrape.ScrapeSpec;
import dev.orbweaver.scrape.web.PublicUrls;
import dev.orbweaver.scrape.web.Require;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Firecrawl v2's batch scrape: {@code POST /v2/batch/scrape} → {@code {success, id, url}}, then
 * {@code GET /v2/batch/scrape/{id}} for status and Documents, {@code /errors}, and {@code DELETE}
 * to cancel. Jobs belong to the account that started them.
 */
@Path("/v2/batch/scrape")
@SpeaksDialect(Dialect.FIRECRAWL)
@RolesAllowed("user")
@Produces(MediaType.APPLICATION_JSON)
public class BatchV2Resource {
  private final BatchService batches;
  private final ScrapeOptionsReader options;
  private final SchemaValidator schemas;
  private final LlmProviders providers;
  private final CurrentPrincipal caller;

  @Inject
  public BatchV2Resource(
      BatchService batches,
      ScrapeOptionsReader options,
      SchemaValidator schemas,
      LlmProviders providers,
      CurrentPrincipal caller) {
    this.batches = batches;
    this.options = options;
    this.schemas = schemas;
    this.providers = providers;
    this.caller = caller;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RunOnVirtualThread
  public Map<String, Object> start(
      BatchScrapeRequest request,
      @HeaderParam("x-idempotency-key") String idempotencyKey,
      @Context UriInfo uri,
      @Context HttpHeaders headers) {
    Require.present(request, "body");
    ScrapeSpec spec = options.read(request, V2Formats.read(request.formats(), "", schemas), "");
    if (request.maxConcurrency() != null) {
      Require.that(request.maxConcurrency() >= 1, "maxConcurrency", "must be at least 1");
    }
    if (request.webhook() != null && !request.webhook().isNull()) {
      List<String> notices = new ArrayList<>(spec.notices());
      notices.add("Webhooks are not sent for batch scrapes yet: poll the job's url.");
      spec = spec.withNotices(notices);
    }
    BatchJob job =
        batches.start(
            caller.get(),
            "v2",
            Require.present(request.urls(), "urls"),
            request.ignoreInvalidURLs() == null || request.ignoreInvalidURLs(),
            spec,
            providers.check(
                new LlmCredentials(request.llmApiKey(), request.llmProvider(), request.llmModel())),
            idempotencyKey);
    return BatchWire.started(job, PublicUrls.of(uri, headers, "/v2/batch/scrape/" + job.id()));
  }

  @GET
  @Path("{id}")
  @RunOnVirtualThread
  public Map<String, Object> status(
      @PathParam("id") String id,
      @QueryParam("skip") @DefaultValue("0") int skip,
      @Context UriInfo uri,
      @Context HttpHeaders headers) {
    Require.that(
        skip >= 0 && skip <= BatchWire.MAX_SKIP, "skip", "must be 0 to " + BatchWire.MAX_SKIP);
    BatchService.Status status = batches.status(caller.get(), id, skip);
    String next =
        status.nextSkip() == null
            ? null
            : PublicUrls.of(uri, headers, "/v2/batch/scrape/" + id + "?skip=" + status.nextSkip());
    return BatchWire.status(status, next, V2Documents::of);
  }

  @GET
  @Path("{id}/errors")
  @RunOnVirtualThread
  public Map<String, Object> errors(@PathParam("id") String id) {
    return BatchWire.errors(id, batches.failures(caller.get(), id));
  }

  @DELETE
  @Path("{id}")
  @RunOnVirtualThread
  public Map<String, Object> cancel(@PathParam("id") String id) {
    return BatchWire.cancelled(batches.cancel(caller.get(), id));
  }
}
