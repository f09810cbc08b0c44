package dev.orbweaver.gateway.proxy;

import dev.orbweaver.common.error.Dialect;
import dev.orbweaver.common.error.ErrorKind;
import dev.orbweaver.common.id.RequestIds;
import dev.orbweaver.gateway.auth.ApiKeyHeaders;
import dev.orbweaver.gateway.auth.Caller;
import dev.orbweaver.gateway.auth.KeyVerifier;
import dev.orbweaver.gateway.health.Readiness;
import dev.orbweaver.gateway.limit.BurstLimiter;
import dev.orbweaver.gateway.limit.ClientAddress;
import dev.orbweaver.gateway.quota.QuotaClient;
import dev.orbweaver.gateway.quota.QuotaCounter;
import dev.orbweaver.gateway.quota.RateLimitHeaders;
import dev.orbweaver.gateway.route.GatewayConfig;
import dev.orbweaver.gateway.route.Route;
import dev.orbweaver.gateway.route.RouteTable;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.EventLoop;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.ProxyRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.ConnectException;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every public call passes here, on the event loop: route, authenticate the key, limit bursts,
 * reserve quota, forward with the caller's JWT while streaming both bodies, then commit the quota
 * on a 2xx and refund it otherwise.
 */
@ApplicationScoped
public class GatewayHandler {
  /** Ahead of every Quarkus route, so that the route table decides what is served. */
  private static final int ORDER = -1_000;

  private static final List<String> FORWARDED_AWAY = List.of("X-API-Key", "Forwarded");

  /**
   * Served by the gateway's own routes (MCP, the merged OpenAPI document, Swagger UI, the web
   * console): the merged document must win over any route whose prefix covers /api/v1/openapi.json.
   */
  private static final List<String> OWN_PATHS =
      List.of("/mcp", "/openapi.json", "/api/v1/openapi.json", "/docs", "/console");

  /**
   * The client's W3C trace context. With tracing on, Vert.x's tracer adds the continued context to
   * the upstream request, so the client's copy goes: two traceparents would confuse the service.
   * With tracing off it passes through untouched.
   */
  private static final List<String> TRACE_CONTEXT = List.of("traceparent", "tracestate", "baggage");

  private final RouteTable routes;
  private final KeyVerifier keys;
  private final BurstLimiter burst;
  private final ClientAddress clients;
  private final QuotaClient quotas;
  private final Readiness readiness;
  private final ErrorResponses errors;
  private final MeterRegistry metrics;
  private final boolean tracing;

  /** Per route, a counter per status code (slot = status), made on first use. */
  private final Map<String, AtomicReferenceArray<Counter>> requestCounters =
      new ConcurrentHashMap<>();

  private final Vertx vertx;
  private final HttpClientOptions upstreamOptions;
  private final PoolOptions upstreamPool;

  /**
   * One upstream client per event loop: its pooled connections live on the loop that serves the
   * client's request, so a call never hops between threads (a selector wake-up each way).
   */
  private final Map<EventLoop, HttpClient> upstreams = new ConcurrentHashMap<>();

  private final long upstreamTimeoutMs;
  private final Map<String, SocketAddress> services = new HashMap<>();

