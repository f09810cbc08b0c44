package dev.orbweaver.common.web;

import dev.orbweaver.common.error.Dialect;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which dialect a request path speaks when no resource method took it (an unknown sub-path, a
 * method the path does not allow, a media type it does not take): the dialect of the resource whose
 * literal path prefix is longest, segment by segment, else the internal one. Built from the
 * resources' own {@link Path} and {@link SpeaksDialect}, so the table cannot drift from them.
 */
@Singleton
public class ResourceDialects {
  private record Prefix(String path, Dialect dialect) {}

  /** Longest first, so the first match is the best. */
  private final List<Prefix> prefixes;

  /** The service's REST resources: the beans whose class names a {@link Path}. */
  @Inject
  public ResourceDialects(BeanManager beans) {
    this(
        beans.getBeans(Object.class, Any.Literal.INSTANCE).stream()
            .<Class<?>>map(Bean::getBeanClass)
            .filter(c -> c.isAnnotationPresent(Path.class))
            .toList());
  }

  public ResourceDialects(Collection<Class<?>> resources) {
    Map<String, Dialect> byPath = new LinkedHashMap<>();
    for (Class<?> resource : resources) {
      Path onType = resource.getAnnotation(Path.class);
      if (onType == null) {
        continue;
      }
      Dialect typeDialect = declared(resource.getAnnotation(SpeaksDialect.class), Dialect.INTERNAL);
      byPath.putIfAbsent(literalPrefix(onType.value(), ""), typeDialect);
      for (Method method : resource.getMethods()) {
        Path onMethod = method.getAnnotation(Path.class);
        SpeaksDialect spoken = method.getAnnotation(SpeaksDialect.class);
        if (onMethod != null) {
          byPath.putIfAbsent(
              literalPrefix(onType.value(), onMethod.value()), declared(spoken, typeDialect));
        }
      }
    }
    List<Prefix> list = new ArrayList<>();
    byPath.forEach((path, dialect) -> list.add(new Prefix(path, dialect)));
    list.sort(Comparator.comparingInt((Prefix p) -> p.path().length()).reversed());
    this.prefixes = List.copyOf(list);
  }

  private static Dialect declared(SpeaksDialect spoken, Dialect otherwise) {
    return spoken != null ? spoken.value() : otherwise;
  }

  /** The dialect of the resource that owns the path; the internal one when none does. */
  public Dialect of(String path) {
    return owner(path).orElse(Dialect.INTERNAL);
  }

  /** The dialect of the resource that owns the path, if one does. */
  public java.util.Optional<Dialect> owner(String path) {
    String normalized = trimmed(path.startsWith("/") ? path : "/" + path);
    for (Prefix prefix : prefixes) {
      if (covers(prefix.path(), normalized)) {
        return java.util.Optional.of(prefix.dialect());
      }
    }
    return java.util.Optional.empty();
  }

  private static boolean covers(String prefix, String path) {
    return prefix.equals("/")
        || path.equals(prefix)
        || (path.startsWith(prefix) && path.charAt(prefix.length()) == '/');
  }

  /**
   * The whole segments of a resource's path before its first template: {@code /v1} + {@code
   * crawls/{id}/pages} is {@code /v1/crawls}.
   */
  static String literalPrefix(String typePath, String methodPath) {
    String joined = "/" + typePath + "/" + methodPath;
    int template = joined.indexOf('{');
    if (template >= 0) {
      joined = joined.substring(0, joined.lastIndexOf('/', template));
    }
    return trimmed(joined.replaceAll("/+", "/"));
  }

  private static String trimmed(String path) {
    String trimmed = path;
    while (trimmed.length() > 1 && trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    return trimmed.isEmpty() ? "/" : trimmed;
  }
}
