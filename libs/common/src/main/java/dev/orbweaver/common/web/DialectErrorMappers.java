package dev.orbweaver.common.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.orbweaver.common.error.ApiException;
import dev.orbweaver.common.error.Dialect;
import dev.orbweaver.common.error.ErrorKind;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure of a REST call into the envelope of the resource's dialect: our own {@link
 * ApiException}s, JSON that does not bind (naming the field), security refusals, unknown paths and
 * bugs.
 */
public class DialectErrorMappers {
  private static final Logger LOG = Logger.getLogger(DialectErrorMappers.class);
  private static final int BEFORE_BUILT_IN = jakarta.ws.rs.Priorities.USER - 100;

  /** What RESTEasy Reactive's body stream throws once a body passes the server's limit. */
  private static final String TOO_LARGE = "Request too large";

  private final Map<String, Dialect> dialects = new ConcurrentHashMap<>();
  private final ResourceDialects byPath;

  @Inject
  public DialectErrorMappers(ResourceDialects byPath) {
    this.byPath = byPath;
  }

  @ServerExceptionMapper(priority = BEFORE_BUILT_IN)
  public Response api(ApiException e, ResourceInfo resource, ContainerRequestContext request) {
    Dialect dialect = dialectOf(resource, request);
    return respond(dialect, dialect.status(e.kind()), dialect.body(e, requestId(request)));
  }

  @ServerExceptionMapper(priority = BEFORE_BUILT_IN)
  public Response json(
      JsonProcessingException e, ResourceInfo resource, ContainerRequestContext request) {
    return error(resource, request, ErrorKind.VALIDATION, describe(e));
  }

  /**
   * Quarkus maps this subtype itself (an empty 400); naming it here keeps wrong-typed fields, such
   * as a string where a number belongs, in the dialect's envelope.
   */
  @ServerExceptionMapper(priority = BEFORE_BUILT_IN)
  public Response mismatched(
      MismatchedInputException e, ResourceInfo resource, ContainerRequestContext request) {
    return error(resource, request, ErrorKind.VALIDATION, describe(e));
  }

  @ServerExceptionMapper(priority = BEFORE_BUILT_IN)
  public Response unauthorized(
      UnauthorizedException e, ResourceInfo resource, ContainerRequestContext request) {
    return error(resource, request, ErrorKind.AUTH_MISSING, "A valid token is required.");
  }

  @ServerExceptionMapper(priority = BEFORE_BUILT_IN)
  public Response authenticationFailed(
      AuthenticationFailedException e, ResourceInfo resource, ContainerRequestContext request) {
    return error(resource, request, ErrorKind.AUTH_INVALID, "The token is invalid or expired.");
  }

  @ServerExceptionMapper(priority = BEFORE_BUILT_IN)
  public Response forbidden(
      ForbiddenException e, ResourceInfo resource, ContainerRequestContext request) {
    return error(resource, request, ErrorKind.FORBIDDEN, "This caller may not do that.");
  }

  @ServerExceptionMapper(priority = BEFORE_BUILT_IN)
  public Response web(
      WebApplicationException e, ResourceInfo resource, ContainerRequestContext request) {
    int status = e.getResponse().getStatus();
    ErrorKind kind =
        switch (status) {
          case 400, 405, 406, 411, 413, 414, 415 -> ErrorKind.VALIDATION;
          case 401 -> ErrorKind.AUTH_MISSING;
          case 403 -> ErrorKind.FORBIDDEN;
          case 404 -> ErrorKind.NOT_FOUND;
          case 409 -> ErrorKind.CONFLICT;
          case 429 -> ErrorKind.RATE_LIMITED;
          case 502 -> ErrorKind.BAD_GATEWAY;
          case 503 -> ErrorKind.UNAVAILABLE;
          default -> status >= 500 ? ErrorKind.INTERNAL : ErrorKind.VALIDATION;
        };
    Dialect dialect = dialectOf(resource, request);
    String message =
        status == 404 && resource.getResourceMethod() == null ? "No such path." : e.getMessage();
    return respond(dialect, status, dialect.body(kind, message, requestId(request)));
  }

  @ServerExceptionMapper(priority = BEFORE_BUILT_IN + 1)
  public Response bug(Throwable e, ResourceInfo resource, ContainerRequestContext request) {
    if (e instanceof IOException && TOO_LARGE.equals(e.getMessage())) {
      // a chunked body passed the server's limit: Quarkus has answered 413 already; no bug
      return error(resource, request, ErrorKind.VALIDATION, "Request body too large.");
    }
    String requestId = requestId(request);
    LOG.errorf(e, "Unhandled error in request %s", requestId);
    return error(resource, request, ErrorKind.INTERNAL, "Internal error; quote " + requestId + ".");
  }

  private Response error(
      ResourceInfo resource, ContainerRequestContext request, ErrorKind kind, String message) {
    Dialect dialect = dialectOf(resource, request);
    return respond(dialect, dialect.status(kind), dialect.body(kind, message, requestId(request)));
  }

  private static Response respond(Dialect dialect, int status, Object body) {
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
  }

  private static String requestId(ContainerRequestContext request) {
    return RequestIdFilters.requestId(request);
  }

  /**
   * The dialect named on the method, else on its class. When no method took the request (a path,
   * method or media type no resource serves): the dialect of the resource that owns the path, else
   * the one the gateway names for the route, else the internal one.
   */
  Dialect dialectOf(ResourceInfo resource, ContainerRequestContext request) {
    if (resource == null || resource.getResourceMethod() == null) {
      if (request == null) {
        return Dialect.INTERNAL;
      }
      return byPath
          .owner(request.getUriInfo().getPath())
          .or(() -> Dialect.named(request.getHeaderString(Dialect.HEADER)))
          .orElse(Dialect.INTERNAL);
    }
    Method method = resource.getResourceMethod();
    return dialects.computeIfAbsent(method.toGenericString(), k -> resolve(resource, method));
  }

  private static Dialect resolve(ResourceInfo resource, Method method) {
    SpeaksDialect onMethod = method.getAnnotation(SpeaksDialect.class);
    if (onMethod != null) {
      return onMethod.value();
    }
    SpeaksDialect onType = resource.getResourceClass().getAnnotation(SpeaksDialect.class);
    return onType != null ? onType.value() : Dialect.INTERNAL;
  }

  /** "field 'limit': expected an integer" rather than Jackson's stack of class names. */
  static String describe(JsonProcessingException e) {
    if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      String field =
          mapping.getPath().stream()
              .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
              .collect(Collectors.joining("."))
              .replace(".[", "[");
      return "Invalid value for field '" + field + "': " + plain(e.getOriginalMessage());
    }
    return "Request body is not valid JSON: " + plain(e.getOriginalMessage());
  }

  private static String plain(String message) {
    if (message == null) {
      return "malformed";
    }
    // Jackson names Java types; callers know JSON types.
    return message
        .replaceAll("`[a-zA-Z0-9_.$]*\\.([A-Za-z0-9_$]+)`", "$1")
        .replace("java.lang.", "")
        .lines()
        .findFirst()
        .orElse(message);
  }
}
