package dev.orbweaver.auth.quota;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.orbweaver.common.error.ApiException;
import dev.orbweaver.common.error.ErrorKind;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** The gateway meters calls here: reserve before forwarding, commit on 2xx, refund otherwise. */
@Path("/internal/v1")
@RolesAllowed("service")
@Produces(MediaType.APPLICATION_JSON)
public class QuotaResource {
  private final QuotaLedger ledger;
  private final Clock clock;
  private final ObjectMapper json;

  @Inject
  public QuotaResource(QuotaLedger ledger, Clock clock, ObjectMapper json) {
    this.ledger = ledger;
    this.clock = clock;
    this.json = json;
  }

  @POST
  @Path("quotas/reserve")
  @Consumes(MediaType.APPLICATION_JSON)
  public Reserved reserve(Reserve request) {
    if (request == null || request.accountId() == null || request.resource() == null) {
      throw ApiException.validation("account_id and resource are required");
    }
    int amount = request.amount() == null ? 1 : request.amount();
    QuotaLedger.Reservation reservation =
        ledger.reserve(request.accountId(), request.resource(), amount, clock.instant());
    if (!reservation.granted()) {
      throw new ApiException(
          ErrorKind.QUOTA_EXCEEDED,
          null,
          "Monthly quota for " + request.resource() + " is spent.",
          Map.of(
              "counters",
              json.valueToTree(reservation.counters()),
              "retry_after",
              JsonNodeFactory.instance.numberNode(reservation.retryAfter())));
    }
    return new Reserved(reservation.id(), reservation.counters());
  }

  @POST
  @Path("quotas/reservations/{id}/commit")
  public Settled commit(@PathParam("id") String id) {
    return new Settled(ledger.commit(id, clock.instant()));
  }

  @POST
  @Path("quotas/reservations/{id}/refund")
  public Settled refund(@PathParam("id") String id) {
    return new Settled(ledger.refund(id, clock.instant()));
  }

  @GET
  @Path("accounts/{id}/usage")
  public Settled usage(@PathParam("id") long accountId) {
    return new Settled(ledger.counters(accountId, clock.instant()));
  }

  public record Reserve(
      @JsonProperty("account_id") Long accountId, String resource, Integer amount) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Reserved(
      @JsonProperty("reservation_id") String reservationId, List<Counter> counters) {}

  public record Settled(List<Counter> counters) {}
}
