package dev.orbweaver.scrape.api.v1;

import dev.orbweaver.common.error.Dialect;
import dev.orbweaver.common.principal.CurrentPrincipal;
import dev.orbweaver.common.web.SpeaksDialect;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /v1/map}: CRW's MapResponse puts the links under {@code data}; Firecrawl v1 clients
 * (the SDK's {@code mapUrl}) read a top-level {@code links}. Both are given: the contract allows
 * the extra field, and both kinds of client then work.
 */
@Path("/v1/map")
@SpeaksDialect(Dialect.FIRECRAWL)
@RolesAllowed("user")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class MapResource {
  static final int MAX_LIMIT = 5000;

  private final MapService maps;
  private final CurrentPrincipal caller;
  private final ScrapeConfig config;

  @Inject
  public MapResource(MapService maps, CurrentPrincipal caller, ScrapeConfig config) {
    this.maps = maps;
    this.caller = caller;
    this.config = config;
  }

  @POST
  @RunOnVirtualThread
  public Map<String, Object> map(MapRequests request) {
    Require.present(request, "body");
    Require.that(
        !(Boolean.TRUE.equals(request.ignoreSitemap())
            && Boolean.TRUE.equals(request.sitemapOnly())),
        "sitemapOnly",
        "cannot be combined with ignoreSitemap");
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
                Boolean.TRUE.equals(request.sitemapOnly())
                    ? SitemapMode.ONLY
                    : Boolean.TRUE.equals(request.ignoreSitemap())
                        ? SitemapMode.SKIP
                        : SitemapMode.INCLUDE,
                Boolean.TRUE.equals(request.includeSubdomains()),
                Boolean.TRUE.equals(request.ignoreQueryParameters()),
                Require.range(request.limit(), 1, MAX_LIMIT, 100, "limit"),
                timeout));
    List<String> links = result.links().stream().map(MapResult.Link::url).toList();
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("links", links);
    data.put("droppedActionCount", result.droppedActionCount());
    data.put("strippedTrackingCount", result.strippedTrackingCount());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("success", true);
    body.put("data", data);
    body.put("links", links);
    if (!result.warnings().isEmpty()) {
      body.put("warning", String.join(" ", result.warnings()));
    }
    return body;
  }
}
