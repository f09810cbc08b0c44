package dev.orbweaver.gateway.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orbweaver.common.id.RequestIds;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Serves the merged document at {@code /openapi.json} and CrawlGraph's part of it at CrawlGraph's
 * {@code /api/v1/openapi.json}, with the gateway's own address as the server, so that Swagger UI at
 * {@code /docs} (quarkus-swagger-ui, pointed here) tries calls against the gateway.
 */
@ApplicationScoped
public class OpenApiRoutes {
  private final MergedDocument document;
  private final ObjectMapper json;

  @Inject
  public OpenApiRoutes(MergedDocument document, ObjectMapper json) {
    this.document = document;
    this.json = json;
  }

  void register(@Observes Router router) {
    router.get("/openapi.json").handler(context -> serve(context, false));
    router.get("/api/v1/openapi.json").handler(context -> serve(context, true));
  }

  void serve(RoutingContext context, boolean crawlGraphOnly) {
    HttpServerRequest request = context.request();
    String requestId = RequestIds.acceptOrGenerate(request.getHeader(RequestIds.HEADER));
    document
        .get()
        .onSuccess(
            whole -> {
              ObjectNode merged = crawlGraphOnly ? CrawlGraphDocument.of(whole) : whole;
              // Read-only: the answer shares the cached document's nodes.
              ObjectNode answer = json.createObjectNode();
              answer.set("openapi", merged.get("openapi"));
              answer.set("info", merged.get("info"));
              String server =
                  (request.scheme() == null ? "http" : request.scheme())
                      + "://"
                      + (request.authority() == null ? "localhost" : request.authority());
              answer
                  .putArray("servers")
                  .addObject()
                  .put("url", server)
                  .put("description", "This gateway");
              merged.fields().forEachRemaining(f -> answer.putIfAbsent(f.getKey(), f.getValue()));
              try {
                context
                    .response()
                    .putHeader("Content-Type", "application/json")
                    .putHeader(RequestIds.HEADER, requestId)
                    .end(json.writeValueAsString(answer));
              } catch (JsonProcessingException e) {
                context.fail(e);
              }
            })
        .onFailure(context::fail);
  }
}
