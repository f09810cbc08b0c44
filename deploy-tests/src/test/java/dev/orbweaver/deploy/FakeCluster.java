package dev.orbweaver.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The few Kubernetes API calls a chart's {@code lookup} makes, answered on loopback.
 *
 * <p>helm-java renders with Helm's dry-run option "none", under which {@code lookup} asks the
 * cluster in $KUBECONFIG instead of answering empty as the helm CLI's template does. The surefire
 * configuration points KUBECONFIG at a file this class writes, so that lookups reach this server: a
 * Secret put here is what an earlier install left in the cluster, and any other is not found. One
 * server serves the whole test JVM because KUBECONFIG is fixed for the process.
 */
final class FakeCluster {
  private static final ObjectMapper JSON = new JsonMapper();

  private final Map<String, Map<String, String>> secrets = new ConcurrentHashMap<>();
  private final HttpServer server;

  private FakeCluster() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::answer);
    server.start();
    writeKubeconfig(server.getAddress().getPort());
  }

  private static final class Holder {
    static final FakeCluster INSTANCE = new FakeCluster();
  }

  static FakeCluster get() {
    return Holder.INSTANCE;
  }

  /** Runs {@code render} while the namespace holds a Secret with this base64 data. */
  <T> T withSecret(
      String name, Map<String, String> base64Data, java.util.function.Supplier<T> render) {
    secrets.put(name, Map.copyOf(base64Data));
    try {
      return render.get();
    } finally {
      secrets.remove(name);
    }
  }

  private void writeKubeconfig(int port) {
    String path = System.getenv("KUBECONFIG");
    if (path == null || path.isBlank()) {
      throw new IllegalStateException(
          "KUBECONFIG is not set: run these tests through Maven (deploy-tests/pom.xml sets it)");
    }
    String kubeconfig =
        """
        apiVersion: v1
        kind: Config
        clusters:
          - name: fake
            cluster:
              server: http://127.0.0.1:%d
        users:
          - name: fake
            user: {}
        contexts:
          - name: fake
            context:
              cluster: fake
              user: fake
        current-context: fake
        """
            .formatted(port);
    try {
      Path file = Path.of(path);
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, kubeconfig);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void answer(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    List<String> parts = List.of(path.replaceFirst("^/", "").split("/"));
    if (path.equals("/api/v1")) {
      send(
          exchange,
          200,
          Map.of(
              "kind", "APIResourceList",
              "apiVersion", "v1",
              "groupVersion", "v1",
              "resources",
                  List.of(
                      Map.of(
                          "name", "secrets",
                          "singularName", "secret",
                          "namespaced", true,
                          "kind", "Secret",
                          "verbs", List.of("get", "list")))));
      return;
    }
    // /api/v1/namespaces/{namespace}/secrets/{name}
    if (parts.size() == 6
        && parts.get(0).equals("api")
        && parts.get(2).equals("namespaces")
        && parts.get(4).equals("secrets")
        && secrets.containsKey(parts.get(5))) {
      send(
          exchange,
          200,
          Map.of(
              "kind", "Secret",
              "apiVersion", "v1",
              "metadata", Map.of("name", parts.get(5), "namespace", parts.get(3)),
              "type", "Opaque",
              "data", secrets.get(parts.get(5))));
      return;
    }
    send(
        exchange,
        404,
        Map.of(
            "kind", "Status",
            "apiVersion", "v1",
            "status", "Failure",
            "reason", "NotFound",
            "code", 404,
            "message", path + " not found"));
  }

  private static void send(HttpExchange exchange, int status, Object body) throws IOException {
    byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (var out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
