package dev.orbweaver.webhook.intake;

import dev.orbweaver.common.error.ApiException;
import dev.orbweaver.common.error.Dialect;
import dev.orbweaver.common.web.SpeaksDialect;
import dev.orbweaver.webhook.delivery.Deliveries;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** Whether an event reached webhook-service: crawl-service's relay publishes again when not. */
@Path("/internal/v1/events")
@SpeaksDialect(Dialect.INTERNAL)
@RolesAllowed("service")
@Produces(MediaType.APPLICATION_JSON)
public class EventResource {
  private final Deliveries deliveries;

  @Inject
  public EventResource(Deliveries deliveries) {
    this.deliveries = deliveries;
  }

  @GET
  @Path("{eventId}")
  public Map<String, Object> event(@PathParam("eventId") String eventId) {
    if (!deliveries.received(eventId)) {
      throw ApiException.notFound("No such event.");
    }
    return Map.of("event_id", eventId, "received", true);
  }
}
