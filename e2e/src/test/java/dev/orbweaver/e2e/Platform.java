package dev.orbweaver.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The whole platform, started exactly as an operator starts it: {@code ./orbweaver up}, with its
 * own state folder, ports, database and Redis so that it never touches a developer's running
 * instance. With {@code ORBWEAVER_E2E_REUSE=1} the tests drive an instance that is already up with
 * these settings instead (fast iteration).
 */
public final class Platform implements AutoCloseable {
  // Overridable so that two checkouts on one machine can run their end-to-end tests side by side.
  public static final int PORT_BASE = intSetting("ORBWEAVER_E2E_PORT_BASE", 18080);
  public static final int REDIS_PORT = intSetting("ORBWEAVER_E2E_REDIS_PORT", 16379);
  public static final String DATABASE =
      System.getenv().getOrDefault("ORBWEAVER_E2E_DB_NAME", "orbweaver_e2e");

  /** Where the SearXNG stub of the search tests listens; the platform is pointed at it. */
  public static final int SEARXNG_PORT = PORT_BASE + 19;

  private static final List<String> SERVICES =
      List.of(
          "gateway",
          "auth-service",
          "backlink-service",
          "crawl-service",
          "scrape-service",
          "webhook-service");

  private final Path root;
  private final Path home;
  private final boolean reused;
  private final String firstKey;
  private Process redis;

  private Platform(Path root, Path home, boolean reused, Process redis, String firstKey) {
    this.root = root;
    this.home = home;
    this.reused = reused;
    this.redis = redis;
    this.firstKey = firstKey;
  }

  private static int intSetting(String name, int fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : Integer.parseInt(value.strip());
  }

  static Platform start() {
    Path root = Path.of(System.getProperty("orbweaver.root", "..")).toAbsolutePath().normalize();
    Path home = root.resolve("e2e/target/platform");
    if ("1".equals(System.getenv("ORBWEAVER_E2E_REUSE"))) {
      return new Platform(root, home, true, null, readFirstKey(home));
    }
    deleteTree(home);
    Process redis = startRedis(home);
    recreateDatabase();
    Platform platform = new Platform(root, home, false, redis, null);
    String output;
    try {
      output = platform.launcher(Duration.ofMinutes(6), "up");
    } catch (RuntimeException failed) {
      // up stops at the first service that dies and leaves the others running: stop them, or the
      // next attempt (the next test asks again) finds its ports taken and its pid files gone.
      try {
        platform.close();
      } catch (RuntimeException alsoFailed) {
        failed.addSuppressed(alsoFailed);
      }
      throw failed;
    }
    if (!output.contains("Orbweaver is up at")) {
      platform.close();
      throw new IllegalStateException("./orbweaver up did not come up:\n" + output);
    }
    return new Platform(root, home, false, redis, readFirstKey(home));
  }

  public String gatewayUrl() {
    return "http://127.0.0.1:" + PORT_BASE;
  }

  /** A service's own address, bypassing the gateway (to prove it refuses callers without a JWT). */
  public String serviceUrl(String service) {
    return "http://127.0.0.1:" + port(service);
  }

  /**
   * A service's management interface ({@code /q/health}, {@code /q/metrics}, {@code /q/openapi}):
   * its port + 100 on loopback, where the launcher puts it.
   */
  public String managementUrl(String service) {
    return "http://127.0.0.1:" + (port(service) + 100);
  }

  private static int port(String service) {
    int index = SERVICES.indexOf(service);
    if (index < 0) {
      throw new IllegalArgumentException("unknown service " + service);
    }
    return PORT_BASE + index;
  }

  /** The key {@code ./orbweaver up} printed on first start. */
  public String firstKey() {
    return firstKey;
  }

  public String adminToken() {
    return secrets().get("ORBWEAVER_ADMIN_TOKEN");
  }

  /** A new account made with {@code ./orbweaver account create}, as an operator would. */
  public Account createAccount(String name, String plan) {
    String output = launcher(Duration.ofSeconds(60), "account", "create", name, "--plan", plan);
    List<String> lines = output.strip().lines().toList();
    String key = lines.get(lines.size() - 1).strip();
    String header = lines.get(lines.size() - 2);
    long id = Long.parseLong(header.replaceAll("^account (\\d+) .*$", "$1"));
    return new Account(id, key);
  }