  @Inject
  public GatewayHandler(
      Vertx vertx,
      GatewayConfig config,
      RouteTable routes,
      KeyVerifier keys,
      BurstLimiter burst,
      ClientAddress clients,
      QuotaClient quotas,
      Readiness readiness,
      ErrorResponses errors,
      MeterRegistry metrics,
      @ConfigProperty(name = "quarkus.otel.sdk.disabled", defaultValue = "false")
          boolean tracingDisabled) {
    this.routes = routes;
    this.keys = keys;
    this.burst = burst;
    this.clients = clients;
    this.quotas = quotas;
    this.readiness = readiness;
    this.errors = errors;
    this.metrics = metrics;
    this.tracing = !tracingDisabled;
    this.upstreamTimeoutMs = config.upstreamTimeout().toMillis();
    this.vertx = vertx;
    this.upstreamOptions =
        new HttpClientOptions()
            .setKeepAlive(true)
            .setConnectTimeout(2000)
            .setIdleTimeout(60)
            .setDecompressionSupported(false);
    // Event-loop size 0: a client's connections open on the loop that asks, which is its own loop.
    this.upstreamPool =
        new PoolOptions()
            .setHttp1MaxSize(config.upstreamPoolSize())
            .setMaxWaitQueueSize(50_000)
            .setEventLoopSize(0);
    config
        .services()
        .forEach(
            (name, service) -> {
              URI uri = URI.create(service.url());
              services.put(name, SocketAddress.inetSocketAddress(uri.getPort(), uri.getHost()));
            });
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
          errors.send(response, Dialect.INTERNAL, ErrorKind.NOT_FOUND, "No such path.", requestId);
          return;
        }
        request.pause();
        new Exchange(request, response, route.get(), path, requestId).start();
      }
    }
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

  private HttpClient upstream() {
    EventLoop loop = ((ContextInternal) vertx.getOrCreateContext()).nettyEventLoop();
    return upstreams.computeIfAbsent(
        loop, l -> vertx.createHttpClient(upstreamOptions, upstreamPool));
  }

  /** Requests by route and status; the meters are looked up once, not on every call. */
  private void count(Route route, int status) {
    if (status < 0 || status >= 600) {
      requestCounter(route, status).increment(); // not HTTP as we know it: no slot, just count
      return;
    }
    AtomicReferenceArray<Counter> byStatus =
        requestCounters.computeIfAbsent(route.name(), name -> new AtomicReferenceArray<>(600));
    Counter counter = byStatus.get(status);
    if (counter == null) {
      counter = requestCounter(route, status);
      byStatus.set(status, counter);
    }
    counter.increment();
  }

  private Counter requestCounter(Route route, int status) {
    return metrics.counter(
        "orbweaver.gateway.requests", "route", route.name(), "status", Integer.toString(status));
  }

  /** One call through the gateway, from route match to settled quota. */
  private final class Exchange {
    private final HttpServerRequest request;
    private final HttpServerResponse response;
    private final Route route;
    private final String path;
    private final String requestId;
    private final Optional<String> resource;
    private Caller caller;
    private String reservation;
    private Future<List<QuotaCounter>> counters = Future.succeededFuture(List.of());

    Exchange(
        HttpServerRequest request,
        HttpServerResponse response,
        Route route,
        String path,
        String requestId) {
      this.request = request;
      this.response = response;
      this.route = route;
      this.path = path;
      this.requestId = requestId;
      this.resource = route.meteredResource(request.method().name());
    }

    void start() {
      if (!route.requiresKey()) {
        forward();
        return;
      }
      String key = ApiKeyHeaders.presented(request.headers());
      if (key == null) {
        fail(ErrorKind.AUTH_MISSING, "Authorization header missing or malformed.");
        return;
      }
      keys.verify(key)
          .onSuccess(
              verified -> {
                caller = verified;
                limitBursts();
              })
          .onFailure(
              cause -> {
                if (cause instanceof KeyVerifier.KeyRefused) {
                  fail(ErrorKind.AUTH_INVALID, "Key unknown, revoked, or owner disabled.");
                } else {
                  fail(ErrorKind.UNAVAILABLE, "Authentication is unavailable; retry shortly.");
                }
              });
    }

    private void limitBursts() {
      if (resource.isEmpty()) {
        if (route.dialect() == Dialect.CRAWLGRAPH) {
          // CrawlGraph puts its counters on every 2xx, metered or not.
          counters = quotas.usage(caller.accountId()).otherwise(List.of());
        }
        forward();
        return;
      }
      burst
          .admit(clients.of(request))
          .onComplete(
              decision -> {
                BurstLimiter.Decision burst = decision.result();
                if (!burst.allowed()) {
                  refuseBurst(burst);
                  return;
                }
                reserve();
              });
    }

    /** A 429 carries the counters too (CrawlGraph section 4), read without reserving. */
    private void refuseBurst(BurstLimiter.Decision burst) {
      quotas
          .usage(caller.accountId())
          .otherwise(List.of())
          .onComplete(
              usage -> {
                RateLimitHeaders.add(response.headers(), route.dialect(), resource, usage.result());
                response.putHeader("Retry-After", Long.toString(burst.retryAfter()));
                fail(
                    ErrorKind.RATE_LIMITED,
                    "Too many requests from this address; at most " + burst.limit() + " a minute.");
              });
    }

    private void reserve() {
      quotas
          .reserve(caller.accountId(), resource.get())
          .onSuccess(
              answer -> {
                counters = Future.succeededFuture(answer.counters());
                if (!answer.granted()) {
                  metrics
                      .counter("orbweaver.gateway.quota.rejections", "resource", resource.get())
                      .increment();
                  RateLimitHeaders.add(
                      response.headers(), route.dialect(), resource, answer.counters());
                  response.putHeader("Retry-After", Long.toString(answer.retryAfter()));
                  fail(ErrorKind.QUOTA_EXCEEDED, "Monthly quota hit; check Retry-After.");
                  return;
                }
                reservation = answer.id();
                forward();
              })
          .onFailure(
              cause ->
                  fail(ErrorKind.UNAVAILABLE, "Quota accounting is unavailable; retry shortly."));
    }

    private void forward() {
      SocketAddress target = services.get(route.service());
      ProxyRequest proxied = ProxyRequest.reverseProxy(request);
      proxied.setURI(route.forwardedUri(path, request.query()));
      MultiMap headers = proxied.headers();
      FORWARDED_AWAY.forEach(headers::remove);
      if (tracing) {
        TRACE_CONTEXT.forEach(headers::remove);
      }
      if (caller != null) {
        headers.set("Authorization", "Bearer " + caller.token());
      }
      headers.set(RequestIds.HEADER, requestId);
      String client =
          request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
      String forwardedFor = request.getHeader("X-Forwarded-For");
      headers.set("X-Forwarded-For", forwardedFor == null ? client : forwardedFor + ", " + client);
      headers.set("X-Forwarded-Proto", request.scheme() == null ? "http" : request.scheme());
      if (request.authority() != null) {
        headers.set("X-Forwarded-Host", request.authority().toString());
      }
      upstream()
          .request(
              new RequestOptions()
                  .setServer(target)
                  .setHost(target.host())
                  .setPort(target.port())
                  .setMethod(request.method())
                  .setURI(proxied.getURI())
                  .setIdleTimeout(upstreamTimeoutMs))
          .onFailure(
              cause -> {
                proxied.release();
                fail(
                    cause instanceof ConnectException
                        ? ErrorKind.UNAVAILABLE
                        : ErrorKind.BAD_GATEWAY,
                    route.service() + " is unavailable; retry shortly.");
              })
          .onSuccess(
              upstreamRequest ->
                  proxied
                      .send(upstreamRequest)
                      .onFailure(
                          cause ->
                              fail(
                                  ErrorKind.BAD_GATEWAY,
                                  route.service() + " did not answer properly."))
                      .onSuccess(
                          answer ->
                              counters.onComplete(
                                  c -> {
                                    int status = answer.getStatusCode();
                                    MultiMap out = answer.headers();
                                    out.set(RequestIds.HEADER, requestId);
                                    if (status < 300 && c.succeeded()) {
                                      RateLimitHeaders.add(
                                          out, route.dialect(), resource, c.result());
                                    }
                                    answer
                                        .send()
                                        .onComplete(sent -> settle(status, sent.succeeded()));
                                  })));
    }

    private void settle(int status, boolean delivered) {
      count(route, status);
      if (reservation != null) {
        quotas.settle(reservation, delivered && status >= 200 && status < 300);
      }
    }

    private void fail(ErrorKind kind, String message) {
      request.resume();
      if (reservation != null) {
        quotas.settle(reservation, false);
        reservation = null;
      }
      count(route, route.dialect().status(kind));
      errors.send(response, route.dialect(), kind, message, requestId);
    }
  }
}
