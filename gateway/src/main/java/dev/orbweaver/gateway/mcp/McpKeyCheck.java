package dev.orbweaver.gateway.mcp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orbweaver.common.error.ApiException;
import dev.orbweaver.common.error.Dialect;
import dev.orbweaver.common.error.ErrorKind;
import dev.orbweaver.common.id.RequestIds;
import dev.orbweaver.gateway.auth.ApiKeyHeaders;
import dev.orbweaver.gateway.auth.KeyVerifier;
import dev.orbweaver.gateway.call.PublicApi;
import dev.orbweaver.gateway.proxy.ErrorResponses;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Every request to {@code /mcp} (and the legacy {@code /mcp/sse}, {@code /mcp/messages/…}) must
 * carry an API key, as HTTP calls do: {@code Authorization: Bearer …} or {@code X-API-Key}. A
 * missing or refused key is a 401 in CrawlGraph's envelope before the MCP server sees the request,
 * and a session answers only to the key that opened it ({@link McpSessionOwners}); a posted message
 * of a shape the MCP server mishandles is refused with JSON-RPC's error ({@link JsonRpcShape});
 * each tool call then spends the key's quotas through {@link PublicApi}.
 */
@ApplicationScoped
public class McpKeyCheck {
  /** After the gateway's own handler (which lets /mcp through), before the MCP endpoint. */
  private static final int ORDER = -500;

  /** JSON-RPC messages are small; tool arguments are a few fields. */
  private static final long BODY_LIMIT = 1024 * 1024;

  private static final String SESSION_HEADER = "Mcp-Session-Id";
  private static final String LEGACY_MESSAGES = "/mcp/messages/";

  private final KeyVerifier keys;
  private final McpSessionOwners owners;
  private final ErrorResponses errors;

  @Inject
  public McpKeyCheck(KeyVerifier keys, McpSessionOwners owners, ErrorResponses errors) {
    this.keys = keys;
    this.owners = owners;
    this.errors = errors;
  }

  void register(@Observes Router router) {
    // The body is read before the key is checked: a request paused while auth-service answers
    // could otherwise lose what had already arrived.
    for (String path : new String[] {"/mcp", "/mcp/*"}) {
      router.route(path).order(ORDER).handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT));
      router.route(path).order(ORDER).handler(this::check);
      router.route(path).order(ORDER).failureHandler(this::tooLarge);
    }
  }

  /** The body handler fails a message over the limit with a bare 413; it gets an envelope here. */
  void tooLarge(RoutingContext context) {
    if (context.statusCode() != 413 || context.response().headWritten()) {
      context.next();
      return;
    }
    String requestId = RequestIds.acceptOrGenerate(context.request().getHeader(RequestIds.HEADER));
    context.response().putHeader("Connection", "close");
    errors.send(
        context.response(),
        413,
        (ObjectNode)
            Dialect.CRAWLGRAPH.body(
                new ApiException(
                    ErrorKind.VALIDATION,
                    "payload_too_large",
                    "An MCP message takes at most " + BODY_LIMIT + " bytes.",
                    Map.of()),
                requestId),
        requestId);
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
        .onSuccess(caller -> admitToSession(context, caller.keyId(), requestId))
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

  /**
   * A request in a session must come with the key that opened it; another key gets the 404 of an
   * unknown session (MCP's answer, after which a client opens its own). A request outside a session
   * may open one: the key it came with becomes the session's owner before the client learns its id.
   */
  private void admitToSession(RoutingContext context, String keyId, String requestId) {
    HttpServerRequest request = context.request();
    if ("/mcp".equals(context.normalizedPath()) && refusedAtTheDoor(context, requestId)) {
      return;
    }
    String session = request.getHeader(SESSION_HEADER);
    String legacy = legacySession(context.normalizedPath());
    boolean admitted =
        session != null
            ? owners.ownedBy(session, keyId)
            : legacy == null || owners.claimedBy(legacy, keyId);
    if (!admitted) {
      errors.send(
          context.response(),
          Dialect.CRAWLGRAPH,
          ErrorKind.NOT_FOUND,
          "No such MCP session; open one with initialize.",
          requestId);
      return;
    }
    if (session == null && legacy == null) {
      context.addHeadersEndHandler(
          v -> {
            String opened = context.response().headers().get(SESSION_HEADER);
            if (opened != null) {
              owners.opened(opened, keyId);
            }
          });
    } else if (session != null && request.method() == HttpMethod.DELETE) {
      context.addEndHandler(v -> owners.closed(session));
    }
    if (request.method() == HttpMethod.POST && context.body().buffer() != null) {
      var refusal = JsonRpcShape.check(context.body().buffer().getBytes());
      if (refusal.isPresent()) {
        context
            .response()
            .setStatusCode(400)
            .putHeader(RequestIds.HEADER, requestId)
            .putHeader("Content-Type", "application/json")
            .end(refusal.get().body().toString());
        return;
      }
    }
    context.next();
  }

  /**
   * What the MCP server refuses on {@code /mcp} with an empty body, refused here in CrawlGraph's
   * envelope instead: a method other than POST (messages) and DELETE (ending a session; it opens no
   * stream on GET), a DELETE without a session, and a POST whose Accept does not list both answers
   * Streamable HTTP may give.
   */
  private boolean refusedAtTheDoor(RoutingContext context, String requestId) {
    HttpServerRequest request = context.request();
    HttpMethod method = request.method();
    if (method != HttpMethod.POST && method != HttpMethod.DELETE) {
      context.response().putHeader("Allow", "POST, DELETE");
      errors.send(
          context.response(),
          405,
          Dialect.CRAWLGRAPH.body(
              ErrorKind.VALIDATION,
              "MCP's endpoint takes POST (messages) and DELETE (ending a session).",
              requestId),
          requestId);
      return true;
    }
    if (method == HttpMethod.DELETE && request.getHeader(SESSION_HEADER) == null) {
      errors.send(
          context.response(),
          Dialect.CRAWLGRAPH,
          ErrorKind.NOT_FOUND,
          "No such MCP session; open one with initialize.",
          requestId);
      return true;
    }
    if (method == HttpMethod.POST && !acceptsBothAnswers(request.headers().getAll("Accept"))) {
      errors.send(
          context.response(),
          Dialect.CRAWLGRAPH,
          ErrorKind.VALIDATION,
          "Accept must list application/json and text/event-stream.",
          requestId);
      return true;
    }
    return false;
  }

  static boolean acceptsBothAnswers(List<String> accept) {
    Set<String> types = new HashSet<>();
    for (String header : accept) {
      for (String range : header.split(",")) {
        types.add(range.split(";", 2)[0].strip().toLowerCase(Locale.ROOT));
      }
    }
    return types.contains("application/json") && types.contains("text/event-stream");
  }

  /** The session id in a legacy SSE transport's message path ({@code /mcp/messages/<id>}). */
  private static String legacySession(String path) {
    return path != null
            && path.startsWith(LEGACY_MESSAGES)
            && path.length() > LEGACY_MESSAGES.length()
        ? path.substring(LEGACY_MESSAGES.length())
        : null;
  }

  private void refuse(RoutingContext context, ErrorKind kind, String message, String requestId) {
    context.response().putHeader("WWW-Authenticate", "Bearer");
    errors.send(context.response(), Dialect.CRAWLGRAPH, kind, message, requestId);
  }
}
