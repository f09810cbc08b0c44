package dev.orbweaver.auth.concurrency;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.orbweaver.common.error.ApiException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Services take a slot before something long-running starts and give it back when it ends. */
@Path("/internal/v1/concurrency")
@RolesAllowed("service")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ConcurrencyResource {
  private final ConcurrencySlots slots;

  @Inject
  public ConcurrencyResource(ConcurrencySlots slots) {
    this.slots = slots;
  }

  @POST
  @Path("acquire")
  public ConcurrencySlots.Slots acquire(Slot request) {
    Slot slot = valid(request);
    return slots.acquire(slot.accountId(), slot.resource(), slot.holder());
  }

  @POST
  @Path("release")
  public ConcurrencySlots.Slots release(Slot request) {
    Slot slot = valid(request);
    return slots.release(slot.accountId(), slot.resource(), slot.holder());
  }

  private static Slot valid(Slot request) {
    if (request == null || request.accountId() == null) {
      throw ApiException.validation("account_id, resource and holder are required");
    }
    return request;
  }

  public record Slot(@JsonProperty("account_id") Long accountId, String resource, String holder) {}
}
