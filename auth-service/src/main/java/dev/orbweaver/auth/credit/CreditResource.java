package dev.orbweaver.auth.credit;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.orbweaver.common.error.ApiException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Services that bill in credits debit before work and refund what the work did not use. */
@Path("/internal/v1")
@RolesAllowed("service")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CreditResource {
  private final CreditLedger ledger;

  @Inject
  public CreditResource(CreditLedger ledger) {
    this.ledger = ledger;
  }

  @POST
  @Path("credits/debit")
  public CreditLedger.Balance debit(Movement request) {
    Movement m = valid(request);
    return ledger.debit(m.accountId(), m.amount(), m.ref());
  }

  @POST
  @Path("credits/refund")
  public CreditLedger.Balance refund(Movement request) {
    Movement m = valid(request);
    return ledger.refund(m.accountId(), m.amount(), m.ref());
  }

  @GET
  @Path("accounts/{id}/credits")
  public CreditLedger.Balance balance(@PathParam("id") long accountId) {
    return ledger.balance(accountId);
  }

  private static Movement valid(Movement request) {
    if (request == null || request.accountId() == null || request.amount() == null) {
      throw ApiException.validation("account_id, amount and ref are required");
    }
    return request;
  }

  public record Movement(@JsonProperty("account_id") Long accountId, Long amount, String ref) {}
}
