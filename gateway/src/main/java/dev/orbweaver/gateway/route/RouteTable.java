package dev.orbweaver.gateway.route;

import dev.orbweaver.common.error.Dialect;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The route table from configuration; the longest matching prefix wins. */
@ApplicationScoped
public class RouteTable {
  private final List<Route> routes;

  @Inject
  public RouteTable(GatewayConfig config) {
    this(
        config.routes().entrySet().stream()
            .map(
                e -> {
                  GatewayConfig.RouteConfig r = e.getValue();
                  if (!config.services().containsKey(r.service())) {
                    throw new IllegalStateException(
                        "route " + e.getKey() + " names unknown service " + r.service());
                  }
                  return new Route(
                      e.getKey(),
                      r.prefix(),
                      r.service(),
                      Dialect.of(r.dialect()),
                      r.resource(),
                      methods(r.meteredMethods()),
                      methods(r.burstLimitedMethods()),
                      r.bodyLimit().orElse(config.defaultBodyLimit()).asLongValue(),
                      !"none".equals(r.auth()),
                      r.rewrite());
                })
            .toList());
  }

  private static Set<String> methods(Optional<List<String>> configured) {
    return configured.orElse(List.of()).stream()
        .map(m -> m.toUpperCase(Locale.ROOT))
        .collect(Collectors.toSet());
  }

  public RouteTable(List<Route> routes) {
    this.routes =
        routes.stream()
            .sorted(Comparator.comparingInt((Route r) -> r.prefix().length()).reversed())
            .toList();
  }

  public Optional<Route> match(String path) {
    for (Route route : routes) {
      if (route.matches(path)) {
        return Optional.of(route);
      }
    }
    return Optional.empty();
  }

  public List<Route> all() {
    return routes;
  }

  /** Services that some route forwards to. */
  public Set<String> services() {
    return routes.stream().map(Route::service).collect(Collectors.toSet());
  }
}
