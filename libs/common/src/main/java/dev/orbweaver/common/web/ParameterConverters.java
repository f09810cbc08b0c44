package dev.orbweaver.common.web;

import dev.orbweaver.common.input.ControlCharacters;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Locale;
import java.util.function.Function;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Converts query and path parameters with errors in the route's envelope. JAX-RS answers a query
 * parameter that does not convert ({@code limit=abc}) with a bare 404; here it is a 400 naming the
 * parameter. A path parameter that cannot be what it names ({@code %00}, {@code abc} for a number)
 * is a 404: no such thing exists. Neither may carry {@link ControlCharacters}.
 */
@Provider
@ConstrainedTo(RuntimeType.SERVER)
public class ParameterConverters implements ParamConverterProvider {

  @Override
  @SuppressWarnings("unchecked")
  public <T> ParamConverter<T> getConverter(
      Class<T> rawType, Type genericType, Annotation[] annotations) {
    Parameter parameter = Parameter.of(annotations);
    if (parameter == null) {
      return null;
    }
    Function<String, ?> parse;
    if (rawType == String.class) {
      parse = value -> value;
    } else if (rawType == int.class || rawType == Integer.class) {
      parse = parameter.number(Integer::valueOf, "a whole number");
    } else if (rawType == long.class || rawType == Long.class) {
      parse = parameter.number(Long::valueOf, "a whole number");
    } else if (rawType == double.class || rawType == Double.class) {
      parse = parameter.number(Double::valueOf, "a number");
    } else if (rawType == boolean.class || rawType == Boolean.class) {
      parse = parameter::bool;
    } else {
      return null;
    }
    return (ParamConverter<T>) new Checked<>(parameter, parse);
  }

  private record Checked<T>(Parameter parameter, Function<String, T> parse)
      implements ParamConverter<T> {
    @Override
    public T fromString(String value) {
      if (value == null) {
        return null;
      }
      int at = ControlCharacters.firstForbidden(value);
      if (at >= 0) {
        throw parameter.refused(ControlCharacters.refusal(value, at));
      }
      return parse.apply(value);
    }

    @Override
    public String toString(T value) {
      return value == null ? null : value.toString();
    }
  }

  /** A query or path parameter, by the name the caller spells. */
  private record Parameter(String name, boolean inPath) {
    static Parameter of(Annotation[] annotations) {
      if (annotations == null) {
        return null;
      }
      for (Annotation a : annotations) {
        if (a instanceof QueryParam q) {
          return new Parameter(q.value(), false);
        } else if (a instanceof RestQuery q) {
          return new Parameter(q.value(), false);
        } else if (a instanceof PathParam p) {
          return new Parameter(p.value(), true);
        } else if (a instanceof RestPath p) {
          return new Parameter(p.value(), true);
        }
      }
      return null;
    }

    <N> Function<String, N> number(Function<String, N> parse, String expected) {
      return value -> {
        try {
          return parse.apply(value);
        } catch (NumberFormatException e) {
          throw refused("expected " + expected);
        }
      };
    }

    Boolean bool(String value) {
      return switch (value.toLowerCase(Locale.ROOT)) {
        case "true" -> true;
        case "false" -> false;
        default -> throw refused("expected true or false");
      };
    }

    WebApplicationException refused(String why) {
      if (inPath) {
        return new NotFoundException("Not found.");
      }
      String label = name.isEmpty() ? "a query parameter" : "query parameter '" + name + "'";
      return new BadRequestException("Invalid value for " + label + ": " + why);
    }
  }
}
