package dev.orbweaver.gateway.proxy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orbweaver.common.error.Dialect;
import dev.orbweaver.common.error.ErrorKind;
import io.vertx.core.http.HttpServerResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Errors the gateway raises itself, in the envelope of the route's dialect. */
@ApplicationScoped
public class ErrorResponses {
  private final ObjectMapper json;

  @Inject
  public ErrorResponses(ObjectMapper json) {
    this.json = json;
  }

  public void send(
      HttpServerResponse response,
      Dialect dialect,
      ErrorKind kind,
      String message,
      String requestId) {
    send(response, dialect.status(kind), dialect.body(kind, message, requestId), requestId);
  }

  /** An error body already in the route's envelope, with its status. */
  public void send(HttpServerResponse response, int status, ObjectNode body, String requestId) {
    if (response.headWritten()) {
      response.reset(); // the answer had begun: all we can still say is that it broke
      return;
    }
    try {
      response
          .setStatusCode(status)
          .putHeader(dev.orbweaver.common.id.RequestIds.HEADER, requestId)
          .putHeader("Content-Type", "application/json")
          .end(json.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
