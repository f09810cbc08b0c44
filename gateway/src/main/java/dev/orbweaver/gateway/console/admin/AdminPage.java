package dev.orbweaver.gateway.console.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orbweaver.gateway.call.PublicApi;
import dev.orbweaver.gateway.console.ConsoleApi;
import dev.orbweaver.gateway.console.ConsoleTemplates;
import dev.orbweaver.gateway.console.Dates;
import dev.orbweaver.gateway.console.Page;
import dev.orbweaver.gateway.console.session.ConsoleGuard;
import dev.orbweaver.gateway.console.session.ConsoleRequest;
import dev.orbweaver.gateway.console.session.Session;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The operator's page over auth-service's admin API ({@code /admin/v1}, called with the admin token
 * the operator signed in with): accounts, plans, and opening an account.
 */
@Path("/console/admin")
@Produces(MediaType.TEXT_HTML)
public class AdminPage {
  private final ConsoleGuard guard;
  private final ConsoleApi api;

  @Inject
  public AdminPage(ConsoleGuard guard, ConsoleApi api) {
    this.guard = guard;
    this.api = api;
  }

  @GET
  public TemplateInstance page(
      @BeanParam ConsoleRequest request, @QueryParam("after") @DefaultValue("0") long after) {
    Session session = guard.operator(guard.signedIn(request), request);
    return ConsoleTemplates.admin(Page.of("admin", session), view(session, after, null, null));
  }

  @POST
  @Path("accounts")
  public TemplateInstance open(
      @BeanParam ConsoleRequest request,
      @FormParam("name") String name,
      @FormParam("plan") String plan) {
    Session session = guard.operator(guard.posted(request), request);
    PublicApi.Answer answer =
        api.post(
            session,
            "/admin/v1/accounts",
            Map.of("name", name == null ? "" : name.strip(), "plan", plan == null ? "free" : plan));
    Page page = Page.of("admin", session);
    if (!answer.ok()) {
      return ConsoleTemplates.adminAccounts(
          page, view(session, 0, null, ConsoleApi.problem(answer)));
    }
    JsonNode account = answer.body().path("account");
    AdminView.Opened opened =
        new AdminView.Opened(
            account.path("id").asLong(),
            account.path("name").asText(),
            account.path("plan").asText(),
            answer.body().path("key").path("key").asText());
    return ConsoleTemplates.adminAccounts(page, view(session, 0, opened, null));
  }

  private AdminView view(Session session, long after, AdminView.Opened opened, String error) {
    PublicApi.Answer accounts =
        api.get(session, "/admin/v1/accounts?limit=100&after=" + Math.max(0, after));
    PublicApi.Answer plans = api.get(session, "/admin/v1/plans");
    List<AdminView.Account> rows = new ArrayList<>();
    accounts
        .body()
        .path("accounts")
        .forEach(
            a ->
                rows.add(
                    new AdminView.Account(
                        a.path("id").asLong(),
                        a.path("name").asText(),
                        a.path("plan").asText(),
                        a.path("status").asText(),
                        Dates.minute(a.get("created_at")))));
    List<AdminView.Plan> catalogue = new ArrayList<>();
    plans
        .body()
        .path("plans")
        .forEach(
            p ->
                catalogue.add(
                    new AdminView.Plan(
                        p.path("plan").asText(),
                        limits(p.path("quotas")),
                        limits(p.path("concurrency")),
                        p.hasNonNull("credits") ? p.get("credits").asText() : "—")));
    if (error == null && !accounts.ok()) {
      error = ConsoleApi.problem(accounts);
    } else if (error == null && !plans.ok()) {
      error = ConsoleApi.problem(plans);
    }
    Long next =
        accounts.body().hasNonNull("next_after")
            ? accounts.body().get("next_after").asLong()
            : null;
    return new AdminView(rows, next, catalogue, opened, error);
  }

  private static List<String> limits(JsonNode byResource) {
    List<String> out = new ArrayList<>();
    byResource
        .fields()
        .forEachRemaining(
            e ->
                out.add(
                    e.getKey()
                        + ": "
                        + (e.getValue().isNull() ? "unlimited" : e.getValue().asText())));
    return out;
  }
}
