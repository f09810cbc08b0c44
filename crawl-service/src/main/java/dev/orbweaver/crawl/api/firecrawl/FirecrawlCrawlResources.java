package dev.orbweaver.crawl.api.firecrawl;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orbweaver.common.error.Dialect;
import dev.orbweaver.common.principal.CurrentPrincipal;
import dev.orbweaver.common.web.SpeaksDialect;
import dev.orbweaver.crawl.api.WireChecks;
import dev.orbweaver.crawl.model.Crawl;
import dev.orbweaver.crawl.model.CrawlDialect;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Firecrawl's crawl endpoints: /v1/crawl (CRW and Firecrawl v1) and /v2/crawl; their event streams
 * are {@link FirecrawlV1CrawlEvents} and {@link FirecrawlV2CrawlEvents}.
 */
public final class FirecrawlCrawlResources {
  private FirecrawlCrawlResources() {}

  /** Shared by both versions; only the dialect and the base path differ. */
  abstract static class Base {
    private final FirecrawlCrawls crawls;
    private final CurrentPrincipal caller;
    private final CrawlDialect dialect;
    private final String base;

    Base(FirecrawlCrawls crawls, CurrentPrincipal caller, CrawlDialect dialect, String base) {
      this.crawls = crawls;
      this.caller = caller;
      this.dialect = dialect;
      this.base = base;
    }

    @Operation(
        summary = "Start a crawl (Firecrawl)",
        description =
            "Queues a crawl of the site; poll GET .../{id} with the answered id. Counts against the crawl quota.")
    @RequestBody(
        required = true,
        content =
            @Content(
                examples =
                    @ExampleObject(
                        name = "request",
                        value =
                            """
                            {"url": "https://example.com", "limit": 10, "maxDiscoveryDepth": 2,
                             "scrapeOptions": {"formats": ["markdown"], "onlyMainContent": true}}""")))
    @APIResponse(
        responseCode = "200",
        description = "Queued",
        content =
            @Content(
                mediaType = "application/json",
                schema = @Schema(type = SchemaType.OBJECT),
                examples =
                    @ExampleObject(
                        name = "queued",
                        value =
                            """
                            {"success": true, "id": "0b7e6c3a-5f39-4a8e-9a51-3c1d2f4e5a6b",
                             "url": "https://api.example.com/v2/crawl/0b7e6c3a-5f39-4a8e-9a51-3c1d2f4e5a6b"}""")))
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> start(FirecrawlRequests.StartCrawl request, @Context UriInfo uri) {
      List<String> warnings = new ArrayList<>();
      Crawl crawl = crawls.crawls().start(caller.get(), crawls.spec(request, dialect, warnings));
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("success", true);
      body.put("id", crawl.publicId().toString());
      body.put("url", self(uri, crawl));
      if (!warnings.isEmpty()) {
        body.put("warning", String.join(" ", warnings));
      }
      return body;
    }

    @Operation(
        summary = "Crawl status and pages (Firecrawl)",
        description =
            "Counts and a page of crawled documents; next links the following page while more exist. Free.")
    @APIResponse(
        responseCode = "200",
        description = "The crawl",
        content =
            @Content(
                mediaType = "application/json",
                schema = @Schema(type = SchemaType.OBJECT),
                examples =
                    @ExampleObject(
                        name = "completed",
                        value =
                            """
                            {"success": true, "status": "completed", "completed": 1, "total": 1,
                             "creditsUsed": 1, "expiresAt": "2026-05-04T12:00:00Z",
                             "data": [{"markdown": "# Home",
                              "metadata": {"title": "Home", "sourceURL": "https://example.com/",
                               "url": "https://example.com/", "statusCode": 200,
                               "contentType": "text/html"}}]}""")))
    @GET
    @Path("{id}")
    public ObjectNode status(
        @PathParam("id") String id,
        @QueryParam("skip") @DefaultValue("0") int skip,
        @Context UriInfo uri) {
      WireChecks.range("skip", skip, 0, 0, WireChecks.MAX_OFFSET);
      Crawl crawl = crawls.find(caller.accountId(), id);
      return crawls.status(crawl, skip, self(uri, crawl));
    }

    @DELETE
    @Path("{id}")
    public Map<String, Object> cancel(@PathParam("id") String id) {
      Crawl crawl = crawls.find(caller.accountId(), id);
      Crawl after = crawls.crawls().cancel(caller.accountId(), crawl.id()).crawl();
      return Map.of("success", true, "status", FirecrawlCrawls.status(after));
    }

    @GET
    @Path("{id}/errors")
    public ObjectNode errors(@PathParam("id") String id) {
      return crawls.errors(crawls.find(caller.accountId(), id));
    }

    private String self(UriInfo uri, Crawl crawl) {
      String root = uri.getBaseUri().toString().replaceAll("/$", "");
      return root + base + "/" + crawl.publicId();
    }
  }

  @Path("/v1/crawl")
  @SpeaksDialect(Dialect.FIRECRAWL)
  @RolesAllowed("user")
  @Produces(MediaType.APPLICATION_JSON)
  public static class V1 extends Base {
    @Inject
    public V1(FirecrawlCrawls crawls, CurrentPrincipal caller) {
      super(crawls, caller, CrawlDialect.FIRECRAWL_V1, "/v1/crawl");
    }
  }

  @Path("/v2/crawl")
  @SpeaksDialect(Dialect.FIRECRAWL)
  @RolesAllowed("user")
  @Produces(MediaType.APPLICATION_JSON)
  public static class V2 extends Base {
    @Inject
    public V2(FirecrawlCrawls crawls, CurrentPrincipal caller) {
      super(crawls, caller, CrawlDialect.FIRECRAWL_V2, "/v2/crawl");
    }
  }
}
