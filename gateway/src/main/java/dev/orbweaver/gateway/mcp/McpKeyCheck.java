package dev.orbweaver.gateway.mcp;

import dev.orbweaver.common.error.Dialect;
import dev.orbweaver.common.error.ErrorKind;
import dev.orbweaver.common.id.RequestIds;
import dev.orbweaver.gateway.auth.ApiKeyHeaders;
import dev.orbweaver.gateway.auth.KeyVerifier;
import dev.orbweaver.gateway.call.PublicApi;
import dev.orbweaver.gateway.proxy.ErrorResponses;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Every request to {@code /mcp} (and the legacy {@code /mcp/sse}, {@code /mcp/messages/…}) must
 * carry an API key, as HTTP calls do: {@code Authorization: Bearer …} or {@code X-API-Key}. A
 * missing or refused key is a 401 in CrawlGraph's envelope before the MCP server sees the request;
 * each tool call then spends the key's quotas through {@link PublicApi}.
 */
@ApplicationScoped
public class McpKeyCheck {
  /** After the gateway's own handler (which lets /mcp through), before the MCP endpoint. */
  private static final int ORDER = -500;

  /** JSON-RPC messages are small; tool arguments are a few fields. */
  private static final long BODY_LIMIT = 1024 * 1024;

  private final KeyVerifier keys;
  private final ErrorResponses errors;

  @Inject
  public McpKeyCheck(KeyVerifier keys, ErrorResponses errors) {
    this.keys = keys;
    this.errors = errors;
  }

  void register(@Observes Router router) {
    // The body is read before the key is checked: a request paused while auth-service answers
    // could otherwise lose what had already arrived.
    for (String path : new String[] {"/mcp", "/mcp/*"}) {
      router.route(path).order(ORDER).handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT));
      router.route(path).order(ORDER).handler(this::check);
    }
  }

  void check(RoutingContext context) {
    HttpServerRequest request = context.request();
    String requestId = RequestIds.acceptOrGenerate(request.getHeader(RequestIds.HEADER));
    String key = ApiKeyHeaders.presented(request.headers());
    if (key == null) {
      refuse(
          context, ErrorKind.AUTH_MISSING, "Authorization header missing or malformed.", requestId);
      return;
    }
    keys.verify(key)
        .onSuccess(caller -> context.next())
        .onFailure(
            cause -> {
              if (cause instanceof KeyVerifier.KeyRefused) {
                refuse(
                    context,
                    ErrorKind.AUTH_INVALID,
                    "Key unknown, revoked, or owner disabled.",
                    requestId);
              } else {
                errors.send(
                    context.response(),
                    Dialect.CRAWLGRAPH,
                    ErrorKind.UNAVAILABLE,
                    "Authentication is unavailable; retry shortly.",
                    requestId);
              }
            });
  }

  private void refuse(RoutingContext context, ErrorKind kind, String message, String requestId) {
    context.response().putHeader("WWW-Authenticate", "Bearer");
    errors.send(context.response(), Dialect.CRAWLGRAPH, kind, message, requestId);
  }
}
