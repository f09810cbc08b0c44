package dev.orbweaver.crawl.api.crawlcrawl;

import dev.orbweaver.common.error.ApiException;
import dev.orbweaver.common.error.Dialect;
import dev.orbweaver.common.input.HttpFields;
import dev.orbweaver.common.principal.CurrentPrincipal;
import dev.orbweaver.common.web.Replays;
import dev.orbweaver.common.web.SpeaksDialect;
import dev.orbweaver.crawl.api.WireChecks;
import dev.orbweaver.crawl.events.LiveProgress;
import dev.orbweaver.crawl.events.WebhookSubscriptions;
import dev.orbweaver.crawl.lifecycle.CrawlService;
import dev.orbweaver.crawl.model.Crawl;
import dev.orbweaver.crawl.model.CrawlDialect;
import dev.orbweaver.crawl.model.CrawlSpec;
import dev.orbweaver.crawl.pages.PageRenderer;
import dev.orbweaver.crawl.pages.Pages;
import dev.orbweaver.crawl.pages.StoredPage;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** crawlcrawl v0.4: runs with numeric ids, flat params, pages by global id. */
@Path("/v1")
@SpeaksDialect(Dialect.CRAWLCRAWL)
@RolesAllowed("user")
@Produces(MediaType.APPLICATION_JSON)
public class CrawlcrawlResource {
  private final CrawlService crawls;
  private final Pages pages;
  private final WebhookSubscriptions webhooks;
  private final LiveProgress progress;
  private final CurrentPrincipal caller;

  @Inject
  public CrawlcrawlResource(
      CrawlService crawls,
      Pages pages,
      WebhookSubscriptions webhooks,
      LiveProgress progress,
      CurrentPrincipal caller) {
    this.crawls = crawls;
    this.pages = pages;
    this.webhooks = webhooks;
    this.progress = progress;
    this.caller = caller;
  }

