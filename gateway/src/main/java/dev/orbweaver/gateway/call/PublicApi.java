package dev.orbweaver.gateway.call;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orbweaver.gateway.admission.Admission;
import dev.orbweaver.gateway.admission.BodyLimit;
import dev.orbweaver.gateway.admission.Call;
import dev.orbweaver.gateway.admission.Carrier;
import dev.orbweaver.gateway.admission.Refusal;
import dev.orbweaver.gateway.route.GatewayConfig;
import dev.orbweaver.gateway.route.Route;
import dev.orbweaver.gateway.route.RouteTable;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * A public route called in-process through the same {@link Admission} pipeline that serves HTTP
 * clients: the same route table, key verification, IP burst limiter (on the caller's address), body
 * limit, quota reservation and settlement, request counters and headers. So an MCP tool call or a
 * web console page costs and answers what the equivalent HTTP call does. Bodies are buffered
 * ({@link #call}), except for the unmetered streams {@link #open} hands over (a crawl's Server-Sent
 * Events).
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
  private final Admission admission;
  private final ObjectMapper json;
  private final Duration timeout;

  @Inject
  public PublicApi(
      GatewayConfig config, RouteTable routes, Admission admission, ObjectMapper json) {
    this.routes = routes;
    this.admission = admission;
    this.json = json;
    this.timeout = config.upstreamTimeout();
  }

  /**
   * Who calls: the presented key, the client's address, the request id of the call, and whether the
   * client (the browser, the MCP client) has gone away meanwhile.
   */
  public record Presented(
      String key, String clientAddress, String requestId, BooleanSupplier gone) {
    public Presented(String key, String clientAddress, String requestId) {
      this(key, clientAddress, requestId, () -> false);
    }
  }

  /**
   * What an HTTP client would have received: the status, the parsed body, and the headers (the
   * gateway's rate-limit counters and Retry-After among them).
   */
  public record Answer(int status, JsonNode body, MultiMap headers) {
    public boolean ok() {
      return status >= 200 && status < 300;
    }

    /** Seconds to wait before trying again, when the answer says. */
    public Optional<Long> retryAfter() {
      try {
        return Optional.ofNullable(headers.get("Retry-After")).map(s -> Long.parseLong(s.strip()));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
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

  /** Calls {@code method pathAndQuery} with a JSON body (or none). */
  public Future<Answer> send(
      Presented caller, HttpMethod method, String pathAndQuery, Object body) {
    Buffer encoded = encode(body);
    InProcess carrier = new InProcess(caller, encoded, false);
    admission.admit(call(caller, method, pathAndQuery, encoded), carrier);
    return carrier.answer.future();
  }

  /**
   * Opens an unmetered GET of a Server-Sent Events stream (a crawl's events) and hands over the
   * service's response unread (paused), to be streamed on; a refusal before the service (key,
   * unavailable) fails with {@link Refused}.
   */
  public Future<HttpClientResponse> open(Presented caller, String pathAndQuery) {
    Call call = call(caller, HttpMethod.GET, pathAndQuery, null);
    if (call.route().meteredResource("GET").isPresent()) {
      throw new IllegalArgumentException("only unmetered calls stream: " + pathAndQuery);
    }
    InProcess carrier = new InProcess(caller, null, true);
    admission.admit(call, carrier);
    return carrier.streamed.future();
  }

  private Call call(Presented caller, HttpMethod method, String pathAndQuery, Buffer body) {
    int q = pathAndQuery.indexOf('?');
    String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    String query = q < 0 ? null : pathAndQuery.substring(q + 1);
    Route route =
        routes
            .match(path)
            .orElseThrow(() -> new IllegalArgumentException("no route serves " + path));
    return new Call(
        route,
        method,
        path,
        query,
        caller.requestId(),
        caller.key(),
        caller.clientAddress(),
        body == null ? -1 : body.length());
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

  private JsonNode parse(Buffer bytes) {
    try {
      return bytes.length() == 0 ? json.createObjectNode() : json.readTree(bytes.getBytes());
    } catch (IOException e) {
      return json.createObjectNode().put("message", bytes.toString());
    }
  }

  /** Carries one call in-process: a buffered JSON body out, a buffered or streamed answer back. */
  private final class InProcess implements Carrier {
    private final Presented presented;
    private final Buffer body;
    private final boolean stream;
    private final Promise<Answer> answer = Promise.promise();
    private final Promise<HttpClientResponse> streamed = Promise.promise();

    InProcess(Presented presented, Buffer body, boolean stream) {
      this.presented = presented;
      this.body = body;
      this.stream = stream;
    }

    @Override
    public boolean clientGone() {
      return presented.gone().getAsBoolean();
    }

    @Override
    public Future<ServiceAnswer> send(
        HttpClientRequest upstream, MultiMap gatewayHeaders, BodyLimit limit) {
      MultiMap headers = upstream.headers();
      headers.set("X-Forwarded-For", presented.clientAddress());
      headers.set("Accept", stream ? "text/event-stream" : "application/json");
      if (presented.key() != null) {
        headers.set("Authorization", "Bearer " + presented.key()); // a route without key
      }
      Carrier.overlay(headers, gatewayHeaders); // the caller's JWT where the route takes a key
      if (body != null) {
        headers.set("Content-Type", "application/json");
      }
      Future<HttpClientResponse> sent = body == null ? upstream.send() : upstream.send(body);
      return sent.map(
          response -> {
            response.pause(); // until the pipeline hands it on
            return new Answered(response);
          });
    }

    @Override
    public void refuse(Refusal refusal) {
      Answer refused = new Answer(refusal.status(), refusal.body(), refusal.headers());
      answer.tryComplete(refused);
      streamed.tryFail(new Refused(refused));
    }

    @Override
    public void abandon() {
      Answer gone =
          new Answer(
              Admission.CLIENT_GONE,
              json.createObjectNode().put("message", "The caller went away."),
              MultiMap.caseInsensitiveMultiMap());
      answer.tryComplete(gone);
      streamed.tryFail(new Refused(gone));
    }

    private final class Answered implements ServiceAnswer {
      private final HttpClientResponse response;

      Answered(HttpClientResponse response) {
        this.response = response;
      }

      @Override
      public int status() {
        return response.statusCode();
      }

      @Override
      public String header(String name) {
        return response.getHeader(name);
      }

      @Override
      public void deliver(MultiMap gatewayHeaders) {
        if (stream) {
          streamed.complete(response);
          return;
        }
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(response.headers());
        Carrier.overlay(headers, gatewayHeaders);
        response
            .body()
            .onSuccess(bytes -> answer.tryComplete(new Answer(status(), parse(bytes), headers)))
            .onFailure(
                broken ->
                    answer.tryComplete(
                        new Answer(
                            502,
                            json.createObjectNode()
                                .put("message", "The service's answer broke off."),
                            headers)));
        response.resume();
      }
    }
  }
}
