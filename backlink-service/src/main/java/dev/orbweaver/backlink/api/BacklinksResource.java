package dev.orbweaver.backlink.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.orbweaver.backlink.lookup.BacklinkLookup;
import dev.orbweaver.common.error.ApiException;
import dev.orbweaver.common.error.Dialect;
import dev.orbweaver.common.web.SpeaksDialect;
import dev.orbweaver.graph.domain.DomainName;
import dev.orbweaver.graph.query.BacklinkOrder;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code POST /api/v1/backlinks}: synchronous lookup of who links to a domain. */
@Path("/api/v1/backlinks")
@SpeaksDialect(Dialect.CRAWLGRAPH)
@RolesAllowed("user")
@Tag(name = "Backlinks")
public class BacklinksResource {
  private final BacklinkLookup lookup;

  @Inject
  public BacklinksResource(BacklinkLookup lookup) {
    this.lookup = lookup;
  }

  @Schema(name = "BacklinksRequest")
  public record Request(
      @Schema(required = true, examples = "example.com") String domain,
      @JsonProperty("release_id")
          @Schema(description = "Defaults to the latest release.", examples = "CC-MAIN-2026-04")
          String releaseId,
      @Schema(
              description = "Default 1000, max 10000.",
              minimum = "1",
              maximum = "10000",
              examples = "1000")
          Integer limit,
      @Schema(
              description =
                  "authority (default): cg_authority desc, then num_hosts desc; hosts: num_hosts"
                      + " desc",
              enumeration = {"authority", "hosts"},
              examples = "authority")
          String sort) {}

  @Schema(name = "BacklinksResponse")
  public record Response(
      @Schema(examples = "example.com") String domain,
      @JsonProperty("release_id") @Schema(examples = "CC-MAIN-2026-04") String releaseId,
      @JsonProperty("release_label") @Schema(examples = "Apr 2026") String releaseLabel,
      @JsonProperty("total_linking_domains")
          @Schema(description = "All linking domains (the in-degree), not only those returned.")
          int totalLinkingDomains,
      int returned,
      List<LinkingDomainJson> results) {}

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Backlink lookup for one domain",
      description =
          "Linking domains of a domain in a release (default: the latest), ranked by authority or"
              + " by hosts. Counts against the backlinks quota. A well-formed domain the release"
              + " does not contain answers 200 with no results.")
  @RequestBody(
      required = true,
      content =
          @Content(
              schema = @Schema(implementation = Request.class),
              examples =
                  @ExampleObject(
                      name = "lookup",
                      value = "{\"domain\": \"example.com\", \"limit\": 500}")))
  @APIResponse(
      responseCode = "200",
      description = "The linking domains",
      content =
          @Content(
              schema = @Schema(implementation = Response.class),
              examples =
                  @ExampleObject(
                      name = "found",
                      value =
                          """
                          {"domain": "example.com", "release_id": "CC-MAIN-2026-04",
                           "release_label": "Apr 2026", "total_linking_domains": 4821,
                           "returned": 2, "results": [
                           {"linking_domain": "blog.foo.com", "num_hosts": 12, "tld": "com",
                            "cg_authority": 84, "cg_rank": 1421},
                           {"linking_domain": "news.bar.org", "num_hosts": 7, "tld": "org",
                            "cg_authority": 71, "cg_rank": 9402}]}""")))
  @APIResponse(
      responseCode = "400",
      description = "Malformed domain, unknown release_id, out-of-range limit or unknown sort",
      content =
          @Content(
              schema = @Schema(implementation = ErrorJson.class),
              examples =
                  @ExampleObject(
                      name = "validation_error",
                      value =
                          "{\"error\": \"validation_error\", \"message\": \"limit must be between 1"
                              + " and 10000, not 20000.\", \"request_id\": \"req_a1b2c3d4\"}")))
  @APIResponse(
      responseCode = "401",
      description = "Missing or invalid key",
      content = @Content(schema = @Schema(implementation = ErrorJson.class)))
  public Response backlinks(Request request) {
    Input.body(request);
    DomainName domain = Input.domain("domain", request.domain());
    int limit =
        Input.limit(
            "limit", request.limit(), BacklinkLookup.DEFAULT_LIMIT, BacklinkLookup.MAX_LIMIT);
    BacklinkLookup.Answer answer =
        lookup.backlinks(
            domain, Input.releaseId(request.releaseId()), limit, order(request.sort()));
    return new Response(
        domain.name(),
        answer.release().id(),
        answer.release().manifest().label(),
        answer.total(),
        answer.results().size(),
        answer.results().stream().map(LinkingDomainJson::of).toList());
  }

  private static BacklinkOrder order(String sort) {
    if (sort == null || sort.equals("authority")) {
      return BacklinkOrder.AUTHORITY;
    }
    if (sort.equals("hosts")) {
      return BacklinkOrder.HOSTS;
    }
    throw ApiException.validation("sort must be \"authority\" or \"hosts\", not \"" + sort + "\".");
  }
}
