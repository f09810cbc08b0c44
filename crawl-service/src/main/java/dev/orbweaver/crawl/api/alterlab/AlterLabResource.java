package dev.orbweaver.crawl.api.alterlab;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orbweaver.common.error.Dialect;
import dev.orbweaver.common.principal.CurrentPrincipal;
import dev.orbweaver.common.web.SpeaksDialect;
import dev.orbweaver.crawl.api.WireChecks;
import dev.orbweaver.crawl.events.LiveProgress;
import dev.orbweaver.crawl.events.WebhookSubscriptions;
import dev.orbweaver.crawl.export.ExportTarget;
import dev.orbweaver.crawl.export.Exports;
import dev.orbweaver.crawl.lifecycle.CrawlService;
import dev.orbweaver.crawl.model.Crawl;
import dev.orbweaver.crawl.pages.Pages;
import dev.orbweaver.crawl.pages.Progress;
import dev.orbweaver.crawl.pages.StoredPage;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** AlterLab's Crawl API: UUID ids, billing in credits, budgets, change tracking, 24 h results. */
@Path("/api/v1/crawl")
@SpeaksDialect(Dialect.ALTERLAB)
@RolesAllowed("user")
@Produces(MediaType.APPLICATION_JSON)
public class AlterLabResource {
  private static final int RESULTS_PAGE = 1000;

  private final CrawlService crawls;
  private final Pages pages;
  private final Progress progress;
  private final WebhookSubscriptions webhooks;
  private final LiveProgress live;
  private final CurrentPrincipal caller;
  private final Exports exports;

