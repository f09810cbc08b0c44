package dev.orbweaver.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orbweaver.gateway.route.GatewayConfig;
import dev.orbweaver.gateway.route.RouteTable;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.jboss.logging.Logger;

/**
 * The platform's merged OpenAPI document, built on first demand from every routed service's own
 * document (on its management interface) and kept for a while (briefly while a service is missing,
 * so that a gateway that came up first soon serves the whole document). Nothing is fetched from
 * outside the platform.
 */
@ApplicationScoped
public class MergedDocument {
  private static final Logger LOG = Logger.getLogger(MergedDocument.class);

  /** CRW's published document (seed 003), kept verbatim: the contract of its paths. */
  static final String CRW_CONTRACT = "openapi/crw-0.10.json";

  /** The gateway's own endpoints. */
  static final String GATEWAY = "openapi/gateway.json";

  private final GatewayConfig gateway;
  private final OpenApiConfig config;
  private final RouteTable routes;
  private final ObjectMapper json;
  private final HttpClient http;
  private final Clock clock = Clock.systemUTC();
  private volatile Cached cached;
  private volatile Future<ObjectNode> building;

  @Inject
  public MergedDocument(
      Vertx vertx,
      GatewayConfig gateway,
      OpenApiConfig config,
      RouteTable routes,
      ObjectMapper json) {
    this.gateway = gateway;
    this.config = config;
    this.routes = routes;
    this.json = json;
    this.http = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(2000));
  }

  private record Cached(ObjectNode document, Instant until) {}

  /** The merged document; shared by concurrent callers while it is being built. */
  public synchronized Future<ObjectNode> get() {
    Cached current = cached;
    if (current != null && clock.instant().isBefore(current.until())) {
      return Future.succeededFuture(current.document());
    }
    if (building == null) {
      building = build().onComplete(done -> clearBuilding());
    }
    return building;
  }

  private synchronized void clearBuilding() {
    building = null;
  }

  private Future<ObjectNode> build() {
    List<String> services = new ArrayList<>(new TreeSet<>(routes.services()));
    List<Future<JsonNode>> fetched = new ArrayList<>();
    services.forEach(service -> fetched.add(fetch(service)));
    return Future.join(fetched)
        .transform(
            done -> {
              List<OpenApiMerger.Source> sources = new ArrayList<>();
              sources.add(
                  new OpenApiMerger.Source(
                      "crw", resource(CRW_CONTRACT), OpenApiMerger.Kind.CONTRACT));
              sources.add(
                  new OpenApiMerger.Source(
                      "gateway", resource(GATEWAY), OpenApiMerger.Kind.GATEWAY));
              List<String> missing = new ArrayList<>();
              for (int i = 0; i < services.size(); i++) {
                if (fetched.get(i).succeeded()) {
                  sources.add(
                      new OpenApiMerger.Source(
                          services.get(i), fetched.get(i).result(), OpenApiMerger.Kind.SERVICE));
                } else {
                  missing.add(services.get(i));
                  LOG.warnf(
                      "OpenAPI document of %s unavailable: %s",
                      services.get(i), fetched.get(i).cause().getMessage());
                }
              }
              ObjectNode merged = new OpenApiMerger(routes).merge(config.version(), sources);
              if (!missing.isEmpty()) {
                merged
                    .putArray("x-orbweaver-missing-services")
                    .addAll(missing.stream().map(json.getNodeFactory()::textNode).toList());
              }
              Instant until =
                  clock
                      .instant()
                      .plus(missing.isEmpty() ? config.keepFor() : config.keepIncompleteFor());
              cached = new Cached(merged, until);
              return Future.succeededFuture(merged);
            });
  }

  private Future<JsonNode> fetch(String service) {
    URI base = URI.create(gateway.services().get(service).managementUrl());
    return http.request(
            new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setHost(base.getHost())
                .setPort(base.getPort())
                .setURI(config.servicePath())
                .setTimeout(config.fetchTimeout().toMillis())
                .putHeader("Accept", "application/json"))
        .compose(request -> request.send())
        .compose(
            response -> {
              if (response.statusCode() != 200) {
                return Future.failedFuture("HTTP " + response.statusCode());
              }
              return response.body();
            })
        .map(
            body -> {
              try {
                return json.readTree(body.getBytes());
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
  }

  JsonNode resource(String name) {
    try (InputStream in =
        Thread.currentThread().getContextClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return json.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
