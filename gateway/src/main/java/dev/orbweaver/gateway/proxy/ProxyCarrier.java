package dev.orbweaver.gateway.proxy;

import dev.orbweaver.gateway.admission.Admission;
import dev.orbweaver.gateway.admission.BodyLimit;
import dev.orbweaver.gateway.admission.Carrier;
import dev.orbweaver.gateway.admission.Refusal;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyRequest;
import io.vertx.httpproxy.ProxyResponse;
import java.util.List;

/**
 * Carries a call for a client on the network: the client's request streams to the service and the
 * service's answer streams back (vertx-http-proxy), both bodies unbuffered.
 */
final class ProxyCarrier implements Carrier {
  private static final List<String> FORWARDED_AWAY = List.of("X-API-Key", "Forwarded");

  /**
   * The client's W3C trace context. With tracing on, Vert.x's tracer adds the continued context to
   * the upstream request, so the client's copy goes: two traceparents would confuse the service.
   * With tracing off it passes through untouched.
   */
  private static final List<String> TRACE_CONTEXT = List.of("traceparent", "tracestate", "baggage");

  /**
   * How long a refused request's unread body is taken in (and dropped) before the connection
   * closes: clients that write their whole body before they read (most blocking clients) then still
   * read the refusal.
   */
  private static final long LINGER_MS = 5_000;

  private final Vertx vertx;
  private final HttpServerRequest request;
  private final HttpServerResponse response;
  private final ErrorResponses errors;
  private final String requestId;
  private final boolean tracing;

  ProxyCarrier(
      Vertx vertx,
      HttpServerRequest request,
      ErrorResponses errors,
      String requestId,
      boolean tracing) {
    this.vertx = vertx;
    this.request = request;
    this.response = request.response();
    this.errors = errors;
    this.requestId = requestId;
    this.tracing = tracing;
  }

  /** The body length the client declares, or -1 when it declares none (chunked, or no body). */
  static long declaredLength(HttpServerRequest request) {
    String length = request.getHeader("Content-Length");
    if (length == null) {
      return -1;
    }
    try {
      return Long.parseLong(length.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  @Override
  public boolean clientGone() {
    return response.closed();
  }

  @Override
  public Future<ServiceAnswer> send(
      HttpClientRequest upstream, MultiMap gatewayHeaders, BodyLimit limit) {
    ProxyRequest proxied = ProxyRequest.reverseProxy(request);
    proxied.setURI(upstream.getURI());
    proxied.setBody(Body.body(limit.watch(request), declaredLength(request)));
    MultiMap headers = proxied.headers();
    FORWARDED_AWAY.forEach(headers::remove);
    if (tracing) {
      TRACE_CONTEXT.forEach(headers::remove);
    }
    Carrier.overlay(headers, gatewayHeaders);
    String client =
        request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    String forwardedFor = request.getHeader("X-Forwarded-For");
    headers.set("X-Forwarded-For", forwardedFor == null ? client : forwardedFor + ", " + client);
    headers.set("X-Forwarded-Proto", request.scheme() == null ? "http" : request.scheme());
    if (request.authority() != null) {
      headers.set("X-Forwarded-Host", request.authority().toString());
    }
    Future<ProxyResponse> answer = proxied.send(upstream);
    // The proxy resets the forward when the client goes away. Once the whole body is on its way
    // the service may act on it, and must be heard: its 2xx is what the call is charged on.
    // Before that the reset stays, so a service never acts on half a body.
    response.exceptionHandler(
        gone -> {
          if (!request.isEnded()) {
            upstream.reset(0L, gone);
          }
        });
    return answer.map(service -> new Answered(service, upstream));
  }

  @Override
  public void refuse(Refusal refusal) {
    // A body over the limit is not worth keeping the connection for: it may go on for a long time.
    boolean close = refusal.status() == Admission.PAYLOAD_TOO_LARGE;
    if (close && request.version() != HttpVersion.HTTP_2) {
      response.putHeader("Connection", "close");
    }
    response.headers().addAll(refusal.headers());
    errors.send(response, refusal.status(), refusal.body(), requestId);
    dropTheRest(close);
  }

  @Override
  public void abandon() {
    request.resume(); // its connection is closed: whatever is left is dropped
  }

  /**
   * Takes in and drops what is left of the refused request's body, so that a client that writes its
   * whole body before it reads still reads the refusal; then the connection serves the next call,
   * or closes when asked to or when the body has not ended within the linger time.
   */
  private void dropTheRest(boolean close) {
    if (request.isEnded()) {
      if (close) {
        closeConnection();
      }
      return;
    }
    long linger = vertx.setTimer(LINGER_MS, t -> closeConnection());
    request.handler(chunk -> {});
    request.exceptionHandler(e -> vertx.cancelTimer(linger));
    request.endHandler(
        end -> {
          vertx.cancelTimer(linger);
          if (close) {
            closeConnection();
          }
        });
    request.resume();
  }

  private void closeConnection() {
    if (request.version() == HttpVersion.HTTP_2) {
      response.reset(); // the stream only: the connection carries other calls
    } else {
      request.connection().close();
    }
  }

  /** The service's answer, to be streamed on to the client. */
  private final class Answered implements ServiceAnswer {
    private final ProxyResponse answer;
    private final HttpClientRequest upstream;

    Answered(ProxyResponse answer, HttpClientRequest upstream) {
      this.answer = answer;
      this.upstream = upstream;
    }

    @Override
    public int status() {
      return answer.getStatusCode();
    }

    @Override
    public String header(String name) {
      return answer.headers().get(name);
    }

    @Override
    public void deliver(MultiMap gatewayHeaders) {
      if (response.closed()) {
        upstream.reset(); // nobody to stream to: end the service's answer (a stream may not end)
        return;
      }
      Carrier.overlay(answer.headers(), gatewayHeaders);
      answer.send();
    }
  }
}
