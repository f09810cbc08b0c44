package dev.orbweaver.gateway.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real auth-service, started from its fast-jar on a spare loopback port, for the gateway to
 * verify keys and meter quotas against. It keeps its data in a schema of the gateway's tests
 * ({@code gateway_auth} of the test database), so it never touches auth-service's own test data.
 * The jar is copied first, so that a rebuild of auth-service during the run cannot pull it away.
 */
public class AuthServiceProcess implements QuarkusTestResourceLifecycleManager {
  /** The operator's token this auth-service accepts on {@code /admin/v1}. */
  public static final String ADMIN_TOKEN = "gateway-test-admin-token";

  /** The gateway's %test internal secret, exchanged for its service token. */
  private static final String INTERNAL_SECRET = "test-internal-secret";

  private static final String SCHEMA = "gateway_auth";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  private Process process;
  private Path copy;

  @Override
  public Map<String, String> start() {
    Path app = Path.of("..", "auth-service", "target", "quarkus-app").toAbsolutePath().normalize();
    if (!Files.isRegularFile(app.resolve("quarkus-run.jar"))) {
      throw new IllegalStateException(
          "auth-service's fast-jar is missing at "
              + app
              + "; build it with ./mvnw -q -pl gateway -am verify (or -pl auth-service -am package)");
    }
    try {
      copy = Files.createTempDirectory("gateway-test-auth-service");
      copyTree(app, copy);
      int port = freePort();
      String base = "http://127.0.0.1:" + port;
      // Health is on the management interface: a spare port too, never the default 8181.
      int managementPort = freePort();
      String management = "http://127.0.0.1:" + managementPort;
      Path log = Path.of("target", "auth-service-for-tests.log").toAbsolutePath();
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.add("-Xmx256m");
      command.add("-Dquarkus.flyway.schemas=" + SCHEMA);
      command.add("-Dquarkus.datasource.jdbc.additional-jdbc-properties.currentSchema=" + SCHEMA);
      command.add("-Dquarkus.http.host=127.0.0.1");
      command.add("-Dquarkus.management.host=127.0.0.1");
      command.add("-Dquarkus.log.console.json.enabled=false");
      command.add("-jar");
      command.add(copy.resolve("quarkus-run.jar").toString());
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.redirectOutput(log.toFile());
      Map<String, String> env = builder.environment();
      env.put("ORBWEAVER_AUTH_PORT", Integer.toString(port));
      env.put("ORBWEAVER_AUTH_MANAGEMENT_PORT", Integer.toString(managementPort));
      env.put(
          "ORBWEAVER_DB_URL",
          System.getenv()
              .getOrDefault(
                  "ORBWEAVER_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/orbweaver_test"));
      env.put(
          "ORBWEAVER_REDIS_URL",
          System.getenv().getOrDefault("ORBWEAVER_TEST_REDIS_URL", "redis://127.0.0.1:6379/2"));
      env.put("ORBWEAVER_ADMIN_TOKEN", ADMIN_TOKEN);
      env.put("ORBWEAVER_INTERNAL_SECRET", INTERNAL_SECRET);
      env.put("ORBWEAVER_AUTH_URL", base);
      env.put("ORBWEAVER_JWKS_URL", base + "/.well-known/jwks.json");
      env.remove("ORBWEAVER_JWT_KEY_FILE"); // a key in memory, made for this run
      process = builder.start();
      awaitReady(management, log);
      return Map.of(
          "orbweaver.gateway.services.auth-service.url",
          base,
          "orbweaver.gateway.services.auth-service.management-url",
          management,
          "orbweaver.auth.url",
          base);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void stop() {
    if (process != null) {
      process.destroy();
      try {
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
    if (copy != null) {
      try (Stream<Path> files = Files.walk(copy)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // a temporary directory left behind is harmless
      }
    }
  }

  private void awaitReady(String management, Path log) throws IOException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest ready =
        HttpRequest.newBuilder(URI.create(management + "/q/health/ready"))
            .timeout(Duration.ofSeconds(2))
            .build();
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("auth-service exited during start-up:\n" + tail(log));
      }
      try {
        if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      sleep(250);
    }
    process.destroyForcibly();
    throw new IllegalStateException(
        "auth-service was not ready within " + START_TIMEOUT + ":\n" + tail(log));
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path source : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target);
        }
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
