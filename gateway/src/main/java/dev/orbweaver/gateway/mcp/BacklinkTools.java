package dev.orbweaver.gateway.mcp;

import static dev.orbweaver.gateway.mcp.ToolText.field;
import static dev.orbweaver.gateway.mcp.ToolText.list;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orbweaver.gateway.call.PublicApi;
import io.quarkiverse.mcp.server.Progress;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.ToolArg;
import io.quarkiverse.mcp.server.ToolCallException;
import io.quarkiverse.mcp.server.ToolResponse;
import io.smallrye.common.annotation.RunOnVirtualThread;
import io.vertx.core.http.HttpMethod;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * CrawlGraph's tools (its document, section 3): thin clients over /api/v1/*, each call spending
 * what the HTTP call spends.
 */
public class BacklinkTools {
  private final PublicApi api;
  private final ToolCaller callers;
  private final McpConfig config;

  @Inject
  public BacklinkTools(PublicApi api, ToolCaller callers, McpConfig config) {
    this.api = api;
    this.callers = callers;
    this.config = config;
  }

  @Tool(
      description =
          "Referring domains of a domain in a Common Crawl release, with authority scores"
              + " (cg_authority 0-100, higher is stronger; cg_rank 1 = top). Costs one backlinks"
              + " call.",
      annotations = @Tool.Annotations(readOnlyHint = true, destructiveHint = false),
      inputSchema = @Tool.InputSchema(generator = ToolSchemas.class))
  @RunOnVirtualThread
  ToolResponse backlinks(
      @ToolArg(name = "domain") String domain,
      @ToolArg(name = "release_id", required = false) String releaseId,
      @ToolArg(name = "limit", required = false) Integer limit,
      @ToolArg(name = "sort", required = false) String sort) {
    int rows = rows(limit);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("domain", domain);
    body.put("release_id", releaseId);
    body.put("limit", rows);
    body.put("sort", sort);
    PublicApi.Answer answer = post("/api/v1/backlinks", body);
    if (!answer.ok()) {
      return ToolText.error(answer);
    }
    JsonNode b = answer.body();
    String summary =
        "backlinks of %s in %s (%s): %d linking domains, %d listed by %s\n"
            .formatted(
                b.path("domain").asText(),
                b.path("release_id").asText(),
                b.path("release_label").asText(),
                b.path("total_linking_domains").asLong(),
                b.path("returned").asInt(),
                sort == null ? "authority" : sort);
    return ToolResponse.success(
        summary
            + ToolText.table(
                b.path("results"),
                rows,
                List.of(
                    field("linking_domain"),
                    field("cg_authority"),
                    field("cg_rank"),
                    field("num_hosts"))));
  }

