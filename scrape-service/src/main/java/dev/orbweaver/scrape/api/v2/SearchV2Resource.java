package dev.orbweaver.scrape.api.v2;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orbweaver.common.error.Dialect;
import dev.orbweaver.common.principal.CurrentPrincipal;
import dev.orbweaver.common.web.SpeaksDialect;
import dev.orbweaver.scrape.api.ScrapeOptionsReader;
import dev.orbweaver.scrape.api.SearchWire;
import dev.orbweaver.scrape.api.v2.V2Requests.ScrapeOptions;
import dev.orbweaver.scrape.api.v2.V2Requests.SearchRequest;
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
 * {@code POST /v2/search}: results grouped by source, {@code data: {web, news, images}}; a scraped
 * web result is a Document with its url, title and description.
 */
@Path("/v2/search")
@SpeaksDialect(Dialect.FIRECRAWL)
@RolesAllowed("user")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class SearchV2Resource {
  private static final Set<String> SOURCES = Set.of("web", "news", "images");

  private final SearchService search;
  private final ScrapeOptionsReader options;
  private final SchemaValidator schemas;
  private final CurrentPrincipal caller;
  private final ScrapeConfig config;

  @Inject
  public SearchV2Resource(
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
  public Map<String, Object> search(SearchRequest request) {
    Require.present(request, "body");
    String query = SearchWire.query(request.query());
    int limit = Require.range(request.limit(), 1, 100, 5, "limit");
    List<String> warnings = new ArrayList<>();
    Set<String> kinds = new LinkedHashSet<>();
    List<String> names = names(request.sources(), "sources");
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      if (name.equals("alexandria")) {
        warnings.add("The alexandria source is Firecrawl's own and is not searched here.");
        continue;
      }
      Require.that(SOURCES.contains(name), "sources[" + i + "]", "must be web, news or images");
      kinds.add(name);
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
    Require.that(
        request.includeDomains() == null
            || request.includeDomains().isEmpty()
            || request.excludeDomains() == null
            || request.excludeDomains().isEmpty(),
        "excludeDomains",
        "cannot be combined with includeDomains");
    SearchWire.Categories categories =
        SearchWire.categories(names(request.categories(), "categories"), "categories");
    ScrapeSpec scrape = null;
    ScrapeOptions given = request.scrapeOptions();
    if (given != null && (given.formats() == null || !given.formats().isEmpty())) {
      scrape =
          options.read(
              given, V2Formats.read(given.formats(), "scrapeOptions.", schemas), "scrapeOptions.");
    }
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
                SearchWire.timeRange(request.tbs(), false),
                categories.queryTerms(),
                Require.strings(request.includeDomains(), "includeDomains"),
                Require.strings(request.excludeDomains(), "excludeDomains"),
                request.timeout() == null ? null : Duration.ofMillis(request.timeout()),
                scrape));
    warnings.addAll(results.warnings());
    Map<String, Object> data = new LinkedHashMap<>();
    results
        .byKind()
        .forEach((kind, list) -> data.put(kind, list.stream().map(r -> item(kind, r)).toList()));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("success", true);
    body.put("data", data);
    if (!warnings.isEmpty()) {
      body.put("warning", String.join(" ", warnings));
    }
    return body;
  }

  /** Sources and categories are names or {@code {"type": name}} objects. */
  private static List<String> names(List<JsonNode> wire, String field) {
    List<String> out = new ArrayList<>();
    if (wire == null) {
      return out;
    }
    for (int i = 0; i < wire.size(); i++) {
      JsonNode item = wire.get(i);
      if (item != null && item.isTextual()) {
        out.add(item.asText());
      } else if (item != null && item.path("type").isTextual()) {
        out.add(item.get("type").asText());
      } else {
        throw Require.invalid(field + "[" + i + "]", "must be a name or an object with a type");
      }
    }
    return out;
  }

  private static Map<String, Object> item(String kind, SearchResults.Result result) {
    SearchHit hit = result.hit();
    Map<String, Object> out = new LinkedHashMap<>();
    switch (kind) {
      case "news" -> {
        out.put("title", hit.title());
        out.put("url", hit.url());
        putIf(out, "snippet", hit.snippet());
        putIf(out, "date", hit.publishedAt() == null ? null : hit.publishedAt().toString());
        putIf(out, "imageUrl", hit.imageUrl());
        out.put("position", hit.position());
        putIf(out, "category", hit.category());
      }
      case "images" -> {
        out.put("title", hit.title());
        putIf(out, "imageUrl", hit.imageUrl());
        putIf(out, "imageWidth", hit.imageWidth());
        putIf(out, "imageHeight", hit.imageHeight());
        out.put("url", hit.url());
        out.put("position", hit.position());
      }
      default -> {
        out.put("url", hit.url());
        out.put("title", hit.title());
        putIf(out, "description", hit.snippet());
        out.put("position", hit.position());
        putIf(out, "category", hit.category());
      }
    }
    if (result.page() != null) {
      out.putAll(V2Documents.of(result.page()));
    } else if (result.scrapeError() != null) {
      out.put("error", result.scrapeError());
    }
    return out;
  }

  private static void putIf(Map<String, Object> out, String key, Object value) {
    if (value != null) {
      out.put(key, value);
    }
  }
}
