package dev.orbweaver.common.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.orbweaver.common.input.ControlCharacterModule;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Arrays;
import org.jboss.resteasy.reactive.common.util.StreamUtil;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveResourceInfo;
import org.jboss.resteasy.reactive.server.spi.ServerMessageBodyReader;
import org.jboss.resteasy.reactive.server.spi.ServerRequestContext;

/**
 * Reads the JSON bodies of every route a person can call (customers' dialects, the operator's admin
 * API) with the service's own {@link ObjectMapper} plus {@link ControlCharacterModule}, so that a
 * control character in any field is a 400 naming it rather than a 500 from PostgreSQL.
 *
 * <p>Routes only our own services may call ({@code @RolesAllowed("service")}) keep Quarkus' reader:
 * they carry page text, where a form feed is content. The mapper itself is not changed, since a
 * service also reads stored pages and the answers of outside services with it.
 */
@Provider
@ConstrainedTo(RuntimeType.SERVER)
@Consumes({MediaType.APPLICATION_JSON, "application/*+json"})
public class PublicJsonReader implements ServerMessageBodyReader<Object> {
  private final ObjectReader reader;

  @Inject
  public PublicJsonReader(ObjectMapper mapper) {
    this.reader = mapper.copy().registerModule(new ControlCharacterModule()).reader();
  }

  @Override
  public boolean isReadable(
      Class<?> type, Type genericType, ResteasyReactiveResourceInfo method, MediaType mediaType) {
    return method != null && !serviceOnly(method) && readable(type, mediaType);
  }

  @Override
  public boolean isReadable(
      Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
    // Without the resource method there are no roles to go by: Quarkus' reader takes these.
    return false;
  }

  @Override
  public Object readFrom(
      Class<Object> type, Type genericType, MediaType mediaType, ServerRequestContext context)
      throws IOException {
    return read(type, genericType, context.getInputStream());
  }

  @Override
  public Object readFrom(
      Class<Object> type,
      Type genericType,
      Annotation[] annotations,
      MediaType mediaType,
      MultivaluedMap<String, String> headers,
      InputStream body)
      throws IOException {
    return read(type, genericType, body);
  }

  /** As Quarkus reads a body: an empty one is null, for the resource to refuse in its words. */
  private Object read(Class<Object> type, Type genericType, InputStream body) throws IOException {
    if (StreamUtil.isEmpty(body)) {
      return null;
    }
    try {
      return reader
          .forType(reader.getTypeFactory().constructType(genericType != null ? genericType : type))
          .readValue(body);
    } catch (MismatchedInputException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("No content")) {
        return null;
      }
      throw e;
    }
  }

  private static boolean serviceOnly(ResteasyReactiveResourceInfo method) {
    RolesAllowed roles = method.getMethod().getAnnotation(RolesAllowed.class);
    if (roles == null) {
      roles = method.getResourceClass().getAnnotation(RolesAllowed.class);
    }
    return roles != null && Arrays.stream(roles.value()).allMatch("service"::equals);
  }

  private static boolean readable(Class<?> type, MediaType mediaType) {
    if (type == String.class || type == byte[].class || InputStream.class.isAssignableFrom(type)) {
      return false;
    }
    return mediaType == null
        || (mediaType.getType().equalsIgnoreCase("application")
            && (mediaType.getSubtype().equalsIgnoreCase("json")
                || mediaType.getSubtype().toLowerCase(java.util.Locale.ROOT).endsWith("+json")));
  }
}
