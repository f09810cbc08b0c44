package dev.orbweaver.gateway.console.crawls;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orbweaver.gateway.call.PublicApi;
import dev.orbweaver.gateway.console.ConsoleApi;
import dev.orbweaver.gateway.console.ConsoleConfig;
import dev.orbweaver.gateway.console.ConsoleTemplates;
import dev.orbweaver.gateway.console.Page;
import dev.orbweaver.gateway.console.session.ConsoleGuard;
import dev.orbweaver.gateway.console.session.ConsoleRequest;
import dev.orbweaver.gateway.console.session.Session;
import io.quarkus.qute.RawString;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * The account's crawls through crawlcrawl's {@code /v1/crawls}: the list, a form to start one, a
 * run's page (live through {@link CrawlEvents}) and a Markdown preview of a stored page.
 */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class CrawlsPage {
  /** Crawled Markdown is someone else's text: its HTML is shown escaped, its links made safe. */
  private static final Parser MARKDOWN = Parser.builder().build();

  private static final HtmlRenderer HTML =
      HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();

  private final ConsoleGuard guard;
  private final ConsoleApi api;
  private final int perPage;

  @Inject
  public CrawlsPage(ConsoleGuard guard, ConsoleApi api, ConsoleConfig config) {
    this.guard = guard;
    this.api = api;
    this.perPage = config.crawlsPerPage();
  }

  @GET
  @Path("crawls")
  public Response list(
      @BeanParam ConsoleRequest request, @QueryParam("offset") @DefaultValue("0") int offset) {
    Session session = guard.customer(request);
    return listPage(session, Math.max(0, offset), null, 200);
  }

  @POST
  @Path("crawls")
  public Response start(
      @BeanParam ConsoleRequest request,
      @FormParam("url") String url,
      @FormParam("max_pages") String maxPages,
      @FormParam("depth") String depth) {
    Session session = guard.customer(guard.posted(request), request);
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("url", url == null ? "" : url.strip());
    // Numbers as typed: crawl-service's own checks say what is out of range.
    number(maxPages).ifPresent(n -> run.put("max_pages", n));
    number(depth).ifPresent(n -> run.put("depth", n));
    PublicApi.Answer answer = api.post(session, "/v1/crawls", run);
    if (!answer.ok()) {
      return listPage(session, 0, ConsoleApi.problem(answer), answer.status());
    }
    return Response.seeOther(URI.create("/console/crawls/" + answer.body().path("id").asLong()))
        .build();
  }

  @GET
  @Path("crawls/{id}")
  public Response crawl(@BeanParam ConsoleRequest request, @PathParam("id") String id) {
    Session session = guard.customer(request);
    Page page = Page.of("crawls", session);
    if (!id.matches("\\d{1,18}")) {
      return problem(page, 404, "There is no crawl " + id + " in your account.");
    }
    PublicApi.Answer run = api.get(session, "/v1/crawls/" + id);
    if (run.status() == 404) {
      return problem(page, 404, "There is no crawl " + id + " in your account.");
    }
    if (!run.ok()) {
      return problem(page, run.status(), ConsoleApi.problem(run));
    }
    PublicApi.Answer pages = api.get(session, "/v1/crawls/" + id + "/pages?limit=200");
    List<PageRow> rows = new ArrayList<>();
    for (JsonNode p : pages.body().path("items")) {
      rows.add(PageRow.of(p));
    }
    return Response.ok(ConsoleTemplates.crawl(page, CrawlView.of(run.body()), rows)).build();
  }

  @GET
  @Path("pages/{id}")
  public Response preview(@BeanParam ConsoleRequest request, @PathParam("id") String id) {
    Session session = guard.customer(request);
    Page page = Page.of("crawls", session);
    if (!id.matches("\\d{1,18}")) {
      return problem(page, 404, "There is no page " + id + " in your account.");
    }
    PublicApi.Answer answer = api.get(session, "/v1/pages/" + id + "?format=markdown");
    if (answer.status() == 404) {
      return problem(page, 404, "There is no page " + id + " in your account.");
    }
    if (!answer.ok()) {
      return problem(page, answer.status(), ConsoleApi.problem(answer));
    }
    String markdown = answer.body().path("markdown").asText("");
    return Response.ok(
            ConsoleTemplates.preview(
                page,
                PageRow.of(answer.body()),
                markdown,
                new RawString(HTML.render(MARKDOWN.parse(markdown)))))
        .build();
  }

  private Response listPage(Session session, int offset, String error, int status) {
    Page page = Page.of("crawls", session);
    PublicApi.Answer answer = api.get(session, "/v1/crawls?limit=" + perPage + "&offset=" + offset);
    List<CrawlView> runs = new ArrayList<>();
    Integer next = null;
    if (answer.ok()) {
      answer.body().path("items").forEach(run -> runs.add(CrawlView.of(run)));
      next =
          answer.body().hasNonNull("next_offset") ? answer.body().get("next_offset").asInt() : null;
    } else if (error == null) {
      error = ConsoleApi.problem(answer);
    }
    Integer previous = offset > 0 ? Math.max(0, offset - perPage) : null;
    return Response.status(status < 400 ? 200 : status)
        .entity(ConsoleTemplates.crawls(page, new CrawlList(runs, previous, next), error))
        .build();
  }

  private static java.util.Optional<Object> number(String text) {
    if (text == null || text.isBlank()) {
      return java.util.Optional.empty();
    }
    try {
      return java.util.Optional.of(Long.parseLong(text.strip()));
    } catch (NumberFormatException e) {
      return java.util.Optional.of(text.strip()); // refused by the API in its own words
    }
  }

  private static Response problem(Page page, int status, String message) {
    return Response.status(status).entity(ConsoleTemplates.problem(page, status, message)).build();
  }
}
