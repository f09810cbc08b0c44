package dev.orbweaver.gateway.console;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The console's scripts and stylesheet, under /console/assets: htmx and Chart.js from their jars
 * (mvnpm, WebJars; the versions are the pom's), the console's own CSS and JS from
 * resources/console. Read once at start; nothing is fetched at run time. A fixed list, so no other
 * class-path resource is reachable through this route.
 */
@ApplicationScoped
public class ConsoleAssets {
  private static final Map<String, String> FILES =
      Map.of(
          "htmx.min.js", "META-INF/resources/_static/htmx.org/2.0.2/dist/htmx.min.js",
          "chart.umd.min.js", "META-INF/resources/webjars/chart.js/4.5.1/dist/chart.umd.min.js",
          "console.js", "console/console.js",
          "console.css", "console/console.css");

  private final Map<String, Asset> assets;

  public ConsoleAssets() {
    assets =
        Map.copyOf(
            FILES.entrySet().stream()
                .collect(
                    java.util.stream.Collectors.toMap(
                        Map.Entry::getKey, e -> load(e.getKey(), e.getValue()))));
  }

  void register(@Observes Router router) {
    router.get("/console/assets/:name").order(-100).handler(this::serve);
  }

  void serve(RoutingContext context) {
    Asset asset = assets.get(context.pathParam("name"));
    if (asset == null) {
      context.response().setStatusCode(404).end();
      return;
    }
    context
        .response()
        .putHeader("Content-Type", asset.type())
        .putHeader("Cache-Control", "public, max-age=300")
        .putHeader("X-Content-Type-Options", "nosniff")
        .end(asset.bytes().copy()); // a copy: the response may consume what it is given
  }

  private static Asset load(String name, String resource) {
    try (InputStream in =
        Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("console asset missing from the class path: " + resource);
      }
      String type =
          name.endsWith(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8";
      return new Asset(Buffer.buffer(in.readAllBytes()), type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private record Asset(Buffer bytes, String type) {}
}
