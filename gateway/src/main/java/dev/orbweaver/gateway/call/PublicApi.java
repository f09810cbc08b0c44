package dev.orbweaver.gateway.call;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orbweaver.common.error.ErrorKind;
import dev.orbweaver.gateway.auth.Caller;
import dev.orbweaver.gateway.auth.KeyVerifier;
import dev.orbweaver.gateway.limit.BurstLimiter;
import dev.orbweaver.gateway.quota.QuotaClient;
import dev.orbweaver.gateway.route.GatewayConfig;
import dev.orbweaver.gateway.route.Route;
import dev.orbweaver.gateway.route.RouteTable;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A public route called in-process, as {@code GatewayHandler} serves it to an HTTP client: the same
 * route table, key verification, IP burst limiter (on the caller's address), quota reservation
 * committed on a 2xx and refunded otherwise, and request counters. So an MCP tool call or a web
 * console page costs what the equivalent HTTP call costs. Bodies are buffered ({@link #call}),
 * except for the unmetered streams {@link #open} hands over (a crawl's Server-Sent Events).
 *
 * <p>Routes that take no API key (the operator's admin API) receive the presented credential as the
 * client's own {@code Authorization: Bearer}, as the gateway passes it through.
 *
 * <p>Not a loopback HTTP call to the gateway itself: that would arrive from 127.0.0.1 and put every
 * MCP client in one burst-limiter bucket.
 */
@ApplicationScoped
public class PublicApi {
  private final RouteTable routes;
  private final KeyVerifier keys;
  private final BurstLimiter burst;
  private final QuotaClient quotas;
  private final MeterRegistry metrics;
  private final ObjectMapper json;
  private final HttpClient http;
  private final Duration timeout;
  private final Map<String, URI> services = new HashMap<>();

  @Inject
  public PublicApi(
      Vertx vertx,
      GatewayConfig config,
      RouteTable routes,
      KeyVerifier keys,
      BurstLimiter burst,
      QuotaClient quotas,
      MeterRegistry metrics,
      ObjectMapper json) {
    this.routes = routes;
    this.keys = keys;
    this.burst = burst;
    this.quotas = quotas;
    this.metrics = metrics;
    this.json = json;
    this.timeout = config.upstreamTimeout();
    this.http =
        vertx.createHttpClient(
            new HttpClientOptions().setKeepAlive(true).setConnectTimeout(2000).setIdleTimeout(60),
            new PoolOptions().setHttp1MaxSize(32).setMaxWaitQueueSize(1_000));
    config.services().forEach((name, service) -> services.put(name, URI.create(service.url())));
  }

  /** Who calls: the presented key, the client's address and the request id of the call. */
  public record Presented(String key, String clientAddress, String requestId) {}

  /** What an HTTP client would have received: the status, the parsed body, and Retry-After. */
  public record Answer(int status, JsonNode body, Optional<Long> retryAfter) {
    public boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  /**
   * Calls {@code method pathAndQuery} with a JSON body (or none) and waits for the answer; for
   * tools, which run on virtual threads.
   */
  public Answer call(Presented caller, HttpMethod method, String pathAndQuery, Object body) {
    try {
      return send(caller, method, pathAndQuery, body)
          .toCompletionStage()
          .toCompletableFuture()
          .get(timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("the gateway did not answer: " + e.getMessage(), e);
    }
  }

  Future<Answer> send(Presented caller, HttpMethod method, String pathAndQuery, Object body) {
    return exchange(caller, method, pathAndQuery, body, false).run();
  }

  /**
   * Opens an unmetered GET of a Server-Sent Events stream (a crawl's events) and hands over the
   * service's response unread, to be streamed on; a refusal before the service (key, unavailable)
   * fails with {@link Refused}.
   */
  public Future<HttpClientResponse> open(Presented caller, String pathAndQuery) {
    Exchange exchange = exchange(caller, HttpMethod.GET, pathAndQuery, null, true);
    if (exchange.resource.isPresent()) {
      throw new IllegalArgumentException("only unmetered calls stream: " + pathAndQuery);
    }
    exchange.run();
    return exchange.streamed.future();
  }

  private Exchange exchange(
      Presented caller, HttpMethod method, String pathAndQuery, Object body, boolean stream) {
    int q = pathAndQuery.indexOf('?');
    String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    String query = q < 0 ? null : pathAndQuery.substring(q + 1);
    Route route =
        routes
            .match(path)
            .orElseThrow(() -> new IllegalArgumentException("no route serves " + path));
    return new Exchange(caller, route, method, path, query, encode(body), stream);
  }

  /** A streamed call refused before it reached the service, with the answer a client would get. */
  public static final class Refused extends RuntimeException {
    private final transient Answer answer;

    Refused(Answer answer) {
      super("refused with " + answer.status(), null, false, false);
      this.answer = answer;
    }

    public Answer answer() {
      return answer;
    }
  }

  private Buffer encode(Object body) {
    if (body == null) {
      return null;
    }
    try {
      return Buffer.buffer(json.writeValueAsBytes(body));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One call, from key to settled quota; mirrors GatewayHandler's exchange step by step. */
  private final class Exchange {
    private final Presented presented;
    private final Route route;
    private final HttpMethod method;
    private final String path;
    private final String query;
    private final Buffer body;
    private final Optional<String> resource;
    private final boolean stream;
    private final Promise<Answer> answer = Promise.promise();
    private final Promise<HttpClientResponse> streamed = Promise.promise();
    private String reservation;

    Exchange(
        Presented presented,
        Route route,
        HttpMethod method,
        String path,
        String query,
        Buffer body,
        boolean stream) {
      this.presented = presented;
      this.route = route;
      this.method = method;
      this.path = path;
      this.query = query;
      this.body = body;
      this.stream = stream;
      this.resource = route.meteredResource(method.name());
    }

    Future<Answer> run() {
      if (!route.requiresKey()) {
        forward(null);
        return answer.future();
      }
      if (presented.key() == null) {
        fail(ErrorKind.AUTH_MISSING, "Authorization header missing or malformed.", null);
        return answer.future();
      }
      keys.verify(presented.key())
          .onSuccess(this::limitBursts)
          .onFailure(
              cause ->
                  fail(
                      cause instanceof KeyVerifier.KeyRefused
                          ? ErrorKind.AUTH_INVALID
                          : ErrorKind.UNAVAILABLE,
                      cause instanceof KeyVerifier.KeyRefused
                          ? "Key unknown, revoked, or owner disabled."
                          : "Authentication is unavailable; retry shortly.",
                      null));
      return answer.future();
    }

    private void limitBursts(Caller caller) {
      if (resource.isEmpty()) {
        forward(caller);
        return;
      }
      burst
          .admit(presented.clientAddress())
          .onComplete(
              decision -> {
                BurstLimiter.Decision d = decision.result();
                if (!d.allowed()) {
                  fail(
                      ErrorKind.RATE_LIMITED,
                      "Too many requests from this address; at most " + d.limit() + " a minute.",
                      d.retryAfter());
                  return;
                }
                reserve(caller);
              });
    }

    private void reserve(Caller caller) {
      quotas
          .reserve(caller.accountId(), resource.get())
          .onSuccess(
              granted -> {
                if (!granted.granted()) {
                  metrics
                      .counter("orbweaver.gateway.quota.rejections", "resource", resource.get())
                      .increment();
                  fail(
                      ErrorKind.QUOTA_EXCEEDED,
                      "Monthly quota hit; check Retry-After.",
                      granted.retryAfter());
                  return;
                }
                reservation = granted.id();
                forward(caller);
              })
          .onFailure(
              cause ->
                  fail(
                      ErrorKind.UNAVAILABLE,
                      "Quota accounting is unavailable; retry shortly.",
                      null));
    }

    private void forward(Caller caller) {
      URI service = services.get(route.service());
      RequestOptions options =
          new RequestOptions()
              .setMethod(method)
              .setHost(service.getHost())
              .setPort(service.getPort())
              .setURI(route.forwardedUri(path, query))
              .setIdleTimeout(timeout.toMillis())
              .putHeader(dev.orbweaver.common.id.RequestIds.HEADER, presented.requestId())
              .putHeader("X-Forwarded-For", presented.clientAddress())
              .putHeader("Accept", stream ? "text/event-stream" : "application/json");
      if (caller != null) {
        options.putHeader("Authorization", "Bearer " + caller.token());
      } else if (presented.key() != null) {
        options.putHeader("Authorization", "Bearer " + presented.key());
      }
      if (body != null) {
        options.putHeader("Content-Type", "application/json");
      }
      Future<HttpClientResponse> sent =
          http.request(options)
              .compose(request -> body == null ? request.send() : request.send(body));
      if (stream) {
        sent.onSuccess(
                response -> {
                  count(response.statusCode());
                  streamed.complete(response);
                })
            .onFailure(
                cause ->
                    fail(
                        cause instanceof ConnectException
                            ? ErrorKind.UNAVAILABLE
                            : ErrorKind.BAD_GATEWAY,
                        route.service() + " is unavailable; retry shortly.",
                        null));
        return;
      }
      sent.compose(
              response ->
                  response
                      .body()
                      .map(
                          bytes -> {
                            String retry = response.getHeader("Retry-After");
                            return new Answer(
                                response.statusCode(),
                                parse(bytes),
                                Optional.ofNullable(retry).map(Long::parseLong));
                          }))
          .onSuccess(
              received -> {
                settle(received.ok());
                count(received.status());
                answer.complete(received);
              })
          .onFailure(
              cause ->
                  fail(
                      cause instanceof ConnectException
                          ? ErrorKind.UNAVAILABLE
                          : ErrorKind.BAD_GATEWAY,
                      route.service() + " is unavailable; retry shortly.",
                      null));
    }

    private void settle(boolean commit) {
      if (reservation != null) {
        quotas.settle(reservation, commit);
        reservation = null;
      }
    }

    private void fail(ErrorKind kind, String message, Long retryAfter) {
      settle(false);
      int status = route.dialect().status(kind);
      count(status);
      Answer refused =
          new Answer(
              status,
              route.dialect().body(kind, message, presented.requestId()),
              Optional.ofNullable(retryAfter));
      answer.complete(refused);
      if (stream) {
        streamed.tryFail(new Refused(refused));
      }
    }

    private void count(int status) {
      metrics
          .counter(
              "orbweaver.gateway.requests",
              "route",
              route.name(),
              "status",
              Integer.toString(status))
          .increment();
    }
  }

  private JsonNode parse(Buffer bytes) {
    try {
      return bytes.length() == 0 ? json.createObjectNode() : json.readTree(bytes.getBytes());
    } catch (IOException e) {
      return json.createObjectNode().put("message", bytes.toString());
    }
  }
}