  /** The pid of a running service, as the launcher recorded it. */
  public long pidOf(String service) {
    try {
      return Long.parseLong(Files.readString(home.resolve("run/" + service + ".pid")).strip());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A database connection to the platform's database, for checks no API exposes. */
  public Connection database() throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:5432/" + DATABASE, "postgres", "");
  }

  /** Kills a service the hard way, as a crash would. */
  public void kill(String service) {
    ProcessHandle.of(pidOf(service))
        .ifPresent(
            p -> {
              p.destroyForcibly();
              p.onExit().join();
            });
  }

  /** Starts whatever is not running, the way an operator would: ./orbweaver up again. */
  public void upAgain() {
    launcher(Duration.ofMinutes(3), "up");
  }

  /** Stops the platform's Redis (the test's own server, not the machine's). */
  public void stopRedis() {
    if (redis != null) {
      redis.destroy();
      waitFor(redis);
      redis = null;
    }
  }

  public void startRedis() {
    if (redis == null) {
      redis = startRedis(home);
    }
  }

  /** Runs {@code ./orbweaver ARGS} with this platform's environment; fails on a non-zero exit. */
  public String launcher(Duration timeout, String... args) {
    return launcher(Map.of(), timeout, args);
  }

  /** The same, with extra environment for what it starts (e.g. a worker's lease). */
  public String launcher(Map<String, String> extraEnv, Duration timeout, String... args) {
    List<String> command = new ArrayList<>();
    command.add(root.resolve("orbweaver").toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(environment());
    builder.environment().putAll(extraEnv);
    try {
      Process process = builder.start();
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("./orbweaver " + String.join(" ", args) + " timed out");
      }
      String text = new String(out, StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            "./orbweaver "
                + String.join(" ", args)
                + " exited "
                + process.exitValue()
                + ":\n"
                + text);
      }
      return text;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  Map<String, String> environment() {
    Map<String, String> env = new HashMap<>();
    env.put("ORBWEAVER_HOME", home.toString());
    env.put("ORBWEAVER_PORT_BASE", Integer.toString(PORT_BASE));
    env.put("ORBWEAVER_DB_NAME", DATABASE);
    env.put("ORBWEAVER_REDIS_URL", "redis://127.0.0.1:" + REDIS_PORT);
    // The fixture sites the tests crawl and scrape live on loopback.
    env.put("ORBWEAVER_FETCH_ALLOWED_PRIVATE_CIDRS", "127.0.0.0/8");
    // Web search goes to a SearXNG stub that FirecrawlSdkIT starts on this port.
    env.put("ORBWEAVER_SEARCH_SEARXNG_URL", "http://127.0.0.1:" + SEARXNG_PORT);
    // Tests pose as many clients through X-Forwarded-For, as a load balancer in front would.
    env.put("ORBWEAVER_GATEWAY_TRUSTED_PROXIES", "127.0.0.1/32");
    return env;
  }

  private Map<String, String> secrets() {
    Properties properties = new Properties();
    try (var reader = Files.newBufferedReader(home.resolve("secrets.env"))) {
      properties.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> secrets = new HashMap<>();
    properties.forEach((k, v) -> secrets.put(k.toString(), v.toString()));
    return secrets;
  }

  @Override
  public void close() {
    if (reused) {
      return;
    }
    try {
      launcher(Duration.ofMinutes(2), "down");
    } finally {
      stopRedis();
    }
  }

  private static String readFirstKey(Path home) {
    try {
      return Files.readString(home.resolve("first-key")).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("no first key under " + home, e);
    }
  }

  private static Process startRedis(Path home) {
    try {
      Files.createDirectories(home);
      Process process =
          new ProcessBuilder(
                  "redis-server",
                  "--port",
                  Integer.toString(REDIS_PORT),
                  "--bind",
                  "127.0.0.1",
                  "--save",
                  "",
                  "--appendonly",
                  "no")
              .redirectErrorStream(true)
              .redirectOutput(home.resolve("redis.log").toFile())
              .start();
      Instant deadline = Instant.now().plusSeconds(10);
      while (Instant.now().isBefore(deadline)) {
        try (Socket ignored = new Socket("127.0.0.1", REDIS_PORT)) {
          return process;
        } catch (IOException notYet) {
          Thread.sleep(100);
        }
      }
      process.destroyForcibly();
      throw new IllegalStateException("redis-server did not listen on " + REDIS_PORT);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A fresh database for every run, so that no earlier run's accounts or crawls leak in. */
  private static void recreateDatabase() {
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
      s.execute("CREATE DATABASE " + DATABASE);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot recreate " + DATABASE, e);
    }
  }

  private static void waitFor(Process process) {
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An account and the first key the admin API gave it. */
  public record Account(long id, String key) {}
}
