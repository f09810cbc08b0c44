package dev.orbweaver.gateway.console.usage;

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
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;

/** The account's quotas from {@code /api/v1/usage}, each as a bar with its reset date. */
@Path("/console/usage")
@Produces(MediaType.TEXT_HTML)
public class UsagePage {
  private final ConsoleGuard guard;
  private final ConsoleApi api;

  @Inject
  public UsagePage(ConsoleGuard guard, ConsoleApi api) {
    this.guard = guard;
    this.api = api;
  }

  @GET
  public TemplateInstance page(@BeanParam ConsoleRequest request) {
    Session session = guard.customer(request);
    PublicApi.Answer answer = api.get(session, "/api/v1/usage");
    Page page = Page.of("usage", session);
    if (!answer.ok()) {
      return ConsoleTemplates.usage(page, null, ConsoleApi.problem(answer));
    }
    JsonNode body = answer.body();
    List<UsageView.Quota> quotas = new ArrayList<>();
    for (JsonNode q : body.path("quotas")) {
      Long limit = q.hasNonNull("limit") ? q.get("limit").asLong() : null;
      quotas.add(
          new UsageView.Quota(
              q.path("resource").asText(),
              q.path("used").asLong(),
              q.path("reserved").asLong(),
              limit,
              q.hasNonNull("remaining") ? q.get("remaining").asText() : "unlimited",
              Dates.day(q.path("reset_at").asLong(body.path("reset_at").asLong()))));
    }
    List<UsageView.Slots> slots = new ArrayList<>();
    for (JsonNode s : body.path("concurrency")) {
      slots.add(
          new UsageView.Slots(
              s.path("resource").asText(),
              s.path("in_use").asLong(),
              s.hasNonNull("limit") ? s.get("limit").asLong() : null));
    }
    return ConsoleTemplates.usage(
        page,
        new UsageView(
            body.path("plan").asText(),
            body.path("period_start").asText(),
            Dates.day(body.path("reset_at").asLong()),
            quotas,
            slots,
            body.hasNonNull("credits_balance") ? body.get("credits_balance").asText() : "—"),
        null);
  }
}
