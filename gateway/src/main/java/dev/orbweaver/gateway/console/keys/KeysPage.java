package dev.orbweaver.gateway.console.keys;

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
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The account's API keys through {@code /api/v1/keys}: create with a label (the full key is shown
 * in that answer only), list by prefix, revoke.
 */
@Path("/console/keys")
@Produces(MediaType.TEXT_HTML)
public class KeysPage {
  private final ConsoleGuard guard;
  private final ConsoleApi api;

  @Inject
  public KeysPage(ConsoleGuard guard, ConsoleApi api) {
    this.guard = guard;
    this.api = api;
  }

  @GET
  public TemplateInstance page(@BeanParam ConsoleRequest request) {
    Session session = guard.customer(request);
    return ConsoleTemplates.keys(Page.of("keys", session), list(session, null, null, null));
  }

  @POST
  public TemplateInstance create(
      @BeanParam ConsoleRequest request, @FormParam("label") String label) {
    Session session = guard.customer(guard.posted(request), request);
    PublicApi.Answer answer =
        api.post(
            session,
            "/api/v1/keys",
            Map.of("label", label == null || label.isBlank() ? "console" : label.strip()));
    if (!answer.ok()) {
      return fragment(session, list(session, null, null, ConsoleApi.problem(answer)));
    }
    JsonNode body = answer.body();
    KeysView.NewKey created =
        new KeysView.NewKey(
            body.path("id").asText(),
            body.path("key").asText(),
            body.path("prefix").asText(),
            body.path("label").asText());
    return fragment(session, list(session, created, null, null));
  }

  @DELETE
  @Path("{id}")
  public TemplateInstance revoke(@BeanParam ConsoleRequest request, @PathParam("id") String id) {
    Session session = guard.customer(guard.posted(request), request);
    PublicApi.Answer answer = api.delete(session, "/api/v1/keys/" + ConsoleApi.encode(id));
    if (!answer.ok()) {
      return fragment(session, list(session, null, null, ConsoleApi.problem(answer)));
    }
    return fragment(session, list(session, null, "Key " + id + " revoked.", null));
  }

  private TemplateInstance fragment(Session session, KeysView view) {
    return ConsoleTemplates.keysList(Page.of("keys", session), view);
  }

  private KeysView list(Session session, KeysView.NewKey created, String notice, String error) {
    PublicApi.Answer answer = api.get(session, "/api/v1/keys");
    if (!answer.ok()) {
      return new KeysView(
          List.of(), created, notice, error != null ? error : ConsoleApi.problem(answer));
    }
    List<KeysView.Key> keys = new ArrayList<>();
    for (JsonNode key : answer.body().path("keys")) {
      String prefix = key.path("prefix").asText();
      keys.add(
          new KeysView.Key(
              key.path("id").asText(),
              prefix,
              key.path("label").asText(""),
              Dates.minute(key.get("created_at")),
              key.hasNonNull("last_used_at") ? Dates.minute(key.get("last_used_at")) : "never",
              key.hasNonNull("revoked_at") ? Dates.minute(key.get("revoked_at")) : null,
              !prefix.isEmpty() && session.credential().startsWith(prefix)));
    }
    return new KeysView(keys, created, notice, error);
  }
}
