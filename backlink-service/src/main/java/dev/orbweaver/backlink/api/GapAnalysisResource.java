package dev.orbweaver.backlink.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.orbweaver.backlink.gap.GapJob;
import dev.orbweaver.backlink.gap.GapJobs;
import dev.orbweaver.backlink.gap.GapOutcome;
import dev.orbweaver.common.error.Dialect;
import dev.orbweaver.common.principal.CurrentPrincipal;
import dev.orbweaver.common.web.SpeaksDialect;
import dev.orbweaver.graph.domain.DomainName;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /api/v1/gap-analysis} submits a job (202), {@code GET /api/v1/gap-analysis/{id}}
 * polls it. Jobs belong to their account and are kept 7 days.
 */
@Path("/api/v1/gap-analysis")
@SpeaksDialect(Dialect.CRAWLGRAPH)
@RolesAllowed("user")
@Tag(name = "Gap analysis")
public class GapAnalysisResource {
  private final GapJobs jobs;
  private final CurrentPrincipal caller;

  @Inject
  public GapAnalysisResource(GapJobs jobs, CurrentPrincipal caller) {
    this.jobs = jobs;
    this.caller = caller;
  }

  @Schema(name = "GapAnalysisRequest")
  public record Request(
      @JsonProperty("my_domain") @Schema(required = true, examples = "example.com") String myDomain,
      @JsonProperty("competitor_domains")
          @Schema(required = true, minItems = 1, maxItems = 5, examples = "[\"a.com\", \"b.com\"]")
          List<String> competitorDomains,
      @JsonProperty("release_id")
          @Schema(description = "Defaults to the latest release.", examples = "CC-MAIN-2026-04")
          String releaseId) {}

  @Schema(name = "GapAnalysisSubmitted")
  public record Submitted(
      @JsonProperty("job_id") @Schema(examples = "gap_a1b2c3") String jobId,
      @Schema(examples = "queued") String status,
      @JsonProperty("poll_url") @Schema(examples = "/api/v1/gap-analysis/gap_a1b2c3")
          String pollUrl) {}

  @Schema(name = "Gap")
  public record GapJson(
      @JsonProperty("linking_domain") @Schema(examples = "x.com") String linkingDomain,
      @JsonProperty("found_on") @Schema(examples = "[\"a.com\", \"b.com\"]")
          List<String> foundOn) {}

  @Schema(name = "GapAnalysisResult")
  public record ResultJson(
      @JsonProperty("my_domain") String myDomain,
      @JsonProperty("competitor_domains") List<String> competitorDomains,
      @JsonProperty("release_id") String releaseId,
      @Schema(description = "Ranked by authority; at most 10,000 are listed, all are counted.")
          List<GapJson> gaps,
      @JsonProperty("total_gaps") long totalGaps) {}

  @Schema(name = "GapAnalysisError")
  public record ErrorDetail(
      @Schema(examples = "internal_error") String code, @Schema(examples = "...") String message) {}

