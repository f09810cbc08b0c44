package dev.orbweaver.auth.admin;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.orbweaver.auth.account.Account;
import dev.orbweaver.auth.account.Accounts;
import dev.orbweaver.auth.credit.CreditLedger;
import dev.orbweaver.auth.key.NewKey;
import dev.orbweaver.auth.plan.Plan;
import dev.orbweaver.common.error.ApiException;
import dev.orbweaver.common.id.Ids;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The operator's API: open accounts, change plans and limits. Guarded by {@link AdminToken}. */
@AdminOnly
@Path("/admin/v1/accounts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AdminResource {
  private final Accounts accounts;

  @Inject
  public AdminResource(Accounts accounts) {
    this.accounts = accounts;
  }

  @POST
  public Response open(OpenAccount request) {
    if (request == null) {
      throw ApiException.validation("body with name and plan is required");
    }
    Accounts.Opened opened =
        accounts.open(request.name(), Plan.parse(request.plan() == null ? "free" : request.plan()));
    return Response.status(Response.Status.CREATED)
        .entity(new OpenedView(AccountView.of(opened.account()), opened.projectId(), opened.key()))
        .build();
  }

  @GET
  public Map<String, Object> list(
      @QueryParam("after") @DefaultValue("0") long after,
      @QueryParam("limit") @DefaultValue("100") int limit) {
    if (limit < 1 || limit > 1000) {
      throw ApiException.validation("limit must be 1..1000");
    }
    if (after < 0) {
      throw ApiException.validation("after must be an account id (0 or more)");
    }
    List<AccountView> page = accounts.list(after, limit).stream().map(AccountView::of).toList();
    Long next = page.size() == limit ? page.get(page.size() - 1).id() : null;
    return next == null ? Map.of("accounts", page) : Map.of("accounts", page, "next_after", next);
  }

  @GET
  @Path("{id}")
  public AccountView get(@PathParam("id") long id) {
    return AccountView.of(accounts.get(id));
  }

  @PUT
  @Path("{id}/plan")
  public AccountView setPlan(@PathParam("id") long id, ChangePlan request) {
    if (request == null) {
      throw ApiException.validation("body with plan is required");
    }
    return AccountView.of(accounts.setPlan(id, Plan.parse(request.plan())));
  }

  @PATCH
  @Path("{id}")
  public AccountView change(@PathParam("id") long id, ChangeAccount request) {
    if (request == null) {
      throw ApiException.validation("body with status and/or limits is required");
    }
    return AccountView.of(
        accounts.change(
            id, request.status(), request.limits() == null ? Map.of() : request.limits()));
  }

  @POST
  @Path("{id}/credits")
  public CreditLedger.Balance grant(@PathParam("id") long id, GrantCredits request) {
    if (request == null || request.amount() == null || request.amount() <= 0) {
      throw ApiException.validation("amount must be a positive whole number");
    }
    String ref = request.ref() == null ? Ids.prefixed("grant", 16) : request.ref();
    return accounts.grantCredits(id, request.amount(), ref);
  }

  public record OpenAccount(String name, String plan) {}

  public record ChangePlan(String plan) {}

  public record ChangeAccount(String status, Map<String, Object> limits) {}

  public record GrantCredits(Long amount, String ref) {}

  public record AccountView(
      long id,
      String name,
      String plan,
      String status,
      @JsonProperty("created_at") Instant createdAt) {
    static AccountView of(Account a) {
      return new AccountView(a.id(), a.name(), a.plan().wireName(), a.status(), a.createdAt());
    }
  }

  public record OpenedView(
      AccountView account, @JsonProperty("project_id") long projectId, NewKey key) {}
}
