package dev.orbweaver.common.web;

import dev.orbweaver.common.id.RequestIds;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Takes the request id the gateway assigned (or makes one for direct calls), puts it in the log
 * context and echoes it on the response.
 */
public class RequestIdFilters {
  static final String PROPERTY = "orbweaver.request-id";

  @ServerRequestFilter(preMatching = true)
  public void assign(ContainerRequestContext request) {
    String id = RequestIds.acceptOrGenerate(request.getHeaderString(RequestIds.HEADER));
    request.setProperty(PROPERTY, id);
    MDC.put(RequestIds.MDC_KEY, id);
  }

  @ServerResponseFilter
  public void echo(ContainerRequestContext request, ContainerResponseContext response) {
    response.getHeaders().putSingle(RequestIds.HEADER, requestId(request));
  }

  /** The id of the current request, assigned by {@link #assign}. */
  public static String requestId(ContainerRequestContext request) {
    Object id = request.getProperty(PROPERTY);
    return id != null ? id.toString() : RequestIds.acceptOrGenerate(null);
  }
}
