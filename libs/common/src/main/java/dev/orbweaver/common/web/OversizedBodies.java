package dev.orbweaver.common.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orbweaver.common.error.ApiException;
import dev.orbweaver.common.error.Dialect;
import dev.orbweaver.common.error.ErrorKind;
import dev.orbweaver.common.id.RequestIds;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A body whose declared length is over the server's limit is refused before any of it is read, with
 * a 413 in the path's envelope: Quarkus would read up to the limit and answer an empty 413. A
 * chunked body that passes the limit still gets Quarkus' empty 413 (it reads the body itself); the
 * gateway's lower limits answer such bodies before they reach a service.
 */
@ApplicationScoped
public class OversizedBodies {
  /** After the gateway's own handler, which answers routed paths itself; before REST. */
  private static final int ORDER = -500;

  private final ResourceDialects dialects;
  private final long limit;

  @Inject
  public OversizedBodies(
      ResourceDialects dialects,
      @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K")
          MemorySize limit) {
    this.dialects = dialects;
    this.limit = limit.asLongValue();
  }

  void register(@Observes Router router) {
    router.route().order(ORDER).handler(this::check);
  }

  void check(RoutingContext context) {
    String declared = context.request().getHeader("Content-Length");
    if (declared == null || !over(declared)) {
      context.next();
      return;
    }
    String requestId = RequestIds.acceptOrGenerate(context.request().getHeader(RequestIds.HEADER));
    Dialect dialect = dialects.of(context.normalizedPath());
    String message = "Request body too large; this server takes at most " + limit + " bytes.";
    JsonNode body =
        dialect.body(
            new ApiException(ErrorKind.VALIDATION, "payload_too_large", message, Map.of()),
            requestId);
    context
        .response()
        .setStatusCode(413)
        .putHeader(RequestIds.HEADER, requestId)
        .putHeader("Content-Type", "application/json")
        // the body is not read: the connection cannot carry another request after it
        .putHeader("Connection", "close")
        .end(body.toString())
        .onComplete(sent -> context.request().connection().close());
  }

  private boolean over(String declared) {
    try {
      return Long.parseLong(declared.trim()) > limit;
    } catch (NumberFormatException e) {
      return false; // Vert.x refuses a malformed length itself
    }
  }
}