  @Inject
  public AlterLabResource(
      CrawlService crawls,
      Pages pages,
      Progress progress,
      WebhookSubscriptions webhooks,
      LiveProgress live,
      CurrentPrincipal caller,
      Exports exports) {
    this.crawls = crawls;
    this.pages = pages;
    this.progress = progress;
    this.webhooks = webhooks;
    this.live = live;
    this.caller = caller;
    this.exports = exports;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response start(AlterLabRequests.StartCrawl request) {
    List<String> warnings = new ArrayList<>();
    var spec = AlterLabMapper.spec(request, warnings);
    List<ExportTarget> targets =
        AlterLabExports.targets(request, exports.platformStore(), exports.canSeal());
    Crawl crawl = crawls.start(caller.get(), spec, warnings);
    exports.register(crawl.id(), targets);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("crawl_id", crawl.publicId().toString());
    body.put("status", status(crawl));
    body.put("estimated_pages", crawl.scope().maxPages());
    body.put("total_enqueued", Math.max(1, progress.plannedTotal(crawl)));
    body.put("estimated_credits", crawl.creditsDebited());
    String message = "Crawl started. Poll GET /v1/crawl/" + crawl.publicId() + " for progress.";
    body.put("message", warnings.isEmpty() ? message : message + " " + String.join(" ", warnings));
    if (!warnings.isEmpty()) {
      body.put("warnings", warnings);
    }
    return Response.status(Response.Status.ACCEPTED).entity(body).build();
  }

  @GET
  @Path("{id}")
  public Map<String, Object> status(
      @PathParam("id") String id,
      @QueryParam("include_results") @DefaultValue("false") boolean includeResults,
      @QueryParam("offset") @DefaultValue("0") int offset) {
    WireChecks.range("offset", offset, 0, 0, WireChecks.MAX_OFFSET);
    Crawl crawl = crawls.find(caller.accountId(), parse(id));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("crawl_id", crawl.publicId().toString());
    body.put("status", status(crawl));
    body.put("total", progress.plannedTotal(crawl));
    body.put("completed", crawl.pageCount());
    body.put("failed", crawl.errorCount());
    body.put("in_progress", crawl.inFlight());
    body.put("credits_debited", crawl.creditsDebited());
    body.put("current_depth", crawl.currentDepth());
    body.put("max_depth", crawl.scope().maxDepth());
    body.put("total_discovered", crawl.discoveredCount());
    body.put("created_at", crawl.enqueuedAt());
    body.put("completed_at", crawl.finishedAt());
    body.put("expires_at", crawl.expiresAt());
    body.put("billing", billing(crawl));
    if (!crawl.budget().isEmpty()) {
      Map<String, Object> budget = new LinkedHashMap<>();
      budget.put("budget", crawl.budget());
      budget.put("counts", progress.budgetCounts(crawl));
      budget.put("exhausted", progress.exhausted(crawl));
      body.put("budget_status", budget);
    }
    if (crawl.changeTracking().enabled()) {
      var summary = progress.changes(crawl);
      Map<String, Object> tracking = new LinkedHashMap<>();
      tracking.put("tracking_id", summary.trackingId());
      tracking.put("mode", summary.mode());
      tracking.put("summary", summary.counts());
      body.put("change_tracking", tracking);
    }
    if (crawl.webhookSubscription() != null) {
      WebhookSubscriptions.DeliveryState state = webhooks.state(crawl.webhookSubscription());
      body.put(
          "webhook",
          Map.of("status", String.valueOf(state.status()), "attempts", state.attempts()));
    }
    if (crawl.errorMessage() != null) {
      body.put("error", crawl.errorMessage());
    }
    exports(crawl, body);
    if (includeResults) {
      List<StoredPage> page = pages.list(crawl.id(), null, offset, RESULTS_PAGE + 1);
      body.put("results", page.stream().limit(RESULTS_PAGE).map(AlterLabResource::result).toList());
      if (page.size() > RESULTS_PAGE) {
        body.put("next_offset", offset + RESULTS_PAGE);
      }
    }
    return body;
  }

  /**
   * storage s3/r2: the presigned download once the JSONL is written (a fresh signature every read);
   * output connectors: how the write went, with the store's own words when it failed. Never a
   * credential.
   */
  private void exports(Crawl crawl, Map<String, Object> body) {
    for (Exports.State s : exports.of(crawl.id())) {
      if (s.kind() == ExportTarget.Kind.PLATFORM) {
        body.put("storage", s.connector().type());
        exports
            .download(s)
            .ifPresent(
                d -> {
                  body.put("download_url", d.url().toString());
                  body.put("download_expires_at", d.expiresAt());
                });
        if ("failed".equals(s.state())) {
          body.put("storage_error", s.lastError());
        }
      } else {
        body.put(
            "output_status",
            switch (s.state()) {
              case "written" -> "completed";
              case "failed" -> "failed";
              default -> "pending";
            });
        if (s.lastError() != null) {
          body.put("output_error", s.lastError());
        }
        if ("written".equals(s.state())) {
          body.put("output_objects", s.objects());
        }
      }
    }
  }

  @DELETE
  @Path("{id}")
  public Map<String, Object> cancel(@PathParam("id") String id) {
    Crawl found = crawls.find(caller.accountId(), parse(id));
    CrawlService.Cancelled cancelled = crawls.cancel(caller.accountId(), found.id());
    Crawl crawl = cancelled.crawl();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("crawl_id", crawl.publicId().toString());
    body.put("status", status(crawl));
    body.put("cancelled_jobs", cancelled.droppedJobs());
    body.put("credits_refunded", crawl.creditsRefunded());
    body.put("credits_used", crawl.creditsUsed());
    body.put(
        "message",
        cancelled.changed()
            ? "Crawl cancelled. Unprocessed credits have been refunded."
            : "Crawl had already finished; nothing to cancel.");
    return body;
  }

  @GET
  @Path("{id}/events")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @RestStreamElementType(MediaType.APPLICATION_JSON)
  // Finding the crawl reads the database: on a worker, not on the event loop where a method
  // returning a stream runs by default.
  @Blocking
  public Multi<Map<String, Object>> events(@PathParam("id") String id) {
    Crawl crawl = crawls.find(caller.accountId(), parse(id));
    return live.stream(caller.accountId(), crawl.id(), c -> Map.of("status", status(c)));
  }

  static String status(Crawl crawl) {
    return switch (crawl.status()) {
      case QUEUED -> "discovering";
      case RUNNING -> crawl.discovering() ? "discovering" : "scraping";
      case COMPLETED -> crawl.errorCount() > 0 ? "partial" : "completed";
      case FAILED -> "failed";
      case CANCELLED -> "cancelled";
    };
  }

  /**
   * What the crawl was debited, what its pages cost so far, what came back, and how many pages each
   * tier fetched (pages served from the cache were fetched by none).
   */
  static Map<String, Object> billing(Crawl crawl) {
    long used = crawl.creditsUsed();
    Map<String, Object> billing = new LinkedHashMap<>();
    billing.put("credits_debited", crawl.creditsDebited());
    billing.put("credits_used", used);
    billing.put("credits_refunded", crawl.creditsRefunded());
    billing.put("estimated_cost_usd", usd(crawl.creditsDebited()));
    billing.put("actual_cost_usd", usd(used));
    billing.put("is_byop", false);
    billing.put("tier_breakdown", crawl.tierPages());
    return billing;
  }

  static Map<String, Object> result(StoredPage page) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("url", page.url());
    r.put("final_url", page.finalUrl());
    r.put("status_code", page.status());
    r.put("depth", page.depth());
    JsonNode metadata = page.metadata();
    r.put("title", metadata == null ? null : metadata.path("title").asText(null));
    r.put("content", page.formats());
    r.put("metadata", metadata);
    r.put("cached", page.fromCache());
    r.put("credits", page.credits());
    if (page.changeStatus() != null) {
      r.put("change_status", page.changeStatus());
    }
    if (page.changeDiff() != null) {
      r.put("diff", page.changeDiff());
    }
    r.put("scraped_at", page.fetchedAt());
    return r;
  }

  private static String usd(long credits) {
    return String.format(java.util.Locale.ROOT, "$%.3f", credits / 1000.0);
  }

  private static UUID parse(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw dev.orbweaver.common.error.ApiException.notFound(
          "Crawl ID not found or expired (24h TTL).");
    }
  }
}
