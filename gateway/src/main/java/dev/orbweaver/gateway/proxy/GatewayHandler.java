package dev.orbweaver.gateway.proxy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orbweaver.common.error.ApiException;
import dev.orbweaver.common.error.Dialect;
import dev.orbweaver.common.error.ErrorKind;
import dev.orbweaver.common.id.RequestIds;
import dev.orbweaver.gateway.admission.Admission;
import dev.orbweaver.gateway.admission.Call;
import dev.orbweaver.gateway.auth.ApiKeyHeaders;
import dev.orbweaver.gateway.health.Readiness;
import dev.orbweaver.gateway.limit.ClientAddress;
import dev.orbweaver.gateway.route.Route;
import dev.orbweaver.gateway.route.RouteTable;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every public call on the network passes here, on the event loop: the route table picks the route,
 * and the call goes through the {@link Admission} pipeline carried by a {@link ProxyCarrier}, which
 * streams both bodies. Health and readiness are answered here.
 */
@ApplicationScoped
public class GatewayHandler {
  /** Ahead of every Quarkus route, so that the route table decides what is served. */
  private static final int ORDER = -1_000;

  /**
   * Served by the gateway's own routes (MCP, the merged OpenAPI document, Swagger UI, the web
   * console): the merged document must win over any route whose prefix covers /api/v1/openapi.json.
   */
  private static final List<String> OWN_PATHS =
      List.of("/mcp", "/openapi.json", "/api/v1/openapi.json", "/docs", "/console");

  /**
   * The longest request target (path and query) forwarded: a service's HTTP server refuses a
   * request line over 4,096 bytes with a bare 414, so the gateway refuses longer ones itself, in
   * the route's envelope. Its own server reads lines up to {@code
   * quarkus.http.limits.max-initial-line-length} (16 KB) so that it sees them to refuse.
   */
  static final int MAX_TARGET_LENGTH = 4_000;

  static final int URI_TOO_LONG = 414;

  private final Vertx vertx;
  private final RouteTable routes;
  private final Admission admission;
  private final ClientAddress clients;
  private final Readiness readiness;
  private final ErrorResponses errors;
  private final boolean tracing;

  @Inject
  public GatewayHandler(
      Vertx vertx,
      RouteTable routes,
      Admission admission,
      ClientAddress clients,
      Readiness readiness,
      ErrorResponses errors,
      @ConfigProperty(name = "quarkus.otel.sdk.disabled", defaultValue = "false")
          boolean tracingDisabled) {
    this.vertx = vertx;
    this.routes = routes;
    this.admission = admission;
    this.clients = clients;
    this.readiness = readiness;
    this.errors = errors;
    this.tracing = !tracingDisabled;
  }

  void register(@Observes Router router) {
    router.route().order(ORDER).handler(this::handle);
  }

  void handle(RoutingContext context) {
    HttpServerRequest request = context.request();
    // Routes match, and services receive, the path with dot segments resolved: /v1/scrape/../../q/x
    // must not reach a service's /q/x.
    String path = context.normalizedPath();
    if (servedByGateway(path)) {
      context.next();
      return;
    }
    String requestId = RequestIds.acceptOrGenerate(request.getHeader(RequestIds.HEADER));
    HttpServerResponse response = context.response();
    if (request.uri().length() > MAX_TARGET_LENGTH) {
      request.resume();
      Dialect dialect = routes.match(path).map(Route::dialect).orElse(dialectAsWritten(request));
      errors.send(
          response,
          URI_TOO_LONG,
          (ObjectNode)
              dialect.body(
                  new ApiException(
                      ErrorKind.VALIDATION,
                      "uri_too_long",
                      "Path and query too long; at most " + MAX_TARGET_LENGTH + " characters.",
                      Map.of()),
                  requestId),
          requestId);
      return;
    }
    if (isManagementPath(path)) {
      request.resume();
      errors.send(response, Dialect.INTERNAL, ErrorKind.NOT_FOUND, "No such path.", requestId);
      return;
    }
    switch (path) {
      case "/v1/health" ->
          response
              .putHeader(RequestIds.HEADER, requestId)
              .putHeader("Content-Type", "text/plain")
              .end("ok");
      case "/v1/ready" -> ready(response.putHeader(RequestIds.HEADER, requestId), requestId);
      default -> {
        Optional<Route> route = routes.match(path);
        if (route.isEmpty()) {
          request.resume();
          errors.send(
              response, dialectAsWritten(request), ErrorKind.NOT_FOUND, "No such path.", requestId);
          return;
        }
        request.pause();
        Call call =
            new Call(
                route.get(),
                request.method(),
                path,
                request.query(),
                requestId,
                ApiKeyHeaders.presented(request.headers()),
                clients.of(request),
                ProxyCarrier.declaredLength(request));
        admission.admit(call, new ProxyCarrier(vertx, request, errors, requestId, tracing));
      }
    }
  }

  /**
   * The dialect of the route the client wrote, before dot segments were resolved: {@code
   * /api/v1/crawl/%2e%2e} resolves to no route, but its client speaks AlterLab and reads AlterLab's
   * errors. The gateway's own envelope when no route's prefix was written either.
   */
  private Dialect dialectAsWritten(HttpServerRequest request) {
    return routes.match(request.path()).map(Route::dialect).orElse(Dialect.INTERNAL);
  }

  /**
   * Quarkus' management paths: health, metrics and OpenAPI live on the management port, which
   * operators and probes reach; whatever a route table says, the public port never serves them.
   */
  private static boolean isManagementPath(String path) {
    return path.equals("/q") || path.startsWith("/q/");
  }

  /** Paths the gateway answers itself with its own routes, whatever the route table says. */
  private static boolean servedByGateway(String path) {
    for (String prefix : OWN_PATHS) {
      if (path.equals(prefix) || path.startsWith(prefix + "/")) {
        return true;
      }
    }
    return false;
  }

  private void ready(HttpServerResponse response, String requestId) {
    readiness
        .check()
        .onComplete(
            result -> {
              Map<String, Boolean> components = result.result();
              List<String> failing =
                  components.entrySet().stream()
                      .filter(e -> !e.getValue())
                      .map(Map.Entry::getKey)
                      .toList();
              if (failing.isEmpty()) {
                response.putHeader("Content-Type", "text/plain").end("ready");
                return;
              }
              String componentJson =
                  components.entrySet().stream()
                      .map(e -> "\"" + e.getKey() + "\":\"" + (e.getValue() ? "up" : "down") + "\"")
                      .collect(Collectors.joining(",", "{", "}"));
              String failingJson =
                  failing.stream()
                      .map(f -> "\"" + f + "\"")
                      .collect(Collectors.joining(",", "[", "]"));
              response
                  .setStatusCode(503)
                  .putHeader("Content-Type", "application/json")
                  .end(
                      "{\"status\":\"not_ready\",\"failing\":"
                          + failingJson
                          + ",\"components\":"
                          + componentJson
                          + ",\"request_id\":\""
                          + requestId
                          + "\"}");
            });
  }
}
