package dev.orbweaver.gateway.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real HTTP server on loopback in scrape-service's place, so that the gateway's forwarding can be
 * watched from the other side: it records what arrived (by X-Request-ID) and answers by path.
 *
 * <ul>
 *   <li>{@code /v1/scrape/fail}: 500 in Firecrawl's envelope;
 *   <li>{@code /v1/scrape/hang-up}: closes the connection without answering;
 *   <li>{@code /v1/scrape/echo}: streams the request body back;
 *   <li>{@code /v1/scrape/drip?id=}: sends a first chunk, then the rest once the test releases it;
 *   <li>{@code /v1/scrape/trickle-in?id=}: signals the first body chunk, answers with the byte
 *       count once the body ended, and tells whether it ended or broke off;
 *   <li>{@code /v1/scrape/hold?id=}: signals that the whole request arrived, answers 200 once the
 *       test releases it;
 *   <li>{@code /v1/scrape/replayed}: 200 marked {@code Idempotent-Replayed: true}, as a service
 *       answers a retry with an idempotency key it has seen;
 *   <li>{@code /q/...}: 404, as on a real service, whose management endpoints are on another port;
 *   <li>anything else: 200 {@code {"success":true}}.
 * </ul>
 *
 * <p>Its management interface, a second server, answers {@code /q/health/ready}.
 */
public class LoopbackService implements QuarkusTestResourceLifecycleManager {

  /** Marks the test field that receives the running service. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.FIELD)
  public @interface Injected {}

  private final Map<String, Seen> seen = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<Void>> releases = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<Void>> firstChunks = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<Boolean>> dripEnds = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<Boolean>> bodyEnds = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<Void>> arrivals = new ConcurrentHashMap<>();
  private Vertx vertx;
  private HttpServer server;
  private HttpServer management;

  /** A request as it reached the service. */
  public record Seen(String method, String uri, MultiMap headers) {}

  @Override
  public Map<String, String> start() {
    vertx = Vertx.vertx();
    server =
        vertx
            .createHttpServer()
            .requestHandler(this::answer)
            .listen(0, "127.0.0.1")
            .toCompletionStage()
            .toCompletableFuture()
            .join();
    management =
        vertx
            .createHttpServer()
            .requestHandler(this::manage)
            .listen(0, "127.0.0.1")
            .toCompletionStage()
            .toCompletableFuture()
            .join();
    return Map.of(
        "orbweaver.gateway.services.scrape-service.url",
        "http://127.0.0.1:" + server.actualPort(),
        "orbweaver.gateway.services.scrape-service.management-url",
        "http://127.0.0.1:" + management.actualPort());
  }

  @Override
  public void inject(TestInjector injector) {
    injector.injectIntoFields(
        this, new TestInjector.AnnotatedAndMatchesType(Injected.class, LoopbackService.class));
  }

  @Override
  public void stop() {
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().join();
    }
  }

  /** The request that carried this X-Request-ID, or null if none arrived. */
  public Seen seen(String requestId) {
    return seen.get(requestId);
  }

  /** Lets {@code /v1/scrape/drip?id=} send the rest of its answer. */
  public void release(String id) {
    releases.computeIfAbsent(id, k -> new CompletableFuture<>()).complete(null);
  }

  /** Completes when {@code /v1/scrape/trickle-in?id=} has received its first body chunk. */
  public CompletableFuture<Void> firstChunk(String id) {
    return firstChunks.computeIfAbsent(id, k -> new CompletableFuture<>());
  }

  /** Whether {@code /v1/scrape/drip?id=} could write the rest of its answer. */
  public CompletableFuture<Boolean> dripEnd(String id) {
    return dripEnds.computeIfAbsent(id, k -> new CompletableFuture<>());
  }

  private void manage(HttpServerRequest request) {
    if (request.path().equals("/q/health/ready")) {
      request.response().end("{\"status\":\"UP\"}");
    } else {
      request.response().setStatusCode(404).end();
    }
  }

  /**
   * Completes with true when the body of {@code /v1/scrape/trickle-in?id=} ended, with false when
   * it broke off (a reset forward, a closed connection).
   */
  public CompletableFuture<Boolean> bodyEnd(String id) {
    return bodyEnds.computeIfAbsent(id, k -> new CompletableFuture<>());
  }

  /** Completes when the whole request to {@code /v1/scrape/hold?id=} has arrived. */
  public CompletableFuture<Void> arrived(String id) {
    return arrivals.computeIfAbsent(id, k -> new CompletableFuture<>());
  }

  private void answer(HttpServerRequest request) {
    String requestId = request.getHeader("X-Request-ID");
    if (requestId != null) {
      seen.put(
          requestId,
          new Seen(
              request.method().name(),
              request.uri(),
              MultiMap.caseInsensitiveMultiMap().addAll(request.headers())));
    }
    String id = request.getParam("id");
    if (request.path().startsWith("/q/")) {
      request.response().setStatusCode(404).end();
      return;
    }
    switch (request.path()) {
      case "/v1/scrape/fail" ->
          request
              .response()
              .setStatusCode(500)
              .putHeader("Content-Type", "application/json")
              .end("{\"success\":false,\"error\":\"internal_error\",\"message\":\"boom\"}");
      case "/v1/scrape/hang-up" -> request.connection().close();
      case "/v1/scrape/replayed" ->
          request
              .response()
              .putHeader("Content-Type", "application/json")
              .putHeader("Idempotent-Replayed", "true")
              .end("{\"success\":true,\"replayed\":true}");
      case "/v1/scrape/echo" -> {
        request.response().setChunked(true);
        request.pipeTo(request.response());
      }
      case "/v1/scrape/drip" -> {
        request.response().setChunked(true).write("first-chunk\n");
        releases
            .computeIfAbsent(id, k -> new CompletableFuture<>())
            .orTimeout(30, TimeUnit.SECONDS)
            .whenComplete(
                (ignored, timeout) ->
                    vertx.runOnContext(
                        v ->
                            request
                                .response()
                                .end("rest\n")
                                .onComplete(ended -> dripEnd(id).complete(ended.succeeded()))));
      }
      case "/v1/scrape/trickle-in" -> {
        AtomicLong bytes = new AtomicLong();
        request.handler(
            chunk -> {
              bytes.addAndGet(chunk.length());
              firstChunk(id).complete(null);
            });
        request.exceptionHandler(broken -> bodyEnd(id).complete(false));
        request.endHandler(
            end -> {
              bodyEnd(id).complete(true);
              request.response().end("{\"received\":" + bytes.get() + "}");
            });
      }
      case "/v1/scrape/hold" ->
          request.endHandler(
              end -> {
                arrived(id).complete(null);
                releases
                    .computeIfAbsent(id, k -> new CompletableFuture<>())
                    .orTimeout(30, TimeUnit.SECONDS)
                    .whenComplete(
                        (ignored, timeout) ->
                            vertx.runOnContext(
                                v ->
                                    request
                                        .response()
                                        .putHeader("Content-Type", "application/json")
                                        .end("{\"success\":true,\"held\":true}")));
              });
      default ->
          request
              .response()
              .putHeader("Content-Type", "application/json")
              .end("{\"success\":true}");
    }
  }
}
