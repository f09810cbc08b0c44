package dev.orbweaver.gateway.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orbweaver.common.id.RequestIds;
import dev.orbweaver.gateway.call.PublicApi;
import dev.orbweaver.gateway.console.session.Session;
import dev.orbweaver.gateway.limit.ClientAddress;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The public API as the signed-in browser's client: every console page calls exactly the routes an
 * HTTP client would, with the session's credential, through {@link PublicApi} (key check, burst
 * limit on the browser's address, quotas). Failures come back as answers, never as exceptions, so a
 * page can say in plain words what went wrong.
 */
@ApplicationScoped
public class ConsoleApi {
  private final PublicApi api;
  private final CurrentVertxRequest current;
  private final ClientAddress clients;
  private final ObjectMapper json;

  @Inject
  public ConsoleApi(
      PublicApi api, CurrentVertxRequest current, ClientAddress clients, ObjectMapper json) {
    this.api = api;
    this.current = current;
    this.clients = clients;
    this.json = json;
  }

  public PublicApi.Answer get(Session session, String pathAndQuery) {
    return call(session, HttpMethod.GET, pathAndQuery, null);
  }

  public PublicApi.Answer post(Session session, String path, Object body) {
    return call(session, HttpMethod.POST, path, body);
  }

  public PublicApi.Answer delete(Session session, String path) {
    return call(session, HttpMethod.DELETE, path, null);
  }

  private PublicApi.Answer call(Session session, HttpMethod method, String path, Object body) {
    try {
      return api.call(presented(session.credential()), method, path, body);
    } catch (IllegalStateException e) {
      return new PublicApi.Answer(
          503,
          json.createObjectNode().put("message", "The platform did not answer in time."),
          MultiMap.caseInsensitiveMultiMap());
    }
  }

  /** The credential as presented by this browser, for its burst-limit bucket. */
  public PublicApi.Presented presented(String credential) {
    RoutingContext context = current.getCurrent();
    if (context == null) {
      return new PublicApi.Presented(credential, "unknown", RequestIds.generate());
    }
    HttpServerResponse browser = context.response();
    return new PublicApi.Presented(
        credential, clients.of(context.request()), RequestIds.generate(), browser::closed);
  }

  /** The browser's address, as the burst limiter counts it. */
  public String clientAddress(HttpServerRequest request) {
    return clients.of(request);
  }

  /** What went wrong, in the words a person reads: the API's own message, and what to do. */
  public static String problem(PublicApi.Answer answer) {
    JsonNode body = answer.body();
    String message = body.path("message").asText("");
    if (message.isEmpty()) {
      message = body.path("error").path("message").asText("");
    }
    if (message.isEmpty()) {
      message = body.path("detail").asText("");
    }
    if (message.isEmpty() && body.path("error").isTextual()) {
      message = body.path("error").asText();
    }
    String what =
        switch (answer.status()) {
          case 400, 422 -> "The request was refused: ";
          case 401, 403 -> "Not allowed: ";
          case 404 -> "Not found: ";
          case 409 -> "Conflict: ";
          case 429 -> "Limit reached: ";
          case 502, 503, 504 -> "Temporarily unavailable: ";
          default -> "The platform answered " + answer.status() + ": ";
        };
    String retry = answer.retryAfter().map(s -> " Try again in " + s + " seconds.").orElse("");
    return what + (message.isEmpty() ? "no details given." : message) + retry;
  }

  public static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
