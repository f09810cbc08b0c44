package dev.orbweaver.backlink.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.orbweaver.backlink.outreach.OutreachPlanner;
import dev.orbweaver.common.error.ApiException;
import dev.orbweaver.common.error.Dialect;
import dev.orbweaver.common.web.SpeaksDialect;
import dev.orbweaver.graph.domain.DomainName;
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

/**
 * {@code POST /api/v1/outreach-targets}: the document's {@code gap_outreach_targets} tool as an
 * endpoint. Synchronous; counts against the gap quota.
 */
@Path("/api/v1/outreach-targets")
@SpeaksDialect(Dialect.CRAWLGRAPH)
@RolesAllowed("user")
@Tag(name = "Outreach targets")
public class OutreachTargetsResource {
  static final int DEFAULT_LIMIT = 100;

  private final OutreachPlanner planner;

  @Inject
  public OutreachTargetsResource(OutreachPlanner planner) {
    this.planner = planner;
  }

  @Schema(name = "OutreachTargetsRequest")
  public record Request(
      @JsonProperty("my_domain") @Schema(required = true, examples = "example.com") String myDomain,
      @JsonProperty("competitor_domains")
          @Schema(required = true, minItems = 1, maxItems = 5, examples = "[\"a.com\", \"b.com\"]")
          List<String> competitorDomains,
      @JsonProperty("min_overlap")
          @Schema(
              description = "How many competitors a target must link to; default: all of them",
              minimum = "1",
              maximum = "5")
          Integer minOverlap,
      @Schema(description = "Default 100, max 10000.", minimum = "1", maximum = "10000")
          Integer limit,
      @JsonProperty("release_id")
          @Schema(description = "Defaults to the latest release.", examples = "CC-MAIN-2026-04")
          String releaseId) {}

  @Schema(name = "OutreachTarget")
  public record Target(
      @JsonProperty("linking_domain") String linkingDomain,
      @JsonProperty("num_hosts") int numHosts,
      String tld,
      @JsonProperty("cg_authority") @Schema(nullable = true) Integer cgAuthority,
      @JsonProperty("cg_rank") @Schema(nullable = true) Integer cgRank,
      @JsonProperty("found_on") List<String> foundOn,
      @Schema(description = "How many competitors it links to") int overlap) {}

  @Schema(name = "OutreachTargetsResponse")
  public record Response(
      @JsonProperty("my_domain") String myDomain,
      @JsonProperty("competitor_domains") List<String> competitorDomains,
      @JsonProperty("release_id") String releaseId,
      @JsonProperty("release_label") String releaseLabel,
      @JsonProperty("min_overlap") int minOverlap,
      @JsonProperty("deny_list_version")
          @Schema(
              description =
                  "Version of the platforms/CDNs/hosting/social deny list applied; +local.<hash>"
                      + " when the operator extended it",
              examples = "v1")
          String denyListVersion,
      @JsonProperty("total_targets") long totalTargets,
      int returned,
      @Schema(description = "Ranked by authority") List<Target> targets) {}

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Warm outreach targets",
      description =
          "Domains that link to all competitors (or at least min_overlap) but not to my_domain,"
              + " without platforms, CDNs, hosting and social networks, ranked by authority.")
  @RequestBody(
      required = true,
      content =
          @Content(
              schema = @Schema(implementation = Request.class),
              examples =
                  @ExampleObject(
                      name = "two competitors",
                      value =
                          "{\"my_domain\": \"example.com\", \"competitor_domains\": [\"a.com\","
                              + " \"b.com\"], \"limit\": 50}")))
  @APIResponse(
      responseCode = "200",
      description = "The targets",
      content =
          @Content(
              schema = @Schema(implementation = Response.class),
              examples =
                  @ExampleObject(
                      name = "targets",
                      value =
                          """
                          {"my_domain": "example.com", "competitor_domains": ["a.com", "b.com"],
                           "release_id": "CC-MAIN-2026-04", "release_label": "Apr 2026",
                           "min_overlap": 2, "deny_list_version": "v1", "total_targets": 37,
                           "returned": 1, "targets": [
                           {"linking_domain": "news.bar.org", "num_hosts": 7, "tld": "org",
                            "cg_authority": 71, "cg_rank": 9402,
                            "found_on": ["a.com", "b.com"], "overlap": 2}]}""")))
  @APIResponse(
      responseCode = "400",
      description =
          "Malformed domain, 0 or more than 5 competitors, min_overlap or limit out of range",
      content = @Content(schema = @Schema(implementation = ErrorJson.class)))
  public Response targets(Request request) {
    Input.body(request);
    DomainName mine = Input.domain("my_domain", request.myDomain());
    List<DomainName> competitors =
        Input.competitors("competitor_domains", request.competitorDomains(), mine);
    int minOverlap = request.minOverlap() == null ? competitors.size() : request.minOverlap();
    if (minOverlap < 1 || minOverlap > competitors.size()) {
      throw ApiException.validation(
          "min_overlap must be between 1 and the number of competitors ("
              + competitors.size()
              + "), not "
              + minOverlap
              + ".");
    }
    int limit = Input.limit("limit", request.limit(), DEFAULT_LIMIT, 10_000);
    OutreachPlanner.Plan plan =
        planner.plan(mine, competitors, minOverlap, limit, Input.releaseId(request.releaseId()));
    return new Response(
        mine.name(),
        competitors.stream().map(DomainName::name).toList(),
        plan.release().id(),
        plan.release().manifest().label(),
        minOverlap,
        plan.denyListVersion(),
        plan.total(),
        plan.targets().size(),
        plan.targets().stream()
            .map(
                t ->
                    new Target(
                        t.domain().domain(),
                        t.domain().numHosts(),
                        t.domain().tld(),
                        t.domain().authority(),
                        t.domain().rank(),
                        t.foundOn().stream().map(DomainName::name).toList(),
                        t.foundOn().size()))
            .toList());
  }
}
