package dev.orbweaver.gateway.health;

import dev.orbweaver.gateway.route.GatewayConfig;
import dev.orbweaver.gateway.route.RouteTable;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.redis.client.RedisAPI;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * The platform's readiness as the seeds define {@code /v1/ready}: PostgreSQL and Redis reachable
 * and every service behind the gateway ready (its {@code /q/health/ready} on its management
 * interface). Each part answers within two seconds or counts as down.
 */
@ApplicationScoped
public class Readiness {
  private static final long TIMEOUT_MS = 2000;

  private final Vertx vertx;
  private final RedisAPI redis;
  private final DataSource database;
  private final HttpClient http;
  private final Map<String, URI> services = new LinkedHashMap<>();

  @Inject
  public Readiness(
      Vertx vertx, RedisAPI redis, DataSource database, GatewayConfig config, RouteTable routes) {
    this.vertx = vertx;
    this.redis = redis;
    this.database = database;
    this.http = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout((int) TIMEOUT_MS));
    for (String service : new TreeSet<>(routes.services())) {
      services.put(service, URI.create(config.services().get(service).managementUrl()));
    }
  }

  /** Component name → up. */
  public Future<Map<String, Boolean>> check() {
    Map<String, Future<Boolean>> checks = new LinkedHashMap<>();
    checks.put("postgres", postgres());
    checks.put("redis", redisUp());
    services.forEach((name, uri) -> checks.put(name, serviceReady(uri)));
    List<Future<Boolean>> all = new ArrayList<>(checks.values());
    return Future.join(all)
        .transform(
            ignored -> {
              Map<String, Boolean> result = new LinkedHashMap<>();
              checks.forEach((name, f) -> result.put(name, f.succeeded() && f.result()));
              return Future.succeededFuture(result);
            });
  }

  private Future<Boolean> postgres() {
    return vertx.executeBlocking(
        () -> {
          try (var connection = database.getConnection()) {
            return connection.isValid((int) (TIMEOUT_MS / 1000));
          }
        },
        false);
  }

  private Future<Boolean> redisUp() {
    return redis
        .ping(List.of())
        .map(reply -> "PONG".equalsIgnoreCase(reply.toString()))
        .timeout(TIMEOUT_MS, java.util.concurrent.TimeUnit.MILLISECONDS)
        .otherwise(false);
  }

  private Future<Boolean> serviceReady(URI uri) {
    return http.request(
            new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setHost(uri.getHost())
                .setPort(uri.getPort())
                .setURI("/q/health/ready")
                .setTimeout(TIMEOUT_MS))
        .compose(request -> request.send())
        .compose(response -> response.body().map(b -> response.statusCode() == 200))
        .otherwise(false);
  }
}