  @Operation(
      summary = "Start a crawl (crawlcrawl)",
      description =
          "Enqueues a run and answers 202 at once; params are flat at the top level. Counts against the crawl quota.")
  @RequestBody(
      required = true,
      content =
          @Content(
              examples =
                  @ExampleObject(
                      name = "request",
                      value =
                          """
                        {"url": "https://example.com", "max_pages": 50, "depth": 3,
                         "respect_robots": true, "webhook_url": "https://hooks.example.com/crawl"}""")))
  @APIResponse(
      responseCode = "202",
      description = "Enqueued",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = RunViews.Accepted.class),
              examples =
                  @ExampleObject(
                      name = "queued",
                      value =
                          """
                        {"id": 42, "status": "queued", "url": "https://example.com"}""")))
  @APIResponse(
      responseCode = "409",
      description =
          "The Idempotency-Key started a run with another request in the last 24 hours (conflict)."
              + " A retry with the same request answers 202 with the original run, the header"
              + " Idempotent-Replayed: true, and costs nothing.")
  @POST
  @Path("crawls")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response start(StartRun run, @HeaderParam("Idempotency-Key") String idempotencyKey) {
    CrawlService.Started started =
        crawls.startOnce(caller.get(), spec(run, idempotencyKey), new ArrayList<>());
    Crawl crawl = started.crawl();
    Response.ResponseBuilder accepted =
        Response.status(Response.Status.ACCEPTED)
            .entity(new RunViews.Accepted(crawl.id(), status(crawl), crawl.seedUrl()));
    if (started.replayed()) {
      accepted.header(Replays.HEADER, "true");
    }
    return accepted.build();
  }

  @Operation(
      summary = "List the account's runs (Orbweaver extension)",
      description =
          "Newest first, paged like the page list; runs started in any dialect are listed. Free.")
  @GET
  @Path("crawls")
  public RunViews.Runs list(
      @QueryParam("limit") @DefaultValue("20") int limit,
      @QueryParam("offset") @DefaultValue("0") int offset) {
    if (limit < 1 || limit > 100) {
      throw ApiException.validation("limit must be 1..=100");
    }
    WireChecks.inclusiveRange("offset", offset, 0, 0, WireChecks.MAX_OFFSET);
    List<Crawl> runs = crawls.list(caller.accountId(), offset, limit + 1);
    List<RunViews.RunItem> items =
        runs.stream()
            .limit(limit)
            .map(
                c ->
                    new RunViews.RunItem(
                        c.id(),
                        c.seedUrl(),
                        status(c),
                        c.pageCount(),
                        c.errorCount(),
                        c.enqueuedAt(),
                        c.startedAt(),
                        c.finishedAt()))
            .toList();
    return new RunViews.Runs(items, runs.size() > limit ? offset + limit : null);
  }

  @GET
  @Path("crawls/{id}")
  public RunViews.Run get(@PathParam("id") long id) {
    Crawl crawl = crawls.find(caller.accountId(), id);
    WebhookSubscriptions.DeliveryState webhook = webhooks.state(crawl.webhookSubscription());
    return new RunViews.Run(
        crawl.id(),
        crawl.seedUrl(),
        status(crawl),
        crawl.pageCount(),
        crawl.errorCount(),
        crawl.enqueuedAt(),
        crawl.startedAt(),
        crawl.finishedAt(),
        crawl.errorMessage(),
        crawl.request().proxyUrl(),
        webhook.status(),
        crawl.webhookSubscription() == null ? null : webhook.attempts(),
        webhook.lastError());
  }

  @DELETE
  @Path("crawls/{id}")
  public Response delete(@PathParam("id") long id) {
    crawls.delete(caller.accountId(), id);
    return Response.noContent().build();
  }

  @GET
  @Path("crawls/{id}/pages")
  public RunViews.Pages pages(
      @PathParam("id") long id,
      @QueryParam("limit") @DefaultValue("100") int limit,
      @QueryParam("offset") @DefaultValue("0") int offset,
      @QueryParam("status") Integer status) {
    if (limit < 1 || limit > 1000) {
      throw ApiException.validation("limit must be 1..=1000");
    }
    WireChecks.inclusiveRange("offset", offset, 0, 0, WireChecks.MAX_OFFSET);
    Crawl crawl = crawls.find(caller.accountId(), id);
    List<StoredPage> page = pages.list(crawl.id(), status, offset, limit + 1);
    boolean more = page.size() > limit;
    List<RunViews.PageItem> items =
        page.stream()
            .limit(limit)
            .map(p -> new RunViews.PageItem(p.id(), p.url(), p.status(), p.bytes(), p.fetchedAt()))
            .toList();
    return new RunViews.Pages(items, more ? offset + limit : null);
  }

  @GET
  @Path("pages/{id}")
  public RunViews.Page page(
      @PathParam("id") long id, @QueryParam("format") @DefaultValue("html") String format) {
    String f = format.toLowerCase(Locale.ROOT);
    if (!List.of("html", "markdown", "article", "both").contains(f)) {
      throw ApiException.validation("format must be html, markdown, article or both");
    }
    StoredPage page = pages.find(caller.accountId(), id);
    // A run with store_html=false kept URL, status, bytes and metadata only (as did a page that was
    // not HTML): those are served, and the formats that need the HTML are left out.
    PageRenderer.Rendered r =
        pages
            .render(page, false)
            .orElse(new PageRenderer.Rendered(null, null, null, null, null, null));
    boolean html = f.equals("html") || f.equals("both");
    boolean markdown = f.equals("markdown") || f.equals("both");
    boolean article = f.equals("article") || f.equals("both");
    return new RunViews.Page(
        page.id(),
        page.url(),
        page.status(),
        page.bytes(),
        page.fetchedAt(),
        page.metadata(),
        html ? r.html() : null,
        markdown ? r.markdown() : null,
        article ? r.articleText() : null,
        article ? r.articleHtml() : null);
  }

  @GET
  @Path("crawls/{id}/events")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @RestStreamElementType(MediaType.APPLICATION_JSON)
  // Finding the crawl reads the database: on a worker, not on the event loop where a method
  // returning a stream runs by default.
  @Blocking
  public Multi<Map<String, Object>> events(@PathParam("id") long id) {
    Crawl crawl = crawls.find(caller.accountId(), id);
    return progress.stream(caller.accountId(), crawl.id(), c -> Map.of("status", status(c)));
  }

  static String status(Crawl crawl) {
    return switch (crawl.status()) {
      case QUEUED -> "queued";
      case RUNNING -> "running";
      case COMPLETED -> "done";
      case FAILED -> "failed";
      case CANCELLED -> "cancelled";
    };
  }

  private static CrawlSpec spec(StartRun run, String idempotencyKey) {
    if (run == null) {
      throw ApiException.validation("body must be a JSON object with url");
    }
    String url = WireChecks.httpUrl("url", run.url());
    int maxPages = WireChecks.inclusiveRange("max_pages", run.maxPages(), 1000, 1, 100_000);
    int depth = WireChecks.inclusiveRange("depth", run.depth(), 5, 1, 50);
    int delayMs = WireChecks.inclusiveRange("delay_ms", run.delayMs(), 250, 0, 60_000);
    Integer concurrency =
        run.concurrency() == null
            ? null
            : WireChecks.inclusiveRange("concurrency", run.concurrency(), 1, 1, 256);
    String seedKind = run.seedKind() == null ? "url" : run.seedKind();
    if (!seedKind.equals("url") && !seedKind.equals("sitemap")) {
      throw ApiException.validation("seed_kind must be \"url\" or \"sitemap\"");
    }
    WireChecks.proxyUrl("proxy_url", run.proxyUrl());
    if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 255)) {
      throw ApiException.validation("Idempotency-Key must be 1..=255 characters");
    }
    HttpFields.headerValue("Idempotency-Key", idempotencyKey, 255);
    HttpFields.headers("headers", run.headers());
    HttpFields.cookies("cookies", run.cookies());
    HttpFields.userAgent("user_agent", run.userAgent());
    String userAgent = run.userAgent();
    if (userAgent != null && userAgent.startsWith("InternalCrawler/")) {
      userAgent = null; // the documented signal to rotate real-browser agents
    }
    CrawlSpec.WebhookTarget webhook =
        run.webhookUrl() == null
            ? null
            : new CrawlSpec.WebhookTarget(
                "crawlcrawl",
                WireChecks.httpUrl("webhook_url", run.webhookUrl()),
                null,
                List.of(),
                Map.of(),
                null);
    return new CrawlSpec(
        CrawlDialect.CRAWLCRAWL,
        url,
        seedKind.equals("sitemap") ? CrawlSpec.SeedKind.SITEMAP : CrawlSpec.SeedKind.URL,
        CrawlSpec.SitemapMode.SKIP,
        null,
        new CrawlSpec.Scope(
            Boolean.TRUE.equals(run.subdomains()),
            depth,
            maxPages,
            List.of(),
            List.of(),
            CrawlSpec.PatternSyntax.GLOB,
            Map.of(),
            CrawlSpec.PriorityRules.NONE),
        new CrawlSpec.Politeness(
            delayMs, concurrency, run.respectRobots() == null || run.respectRobots()),
        new CrawlSpec.RequestOptions(
            run.headers() == null ? Map.of() : run.headers(),
            run.cookies(),
            run.proxyUrl(),
            userAgent),
        new CrawlSpec.Output(run.storeHtml() == null || run.storeHtml(), List.of(), false, null),
        CrawlSpec.CacheOptions.OFF,
        CrawlSpec.ChangeTracking.OFF,
        webhook,
        null,
        null,
        idempotencyKey);
  }
}
