package dev.orbweaver.gateway.mcp;

import dev.orbweaver.common.id.RequestIds;
import dev.orbweaver.gateway.auth.ApiKeyHeaders;
import dev.orbweaver.gateway.call.PublicApi;
import dev.orbweaver.gateway.limit.ClientAddress;
import io.quarkiverse.mcp.server.ToolCallException;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Who is calling a tool: the key and client address of the HTTP request that carries the MCP
 * message. Each request of a session is checked again, so a key revoked mid-session stops working
 * as it would over plain HTTP.
 */
@ApplicationScoped
public class ToolCaller {
  private final CurrentVertxRequest current;
  private final ClientAddress clients;

  @Inject
  public ToolCaller(CurrentVertxRequest current, ClientAddress clients) {
    this.current = current;
    this.clients = clients;
  }

  public PublicApi.Presented presented() {
    RoutingContext context = current.getCurrent();
    if (context == null) {
      throw new ToolCallException("No HTTP request carries this tool call.");
    }
    return new PublicApi.Presented(
        ApiKeyHeaders.presented(context.request().headers()),
        clients.of(context.request()),
        RequestIds.generate(),
        context.response()::closed);
  }
}
