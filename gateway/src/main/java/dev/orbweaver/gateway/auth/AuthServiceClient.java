package dev.orbweaver.gateway.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orbweaver.common.service.ServiceTokens;
import dev.orbweaver.gateway.route.GatewayConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * auth-service as the gateway calls it: non-blocking, on the event loop, with the gateway's own
 * service token (renewed off the event loop, since {@link ServiceTokens} blocks).
 */
@ApplicationScoped
public class AuthServiceClient {
  private final Vertx vertx;
  private final HttpClient http;
  private final ObjectMapper json;
  private final ServiceTokens serviceTokens;
  private final String host;
  private final int port;
  private final AtomicReference<CachedToken> token = new AtomicReference<>();

  @Inject
  public AuthServiceClient(
      Vertx vertx, ObjectMapper json, ServiceTokens serviceTokens, GatewayConfig config) {
    this(vertx, json, serviceTokens, URI.create(config.services().get("auth-service").url()));
  }

  AuthServiceClient(Vertx vertx, ObjectMapper json, ServiceTokens serviceTokens, URI base) {
    this.vertx = vertx;
    this.json = json;
    this.serviceTokens = serviceTokens;
    this.host = base.getHost();
    this.port = base.getPort();
    this.http =
        vertx.createHttpClient(
            new HttpClientOptions().setKeepAlive(true).setConnectTimeout(2000).setIdleTimeout(60),
            new PoolOptions().setHttp1MaxSize(64).setMaxWaitQueueSize(10_000));
  }

  /** POSTs a JSON body; the answer is the status and the parsed body, whatever the status. */
  public Future<Answer> post(String path, Object body) {
    return call(HttpMethod.POST, path, body);
  }

  public Future<Answer> get(String path) {
    return call(HttpMethod.GET, path, null);
  }

  private Future<Answer> call(HttpMethod method, String path, Object body) {
    return authorization()
        .compose(
            authorization ->
                http.request(
                    new RequestOptions()
                        .setMethod(method)
                        .setHost(host)
                        .setPort(port)
                        .setURI(path)
                        .setTimeout(10_000)
                        .putHeader("Authorization", authorization)
                        .putHeader("Content-Type", "application/json")))
        .compose(request -> body == null ? request.send() : request.send(encode(body)))
        .compose(response -> response.body().map(b -> new Answer(response.statusCode(), parse(b))));
  }

  private Future<String> authorization() {
    CachedToken cached = token.get();
    if (cached != null && Instant.now().isBefore(cached.renewAfter())) {
      return Future.succeededFuture(cached.header());
    }
    return vertx.executeBlocking(
        () -> {
          String header = serviceTokens.authorization();
          // ServiceTokens renews a minute before expiry; asking it again every 30 s is cheap.
          token.set(new CachedToken(header, Instant.now().plusSeconds(30)));
          return header;
        },
        false);
  }

  private Buffer encode(Object body) {
    try {
      return Buffer.buffer(json.writeValueAsBytes(body));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private JsonNode parse(Buffer body) {
    try {
      return body.length() == 0 ? json.createObjectNode() : json.readTree(body.getBytes());
    } catch (IOException e) {
      return json.createObjectNode();
    }
  }

  /** An answer of auth-service: status and body. */
  public record Answer(int status, JsonNode body) {}

  private record CachedToken(String header, Instant renewAfter) {}
}
