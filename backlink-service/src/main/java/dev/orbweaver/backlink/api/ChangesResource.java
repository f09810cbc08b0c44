package dev.orbweaver.backlink.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.orbweaver.backlink.changes.ReleaseChanges;
import dev.orbweaver.backlink.lookup.BacklinkLookup;
import dev.orbweaver.common.error.Dialect;
import dev.orbweaver.common.web.SpeaksDialect;
import dev.orbweaver.graph.query.ReleaseDiff;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /api/v1/changes}: linking domains a domain gained and lost between two releases. With
 * a single release it answers the CrawlGraph document's stub shape.
 */
@Path("/api/v1/changes")
@SpeaksDialect(Dialect.CRAWLGRAPH)
@RolesAllowed("user")
@Tag(name = "Changes")
public class ChangesResource {
  private final ReleaseChanges changes;

  @Inject
  public ChangesResource(ReleaseChanges changes) {
    this.changes = changes;
  }

  @Schema(name = "ChangesNotAvailable")
  public record Stub(
      @JsonProperty("comparison_available") boolean comparisonAvailable,
      @JsonProperty("current_release") String currentRelease,
      @JsonProperty("next_available_after")
          @Schema(
              nullable = true,
              description = "The id Common Crawl will give the next quarter, when it can be told")
          String nextAvailableAfter,
      @JsonProperty("next_available_estimate") @Schema(examples = "2026-07-15")
          String nextAvailableEstimate,
      String message) {}

  @Schema(name = "Changes")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Comparison(
      @JsonProperty("comparison_available") boolean comparisonAvailable,
      @Schema(examples = "example.com") String domain,
      @JsonProperty("from_release") String fromRelease,
      @JsonProperty("from_label") String fromLabel,
      @JsonProperty("to_release") String toRelease,
      @JsonProperty("to_label") String toLabel,
      @JsonProperty("linking_domains_before") Integer linkingDomainsBefore,
      @JsonProperty("linking_domains_after") Integer linkingDomainsAfter,
      @JsonProperty("total_added") Integer totalAdded,
      @JsonProperty("total_lost") Integer totalLost,
      @Schema(description = "Gained linking domains, ranked by authority in the newer release")
          List<LinkingDomainJson> added,
      @Schema(description = "Lost linking domains, ranked by authority in the older release")
          List<LinkingDomainJson> lost) {}

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Quarter-over-quarter changes of a domain's linking domains",
      description =
          "Counts as one call against the backlinks quota. comparison_available is false (the"
              + " stub shape) while no release older than `to` exists.")
  @APIResponse(
      responseCode = "200",
      description = "The changes, or the stub when there is nothing to compare",
      content =
          @Content(
              schema = @Schema(oneOf = {Comparison.class, Stub.class}),
              examples = {
                @ExampleObject(
                    name = "changes",
                    value =
                        """
                        {"comparison_available": true, "domain": "example.com",
                         "from_release": "cc-main-2026-jan-feb-mar", "from_label": "Jan-Mar 2026",
                         "to_release": "cc-main-2026-apr-may-jun", "to_label": "Apr-Jun 2026",
                         "linking_domains_before": 4790, "linking_domains_after": 4821,
                         "total_added": 212, "total_lost": 181,
                         "added": [{"linking_domain": "blog.foo.com", "num_hosts": 12, "tld": "com",
                                    "cg_authority": 84, "cg_rank": 1421}],
                         "lost": [{"linking_domain": "news.bar.org", "num_hosts": 7, "tld": "org",
                                   "cg_authority": 71, "cg_rank": 9402}]}"""),
                @ExampleObject(
                    name = "stub",
                    value =
                        """
                        {"comparison_available": false,
                         "current_release": "cc-main-2026-jan-feb-mar",
                         "next_available_after": "cc-main-2026-apr-may-jun",
                         "next_available_estimate": "2026-07-15",
                         "message": "first delta will be available after the next quarterly Common Crawl release ingests"}""")
              }))
  @APIResponse(
      responseCode = "400",
      description = "Malformed domain, unknown release, from not older than to, limit out of range",
      content = @Content(schema = @Schema(implementation = ErrorJson.class)))
  public Object changes(
      @QueryParam("domain") @Parameter(description = "The target domain", example = "example.com")
          String domain,
      @QueryParam("from") @Parameter(description = "Older release id; default: the one before `to`")
          String from,
      @QueryParam("to") @Parameter(description = "Newer release id; default: the latest") String to,
      @QueryParam("limit")
          @Parameter(
              description = "Added and lost domains listed each, default 1000, max 10000",
              schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "10000"))
          String limit) {
    int max =
        Input.limit(
            "limit",
            Input.integer("limit", limit),
            BacklinkLookup.DEFAULT_LIMIT,
            BacklinkLookup.MAX_LIMIT);
    ReleaseChanges.Outcome outcome =
        changes.changes(
            Input.optionalDomain("domain", domain),
            Input.releaseId(from),
            Input.releaseId(to),
            max);
    return switch (outcome) {
      case ReleaseChanges.NotComparable stub ->
          new Stub(
              false,
              stub.current().id(),
              stub.nextId(),
              stub.nextEstimate().toString(),
              "first delta will be available after the next quarterly Common Crawl release"
                  + " ingests");
      case ReleaseChanges.Comparison c -> comparison(c);
    };
  }

  private static Comparison comparison(ReleaseChanges.Comparison c) {
    ReleaseDiff.Result diff = c.diff();
    return new Comparison(
        true,
        c.domain() == null ? null : c.domain().name(),
        c.from().id(),
        c.from().manifest().label(),
        c.to().id(),
        c.to().manifest().label(),
        diff == null ? null : diff.linkingBefore(),
        diff == null ? null : diff.linkingAfter(),
        diff == null ? null : diff.addedTotal(),
        diff == null ? null : diff.lostTotal(),
        diff == null ? null : diff.added().stream().map(LinkingDomainJson::of).toList(),
        diff == null ? null : diff.lost().stream().map(LinkingDomainJson::of).toList());
  }
}
