package dev.orbweaver.gateway.console.backlinks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orbweaver.gateway.call.PublicApi;
import dev.orbweaver.gateway.console.ConsoleApi;
import dev.orbweaver.gateway.console.ConsoleTemplates;
import dev.orbweaver.gateway.console.Page;
import dev.orbweaver.gateway.console.session.ConsoleGuard;
import dev.orbweaver.gateway.console.session.ConsoleRequest;
import dev.orbweaver.gateway.console.session.Session;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The backlinks explorer over CrawlGraph's API: a lookup with its authority distribution, and a gap
 * analysis (submitted, polled by htmx until done) with the overlap charts and a CSV of the gaps.
 */
@Path("/console/backlinks")
@Produces(MediaType.TEXT_HTML)
public class BacklinksPage {
  /** Rows shown in a table; charts and the CSV use every returned row. */
  private static final int SHOWN = 100;

  private final ConsoleGuard guard;
  private final ConsoleApi api;
  private final ObjectMapper json;

  @Inject
  public BacklinksPage(ConsoleGuard guard, ConsoleApi api, ObjectMapper json) {
    this.guard = guard;
    this.api = api;
    this.json = json;
  }

  @GET
  public TemplateInstance page(@BeanParam ConsoleRequest request) {
    Session session = guard.customer(request);
    PublicApi.Answer answer = api.get(session, "/api/v1/releases");
    List<ReleaseView> releases = new ArrayList<>();
    answer
        .body()
        .path("releases")
        .forEach(
            r ->
                releases.add(
                    new ReleaseView(
                        r.path("id").asText(),
                        r.path("label").asText(),
                        r.path("available").asBoolean(true))));
    return ConsoleTemplates.backlinks(
        Page.of("backlinks", session), releases, answer.ok() ? null : ConsoleApi.problem(answer));
  }

