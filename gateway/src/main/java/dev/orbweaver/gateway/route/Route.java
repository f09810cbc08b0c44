package dev.orbweaver.gateway.route;

import dev.orbweaver.common.error.Dialect;
import java.util.Optional;
import java.util.Set;

/**
 * One line of the route table: a path prefix, the service behind it, the dialect its errors speak,
 * the quota it spends, which calls pass the burst limiter, and the largest body it takes.
 */
public record Route(
    String name,
    String prefix,
    String service,
    Dialect dialect,
    Optional<String> resource,
    Set<String> meteredMethods,
    Set<String> burstLimitedMethods,
    long bodyLimit,
    boolean requiresKey,
    Optional<String> rewrite) {

  /** The quota a call with this method spends, if any. */
  public Optional<String> meteredResource(String method) {
    return meteredMethods.isEmpty() || meteredMethods.contains(method)
        ? resource
        : Optional.empty();
  }

  /** Whether a call with this method passes the IP burst limiter: metered calls always do. */
  public boolean burstLimited(String method) {
    return burstLimitedMethods.contains(method) || meteredResource(method).isPresent();
  }

  /** Whether the path is this prefix or lies below it, segment by segment. */
  boolean matches(String path) {
    return path.equals(prefix)
        || (path.startsWith(prefix)
            && (prefix.endsWith("/") || path.charAt(prefix.length()) == '/'));
  }

  /** The path and query the service sees, from the matched (normalized) path. */
  public String forwardedUri(String path, String query) {
    String forwarded = rewrite.map(r -> r + path.substring(prefix.length())).orElse(path);
    return query == null ? forwarded : forwarded + "?" + query;
  }
}
