package dev.orbweaver.crawl.api.firecrawl;

import dev.orbweaver.common.error.Dialect;
import dev.orbweaver.common.principal.CurrentPrincipal;
import dev.orbweaver.common.web.SpeaksDialect;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * Live progress of a Firecrawl v2 crawl (Server-Sent Events); a resource of its own for the reason
 * {@link FirecrawlV1CrawlEvents} gives.
 */
@Path("/v2/crawl/{id}/events")
@SpeaksDialect(Dialect.FIRECRAWL)
@RolesAllowed("user")
public class FirecrawlV2CrawlEvents {
  private final FirecrawlCrawls crawls;
  private final CurrentPrincipal caller;

  @Inject
  public FirecrawlV2CrawlEvents(FirecrawlCrawls crawls, CurrentPrincipal caller) {
    this.crawls = crawls;
    this.caller = caller;
  }

  @GET
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @RestStreamElementType(MediaType.APPLICATION_JSON)
  @Blocking // finding the crawl reads the database
  public Multi<Map<String, Object>> events(@PathParam("id") String id) {
    return crawls.events(caller.accountId(), id);
  }
}
