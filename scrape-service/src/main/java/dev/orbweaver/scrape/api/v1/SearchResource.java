package dev.orbweaver.scrape.api.v1;

import dev.orbweaver.common.error.Dialect;
import dev.orbweaver.common.principal.CurrentPrincipal;
import dev.orbweaver.common.web.SpeaksDialect;
import dev.orbweaver.scrape.api.ScrapeOptionsReader;
import dev.orbweaver.scrape.api.SearchWire;
import dev.orbweaver.scrape.api.v1.ScrapeRequests.SearchScrapeOptions;
import dev.orbweaver.scrape.config.ScrapeConfig;
import dev.orbweaver.scrape.extract.SchemaValidator;
import dev.orbweaver.scrape.scrape.ScrapeSpec;
import dev.orbweaver.scrape.search.SearchHit;
import dev.orbweaver.scrape.search.SearchResults;
import dev.orbweaver.scrape.search.SearchService;
import dev.orbweaver.scrape.search.SearchSpec;
import dev.orbweaver.scrape.web.Require;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /v1/search}: CRW's SearchResponse, a flat list of results with {@code snippet} and
 * its Firecrawl alias {@code description}, and the scraped formats when scrapeOptions asked.
 */
@Path("/v1/search")
@SpeaksDialect(Dialect.FIRECRAWL)
@RolesAllowed("user")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class SearchResource {
  private static final Set<String> SOURCES = Set.of("web", "news", "images");

  private final SearchService search;
  private final ScrapeOptionsReader options;
  private final SchemaValidator schemas;
  private final CurrentPrincipal caller;
  private final ScrapeConfig config;

  @Inject
  public SearchResource(
      SearchService search,
      ScrapeOptionsReader options,
      SchemaValidator schemas,
      CurrentPrincipal caller,
      ScrapeConfig config) {
    this.search = search;
    this.options = options;
    this.schemas = schemas;
    this.caller = caller;
    this.config = config;
  }

  @POST
  @RunOnVirtualThread
  public Map<String, Object> search(SearchRequests request) {
    Require.present(request, "body");
    String query = SearchWire.query(request.query());
    int limit = Require.range(request.limit(), 1, 20, 5, "limit");
    Set<String> kinds = new LinkedHashSet<>();
    List<String> sources = Require.strings(request.sources(), "sources");
    for (int i = 0; i < sources.size(); i++) {
      Require.that(
          SOURCES.contains(sources.get(i)), "sources[" + i + "]", "must be web, news or images");
      kinds.add(sources.get(i));
    }
    if (kinds.isEmpty()) {
      kinds.add("web");
    }
    if (request.timeout() != null) {
      long max = config.maxTimeout().toMillis();
      Require.that(
          request.timeout() >= 1 && request.timeout() <= max,
          "timeout",
          "must be between 1 and " + max + " (milliseconds)");
    }
    SearchWire.Categories categories = SearchWire.categories(request.categories(), "categories");
    ScrapeSpec scrape = scrapeSpec(request.scrapeOptions());
    SearchResults results =
        search.search(
            caller.get(),
            new SearchSpec(
                query,
                limit,
                kinds,
                categories.searxng(),
                categories.crawled(),
                request.lang(),
                SearchWire.timeRange(request.tbs(), true),
                categories.queryTerms(),
                Require.strings(request.includeDomains(), "includeDomains"),
                Require.strings(request.excludeDomains(), "excludeDomains"),
                request.timeout() == null ? null : Duration.ofMillis(request.timeout()),
                scrape));
    List<Map<String, Object>> data = new ArrayList<>();
    List<String> warnings = new ArrayList<>(results.warnings());
    results.byKind().values().forEach(list -> list.forEach(result -> data.add(item(result))));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("success", true);
    body.put("data", data);
    if (!warnings.isEmpty()) {
      body.put("warning", String.join(" ", warnings));
    }
    return body;
  }

  /** No options, or the v1 SDK's default {@code {formats: []}}, mean no scraping. */
  private ScrapeSpec scrapeSpec(SearchScrapeOptions given) {
    if (given == null || (given.formats() != null && given.formats().isEmpty())) {
      return null;
    }
    return options.read(
        given,
        V1Formats.read(given.formats(), given.jsonOptions(), null, "scrapeOptions.", schemas),
        "scrapeOptions.");
  }

  private static Map<String, Object> item(SearchResults.Result result) {
    SearchHit hit = result.hit();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("url", hit.url());
    out.put("title", hit.title());
    if (hit.snippet() != null) {
      out.put("snippet", hit.snippet());
      out.put("description", hit.snippet());
    }
    out.put("position", hit.position());
    if (hit.score() != null) {
      out.put("score", hit.score());
    }
    if (hit.category() != null) {
      out.put("category", hit.category());
    }
    if (hit.imageUrl() != null) {
      out.put("imageUrl", hit.imageUrl());
    }
    if (hit.publishedAt() != null) {
      out.put("date", hit.publishedAt().toString());
    }
    if (result.page() != null) {
      Map<String, Object> document = V1Documents.of(result.page());
      document.remove("renderDecision");
      out.putAll(document);
    } else if (result.scrapeError() != null) {
      out.put("error", result.scrapeError());
    }
    return out;
  }
}