  @Schema(name = "GapAnalysisJob")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Job(
      @JsonProperty("job_id") String jobId,
      @Schema(enumeration = {"queued", "running", "completed", "failed"}) String status,
      @JsonProperty("started_at") @Schema(examples = "2026-04-27T12:34:56Z") String startedAt,
      @JsonProperty("progress_pct") @Schema(minimum = "0", maximum = "100") Integer progressPct,
      @JsonProperty("completed_at") @Schema(examples = "2026-04-27T12:36:18Z") String completedAt,
      ResultJson result,
      ErrorDetail error) {}

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Submit a gap analysis",
      description =
          "Domains linking to at least one competitor but not to my_domain. Asynchronous: poll"
              + " the job. Counts against the gap quota.")
  @RequestBody(
      required = true,
      content =
          @Content(
              schema = @Schema(implementation = Request.class),
              examples =
                  @ExampleObject(
                      name = "three competitors",
                      value =
                          "{\"my_domain\": \"example.com\", \"competitor_domains\": [\"a.com\","
                              + " \"b.com\", \"c.com\"]}")))
  @APIResponse(
      responseCode = "202",
      description = "Queued",
      content =
          @Content(
              schema = @Schema(implementation = Submitted.class),
              examples =
                  @ExampleObject(
                      name = "queued",
                      value =
                          "{\"job_id\": \"gap_a1b2c3\", \"status\": \"queued\", \"poll_url\":"
                              + " \"/api/v1/gap-analysis/gap_a1b2c3\"}")))
  @APIResponse(
      responseCode = "400",
      description = "Malformed domain, 0 or more than 5 competitors, unknown release_id",
      content = @Content(schema = @Schema(implementation = ErrorJson.class)))
  public jakarta.ws.rs.core.Response submit(Request request) {
    Input.body(request);
    DomainName mine = Input.domain("my_domain", request.myDomain());
    List<DomainName> competitors =
        Input.competitors("competitor_domains", request.competitorDomains(), mine);
    GapJob job = jobs.submit(caller.get(), mine, competitors, Input.releaseId(request.releaseId()));
    return jakarta.ws.rs.core.Response.accepted(
            new Submitted(job.id(), job.status().word(), "/api/v1/gap-analysis/" + job.id()))
        .type(MediaType.APPLICATION_JSON_TYPE)
        .build();
  }

  @GET
  @Path("{job_id}")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Poll a gap analysis",
      description = "404 not_found when the job is not yours, even if the id exists.")
  @APIResponse(
      responseCode = "200",
      description = "The job in its current state",
      content =
          @Content(
              schema = @Schema(implementation = Job.class),
              examples = {
                @ExampleObject(
                    name = "running",
                    value =
                        "{\"job_id\": \"gap_a1b2c3\", \"status\": \"running\", \"started_at\":"
                            + " \"2026-04-27T12:34:56Z\", \"progress_pct\": 42}"),
                @ExampleObject(
                    name = "completed",
                    value =
                        """
                        {"job_id": "gap_a1b2c3", "status": "completed",
                         "completed_at": "2026-04-27T12:36:18Z",
                         "result": {"my_domain": "example.com",
                          "competitor_domains": ["a.com", "b.com", "c.com"],
                          "release_id": "CC-MAIN-2026-04",
                          "gaps": [{"linking_domain": "x.com", "found_on": ["a.com", "b.com"]}],
                          "total_gaps": 1284}}"""),
                @ExampleObject(
                    name = "failed",
                    value =
                        "{\"job_id\": \"gap_a1b2c3\", \"status\": \"failed\", \"error\": {\"code\":"
                            + " \"internal_error\", \"message\": \"...\"}}")
              }))
  @APIResponse(
      responseCode = "404",
      description = "No such job of yours",
      content = @Content(schema = @Schema(implementation = ErrorJson.class)))
  public Job poll(@PathParam("job_id") String jobId) {
    GapJob job = jobs.find(caller.get(), jobId);
    return switch (job.status()) {
      case QUEUED -> new Job(job.id(), job.status().word(), null, 0, null, null, null);
      case RUNNING ->
          new Job(
              job.id(),
              job.status().word(),
              time(job.startedAt()),
              job.progressPct(),
              null,
              null,
              null);
      case COMPLETED ->
          new Job(
              job.id(),
              job.status().word(),
              null,
              null,
              time(job.completedAt()),
              result(job.outcome()),
              null);
      case FAILED ->
          new Job(
              job.id(),
              job.status().word(),
              null,
              null,
              null,
              null,
              new ErrorDetail(job.errorCode(), job.errorMessage()));
    };
  }

  private static ResultJson result(GapOutcome outcome) {
    return new ResultJson(
        outcome.myDomain(),
        outcome.competitorDomains(),
        outcome.releaseId(),
        outcome.gaps().stream().map(g -> new GapJson(g.linkingDomain(), g.foundOn())).toList(),
        outcome.totalGaps());
  }

  private static String time(Instant instant) {
    return instant == null
        ? null
        : DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }
}
