package dev.orbweaver.gateway.admission;

import dev.orbweaver.gateway.route.GatewayConfig;
import io.netty.channel.EventLoop;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Connections to the services behind the gateway, pooled per event loop. */
@ApplicationScoped
public class Upstreams {
  private final Vertx vertx;
  private final HttpClientOptions options;
  private final PoolOptions pool;
  private final long timeoutMs;
  private final Map<String, SocketAddress> services = new HashMap<>();

  /**
   * One client per event loop: its pooled connections live on the loop that serves the client's
   * request, so a call never hops between threads (a selector wake-up each way).
   */
  private final Map<EventLoop, HttpClient> clients = new ConcurrentHashMap<>();

  @Inject
  public Upstreams(Vertx vertx, GatewayConfig config) {
    this.vertx = vertx;
    this.timeoutMs = config.upstreamTimeout().toMillis();
    this.options =
        new HttpClientOptions()
            .setKeepAlive(true)
            .setConnectTimeout(2000)
            .setIdleTimeout(60)
            .setDecompressionSupported(false);
    // Event-loop size 0: a client's connections open on the loop that asks, which is its own loop.
    this.pool =
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

  /** A request to a service, connected and not yet sent. */
  public Future<HttpClientRequest> open(String service, HttpMethod method, String uri) {
    SocketAddress target = services.get(service);
    return client()
        .request(
            new RequestOptions()
                .setServer(target)
                .setHost(target.host())
                .setPort(target.port())
                .setMethod(method)
                .setURI(uri)
                .setIdleTimeout(timeoutMs));
  }

  private HttpClient client() {
    EventLoop loop = ((ContextInternal) vertx.getOrCreateContext()).nettyEventLoop();
    return clients.computeIfAbsent(loop, l -> vertx.createHttpClient(options, pool));
  }
}
