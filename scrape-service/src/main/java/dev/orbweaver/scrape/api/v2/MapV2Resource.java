package dev.orbweaver.scrape.api.v2;

import dev.orbweaver.common.error.Dialect;
import dev.orbweaver.common.principal.CurrentPrincipal;
import dev.orbweaver.common.web.SpeaksDialect;
import dev.orbweaver.scrape.api.v2.V2Requests.MapRequest;
import dev.orbweaver.scrape.config.ScrapeConfig;
import dev.orbweaver.scrape.map.MapResult;
import dev.orbweaver.scrape.map.MapService;
import dev.orbweaver.scrape.map.MapSpec;
import dev.orbweaver.scrape.map.SitemapMode;
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
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code POST /v2/map}: {@code {success, links: [{url, title?, description?}]}}, with Firecrawl
 * v2's defaults (sitemap include, subdomains in, query strings out, limit 5000).
 */
@Path("/v2/map")
@SpeaksDialect(Dialect.FIRECRAWL)
@RolesAllowed("user")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class MapV2Resource {
  static final int MAX_LIMIT = 100_000;

  private final MapService maps;
  private final CurrentPrincipal caller;
  private final ScrapeConfig config;

  @Inject
  public MapV2Resource(MapService maps, CurrentPrincipal caller, ScrapeConfig config) {
    this.maps = maps;
    this.caller = caller;
    this.config = config;
  }

  @Operation(
      summary = "Discover the URLs of a site (Firecrawl v2)",
      description =
          "Sitemaps and links of the site, optionally ranked by a search text. Counts against the map quota.")
  @RequestBody(
      required = true,
      content =
          @Content(
              examples =
                  @ExampleObject(
                      name = "request",
                      value =
                          """
                        {"url": "https://example.com", "search": "pricing", "limit": 100}""")))
  @APIResponse(
      responseCode = "200",
      description = "The URLs found",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(type = SchemaType.OBJECT),
              examples =
                  @ExampleObject(
                      name = "links",
                      value =
                          """
                        {"success": true, "links": [
                         {"url": "https://example.com/pricing", "title": "Pricing",
                          "description": "Plans and prices"},
                         {"url": "https://example.com/"}]}""")))
  @POST
  @RunOnVirtualThread
  public Map<String, Object> map(MapRequest request) {
    Require.present(request, "body");
    SitemapMode sitemap = SitemapMode.INCLUDE;
    if (request.sitemap() != null) {
      sitemap =
          switch (request.sitemap()) {
            case "include" -> SitemapMode.INCLUDE;
            case "only" -> SitemapMode.ONLY;
            case "skip" -> SitemapMode.SKIP;
            default -> throw Require.invalid("sitemap", "must be include, only or skip");
          };
    }
    long maxMs = config.maxTimeout().toMillis();
    Duration timeout = config.map().defaultTimeout();
    if (request.timeout() != null) {
      Require.that(
          request.timeout() >= 1 && request.timeout() <= maxMs,
          "timeout",
          "must be between 1 and " + maxMs + " (milliseconds)");
      timeout = Duration.ofMillis(request.timeout());
    }
    MapResult result =
        maps.map(
            caller.get(),
            new MapSpec(
                Require.text(request.url(), "url"),
                request.search(),
                sitemap,
                request.includeSubdomains() == null || request.includeSubdomains(),
                request.ignoreQueryParameters() == null || request.ignoreQueryParameters(),
                Require.range(request.limit(), 1, MAX_LIMIT, 5000, "limit"),
                timeout));
    List<Map<String, Object>> links = new ArrayList<>();
    for (MapResult.Link link : result.links()) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("url", link.url());
      if (link.title() != null) {
        item.put("title", link.title());
      }
      if (link.description() != null) {
        item.put("description", link.description());
      }
      links.add(item);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("success", true);
    body.put("links", links);
    if (!result.warnings().isEmpty()) {
      body.put("warning", String.join(" ", result.warnings()));
    }
    return body;
  }
}