  @Tool(
      name = "gap_analysis",
      description =
          "Competitor gap analysis: domains that link to one or more competitors but not to"
              + " my_domain, ranked by authority. Starts the job (one gap-analysis quota unit)"
              + " and waits for its result; when it takes longer, answers with the job_id to wait"
              + " on again for free.",
      annotations = @Tool.Annotations(readOnlyHint = false, destructiveHint = false),
      inputSchema = @Tool.InputSchema(generator = ToolSchemas.class))
  @RunOnVirtualThread
  ToolResponse gapAnalysis(
      @ToolArg(name = "my_domain", required = false) String myDomain,
      @ToolArg(name = "competitor_domains", required = false) List<String> competitorDomains,
      @ToolArg(name = "release_id", required = false) String releaseId,
      @ToolArg(name = "limit", required = false) Integer limit,
      @ToolArg(name = "job_id", required = false) String jobId,
      Progress progress) {
    String job = jobId;
    if (job == null || job.isBlank()) {
      if (myDomain == null || competitorDomains == null) {
        throw new ToolCallException(
            "Give my_domain and competitor_domains to start a gap analysis, or job_id to wait"
                + " for one.");
      }
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("my_domain", myDomain);
      body.put("competitor_domains", competitorDomains);
      body.put("release_id", releaseId);
      PublicApi.Answer submitted = post("/api/v1/gap-analysis", body);
      if (!submitted.ok()) {
        return ToolText.error(submitted);
      }
      job = submitted.body().path("job_id").asText();
    }
    Instant deadline = Instant.now().plus(config.gapWait());
    while (true) {
      PublicApi.Answer polled = get("/api/v1/gap-analysis/" + encode(job));
      if (!polled.ok()) {
        return ToolText.error(polled);
      }
      JsonNode status = polled.body();
      switch (status.path("status").asText()) {
        case "completed" -> {
          return gapResult(job, status.path("result"), rows(limit));
        }
        case "failed" -> {
          JsonNode error = status.path("error");
          return ToolResponse.error(
              "gap analysis %s failed: %s: %s"
                  .formatted(
                      job, error.path("code").asText("error"), error.path("message").asText("")));
        }
        default -> {
          if (progress.token().isPresent()) {
            progress
                .notificationBuilder()
                .setProgress(status.path("progress_pct").asDouble(0))
                .setTotal(100)
                .setMessage("gap analysis " + job + " " + status.path("status").asText())
                .build()
                .sendAndForget();
          }
          if (!Instant.now().isBefore(deadline)) {
            return ToolResponse.success(
                "gap analysis %s is still %s (%s %% done); call gap_analysis with job_id=%s to"
                        .formatted(
                            job,
                            status.path("status").asText(),
                            status.path("progress_pct").asText("0"),
                            job)
                    + " wait again (no quota spent).");
          }
          pause();
        }
      }
    }
  }

  private ToolResponse gapResult(String job, JsonNode result, int rows) {
    String summary =
        "gap analysis %s: %d domains link to %s but not to %s (release %s); %d listed by"
                .formatted(
                    job,
                    result.path("total_gaps").asLong(),
                    ToolText.joined(result.path("competitor_domains")),
                    result.path("my_domain").asText(),
                    result.path("release_id").asText("-"),
                    Math.min(rows, result.path("gaps").size()))
            + " authority\n";
    return ToolResponse.success(
        summary
            + ToolText.table(
                result.path("gaps"), rows, List.of(field("linking_domain"), list("found_on"))));
  }

  @Tool(
      name = "gap_outreach_targets",
      description =
          "Warm outreach targets: domains that link to all competitors (or at least min_overlap"
              + " of them) but not to my_domain, without platforms, CDNs, hosting and social"
              + " networks, ranked by authority. Synchronous; one gap-analysis quota unit.",
      annotations = @Tool.Annotations(readOnlyHint = true, destructiveHint = false),
      inputSchema = @Tool.InputSchema(generator = ToolSchemas.class))
  @RunOnVirtualThread
  ToolResponse gapOutreachTargets(
      @ToolArg(name = "my_domain") String myDomain,
      @ToolArg(name = "competitor_domains") List<String> competitorDomains,
      @ToolArg(name = "min_overlap", required = false) Integer minOverlap,
      @ToolArg(name = "limit", required = false) Integer limit,
      @ToolArg(name = "release_id", required = false) String releaseId) {
    int rows = rows(limit);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("my_domain", myDomain);
    body.put("competitor_domains", competitorDomains);
    body.put("min_overlap", minOverlap);
    body.put("limit", rows);
    body.put("release_id", releaseId);
    PublicApi.Answer answer = post("/api/v1/outreach-targets", body);
    if (!answer.ok()) {
      return ToolText.error(answer);
    }
    JsonNode b = answer.body();
    String summary =
        "outreach targets for %s against %s (release %s, linking to at least %d of them, deny"
                .formatted(
                    b.path("my_domain").asText(),
                    ToolText.joined(b.path("competitor_domains")),
                    b.path("release_id").asText(),
                    b.path("min_overlap").asInt())
            + " list %s): %d targets, %d listed by authority\n"
                .formatted(
                    b.path("deny_list_version").asText(),
                    b.path("total_targets").asLong(),
                    b.path("returned").asInt());
    return ToolResponse.success(
        summary
            + ToolText.table(
                b.path("targets"),
                rows,
                List.of(
                    field("linking_domain"),
                    field("cg_authority"),
                    field("cg_rank"),
                    field("num_hosts"),
                    list("found_on"))));
  }