  @POST
  @Path("lookup")
  public TemplateInstance lookup(
      @BeanParam ConsoleRequest request,
      @FormParam("domain") String domain,
      @FormParam("release_id") String releaseId) {
    Session session = guard.customer(guard.posted(request), request);
    Page page = Page.of("backlinks", session);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("domain", domain == null ? "" : domain.strip());
    if (releaseId != null && !releaseId.isBlank()) {
      body.put("release_id", releaseId);
    }
    PublicApi.Answer answer = api.post(session, "/api/v1/backlinks", body);
    if (!answer.ok()) {
      return ConsoleTemplates.lookup(page, null, ConsoleApi.problem(answer));
    }
    JsonNode found = answer.body();
    List<LookupView.Row> rows = new ArrayList<>();
    long[] buckets = new long[10];
    for (JsonNode r : found.path("results")) {
      int authority = r.path("cg_authority").asInt();
      buckets[Math.min(9, Math.max(0, authority / 10))]++;
      if (rows.size() < SHOWN) {
        rows.add(
            new LookupView.Row(
                r.path("linking_domain").asText(),
                authority,
                r.path("cg_rank").asLong(),
                r.path("num_hosts").asInt(),
                r.path("tld").asText()));
      }
    }
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      labels.add(i == 9 ? "90–100" : (i * 10) + "–" + (i * 10 + 9));
    }
    Chart authority =
        new Chart("Linking domains by authority", labels, Arrays.stream(buckets).boxed().toList());
    return ConsoleTemplates.lookup(
        page,
        new LookupView(
            found.path("domain").asText(),
            found.path("release_id").asText(),
            found.path("release_label").asText(),
            found.path("total_linking_domains").asInt(),
            found.path("returned").asInt(),
            rows,
            authority.json(json)),
        null);
  }

  @POST
  @Path("gap")
  public TemplateInstance submitGap(
      @BeanParam ConsoleRequest request,
      @FormParam("my_domain") String myDomain,
      @FormParam("competitors") String competitors,
      @FormParam("release_id") String releaseId) {
    Session session = guard.customer(guard.posted(request), request);
    Page page = Page.of("backlinks", session);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("my_domain", myDomain == null ? "" : myDomain.strip());
    body.put(
        "competitor_domains",
        competitors == null
            ? List.of()
            : Arrays.stream(competitors.split("[\\s,;]+")).filter(s -> !s.isEmpty()).toList());
    if (releaseId != null && !releaseId.isBlank()) {
      body.put("release_id", releaseId);
    }
    PublicApi.Answer answer = api.post(session, "/api/v1/gap-analysis", body);
    if (!answer.ok()) {
      return ConsoleTemplates.gap(page, null, ConsoleApi.problem(answer));
    }
    return ConsoleTemplates.gap(
        page,
        new GapView(
            answer.body().path("job_id").asText(),
            answer.body().path("status").asText("queued"),
            0,
            null,
            body.get("my_domain").toString(),
            List.of(),
            0,
            0,
            List.of(),
            null,
            null),
        null);
  }

  /** Polled by the fragment every second until the job is done. */
  @GET
  @Path("gap/{job}")
  public TemplateInstance gap(@BeanParam ConsoleRequest request, @PathParam("job") String job) {
    Session session = guard.customer(request);
    Page page = Page.of("backlinks", session);
    PublicApi.Answer answer = api.get(session, "/api/v1/gap-analysis/" + ConsoleApi.encode(job));
    if (!answer.ok()) {
      return ConsoleTemplates.gap(page, null, ConsoleApi.problem(answer));
    }
    return ConsoleTemplates.gap(page, view(answer.body()), null);
  }

  /** The completed job's gaps as CSV, for a spreadsheet. */
  @GET
  @Path("gap/{job}/gaps.csv")
  @Produces("text/csv")
  public Response csv(@BeanParam ConsoleRequest request, @PathParam("job") String job) {
    Session session = guard.customer(request);
    PublicApi.Answer answer = api.get(session, "/api/v1/gap-analysis/" + ConsoleApi.encode(job));
    if (!answer.ok() || !answer.body().path("status").asText().equals("completed")) {
      return Response.status(answer.ok() ? 409 : answer.status())
          .type(MediaType.TEXT_PLAIN_TYPE)
          .entity(
              answer.ok() ? "The gap analysis has not completed yet." : ConsoleApi.problem(answer))
          .build();
    }
    StringBuilder csv = new StringBuilder("linking_domain,found_on,competitor_count\r\n");
    for (JsonNode gap : answer.body().path("result").path("gaps")) {
      List<String> on = new ArrayList<>();
      gap.path("found_on").forEach(d -> on.add(d.asText()));
      csv.append(Csv.field(gap.path("linking_domain").asText()))
          .append(',')
          .append(Csv.field(String.join(";", on)))
          .append(',')
          .append(on.size())
          .append("\r\n");
    }
    String file = "gap-" + job.replaceAll("[^A-Za-z0-9_-]", "") + ".csv";
    return Response.ok(csv.toString())
        .type("text/csv; charset=utf-8")
        .header("Content-Disposition", "attachment; filename=\"" + file + "\"")
        .build();
  }

  private GapView view(JsonNode job) {
    String status = job.path("status").asText();
    String id = job.path("job_id").asText();
    if (!status.equals("completed")) {
      return new GapView(
          id,
          status,
          job.path("progress_pct").asInt(0),
          job.path("error").path("message").asText(null),
          null,
          List.of(),
          0,
          0,
          List.of(),
          null,
          null);
    }
    JsonNode result = job.path("result");
    List<String> competitors = new ArrayList<>();
    result.path("competitor_domains").forEach(c -> competitors.add(c.asText()));
    Map<String, Long> perCompetitor = new LinkedHashMap<>();
    competitors.forEach(c -> perCompetitor.put(c, 0L));
    long[] byOverlap = new long[competitors.size() + 1];
    List<GapView.Row> rows = new ArrayList<>();
    int listed = 0;
    for (JsonNode gap : result.path("gaps")) {
      listed++;
      List<String> on = new ArrayList<>();
      gap.path("found_on").forEach(d -> on.add(d.asText()));
      on.forEach(c -> perCompetitor.merge(c, 1L, Long::sum));
      byOverlap[Math.min(on.size(), competitors.size())]++;
      if (rows.size() < SHOWN) {
        rows.add(
            new GapView.Row(gap.path("linking_domain").asText(), String.join(", ", on), on.size()));
      }
    }
    List<String> overlapLabels = new ArrayList<>();
    List<Long> overlapValues = new ArrayList<>();
    for (int n = 1; n <= competitors.size(); n++) {
      overlapLabels.add(n == 1 ? "1 competitor" : n + " competitors");
      overlapValues.add(byOverlap[n]);
    }
    return new GapView(
        id,
        status,
        100,
        null,
        result.path("my_domain").asText(),
        competitors,
        result.path("total_gaps").asLong(),
        listed,
        rows,
        new Chart(
                "Gap domains linking to each competitor",
                List.copyOf(perCompetitor.keySet()),
                List.copyOf(perCompetitor.values()))
            .json(json),
        new Chart("Gap domains by how many competitors they link to", overlapLabels, overlapValues)
            .json(json));
  }
}
