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
 * Live progress of a Firecrawl v1 crawl (Server-Sent Events). A resource of its own, with no
 * superclass: on a secured resource class that extends another (as {@link
 * FirecrawlCrawlResources.V1} does), the role is checked by an interceptor rather than before the
 * call, and that interceptor calls a stream's method only once the stream is subscribed to: after
 * the answer's headers went out, on the event loop. Every stream then failed (the caller's identity
 * cannot be read there) and the client saw a closed connection instead of events or a 404.
 */
@Path("/v1/crawl/{id}/events")
@SpeaksDialect(Dialect.FIRECRAWL)
@RolesAllowed("user")
public class FirecrawlV1CrawlEvents {
  private final FirecrawlCrawls crawls;
  private final CurrentPrincipal caller;

  @Inject
  public FirecrawlV1CrawlEvents(FirecrawlCrawls crawls, CurrentPrincipal caller) {
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