  @Tool(
      description =
          "The Common Crawl releases that can be queried, newest first; pass an id as"
              + " release_id. Free.",
      annotations =
          @Tool.Annotations(readOnlyHint = true, destructiveHint = false, idempotentHint = true),
      inputSchema = @Tool.InputSchema(generator = ToolSchemas.class))
  @RunOnVirtualThread
  ToolResponse releases() {
    PublicApi.Answer answer = get("/api/v1/releases");
    if (!answer.ok()) {
      return ToolText.error(answer);
    }
    JsonNode releases = answer.body().path("releases");
    return ToolResponse.success(
        "%d releases, newest first\n".formatted(releases.size())
            + ToolText.table(
                releases,
                Integer.MAX_VALUE,
                List.of(field("id"), field("label"), field("available"))));
  }

  @Tool(
      description =
          "Quarter-over-quarter changes of a domain's referring domains: those gained and lost"
              + " between two releases. Costs one backlinks call.",
      annotations = @Tool.Annotations(readOnlyHint = true, destructiveHint = false),
      inputSchema = @Tool.InputSchema(generator = ToolSchemas.class))
  @RunOnVirtualThread
  ToolResponse changes(
      @ToolArg(name = "domain") String domain,
      @ToolArg(name = "from", required = false) String from,
      @ToolArg(name = "to", required = false) String to,
      @ToolArg(name = "limit", required = false) Integer limit) {
    int rows = rows(limit);
    StringJoiner query = new StringJoiner("&", "?", "");
    query.add("domain=" + encode(domain)).add("limit=" + rows);
    if (from != null) {
      query.add("from=" + encode(from));
    }
    if (to != null) {
      query.add("to=" + encode(to));
    }
    PublicApi.Answer answer = get("/api/v1/changes" + query);
    if (!answer.ok()) {
      return ToolText.error(answer);
    }
    JsonNode b = answer.body();
    if (!b.path("comparison_available").asBoolean()) {
      return ToolResponse.success(
          "no comparison yet: only %s can be compared against; the next release (%s) is expected"
                  .formatted(
                      b.path("current_release").asText(),
                      ToolText.cell(b.path("next_available_after")))
              + " around %s.".formatted(b.path("next_available_estimate").asText()));
    }
    List<ToolText.Column> columns =
        List.of(field("linking_domain"), field("cg_authority"), field("num_hosts"));
    return ToolResponse.success(
        "changes of %s from %s (%s) to %s (%s): %d -> %d linking domains, %d added, %d lost\n"
                .formatted(
                    b.path("domain").asText(),
                    b.path("from_release").asText(),
                    b.path("from_label").asText(),
                    b.path("to_release").asText(),
                    b.path("to_label").asText(),
                    b.path("linking_domains_before").asLong(),
                    b.path("linking_domains_after").asLong(),
                    b.path("total_added").asLong(),
                    b.path("total_lost").asLong())
            + "added, by authority:\n"
            + ToolText.table(b.path("added"), rows, columns)
            + "lost, by authority:\n"
            + ToolText.table(b.path("lost"), rows, columns));
  }

  private int rows(Integer limit) {
    return limit == null ? config.defaultRows() : limit;
  }

  private PublicApi.Answer post(String path, Map<String, Object> body) {
    body.values().removeIf(v -> v == null);
    return api.call(callers.presented(), HttpMethod.POST, path, body);
  }

  private PublicApi.Answer get(String pathAndQuery) {
    return api.call(callers.presented(), HttpMethod.GET, pathAndQuery, null);
  }

  private void pause() {
    try {
      Thread.sleep(config.pollInterval());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ToolCallException("interrupted while waiting", e);
    }
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
