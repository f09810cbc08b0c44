package dev.orbweaver.objectstore;

import java.nio.file.Path;
import java.util.Map;

/**
 * How the embedded store runs, from the environment {@code ./orbweaver up} gives it. Not a record:
 * the secret key must not reach a {@code toString}.
 */
public final class EmbeddedObjectStoreSettings {

  private final Path directory;
  private final String host;
  private final int port;
  private final String bucket;
  private final String accessKey;
  private final String secretKey;

  public EmbeddedObjectStoreSettings(
      Path directory, String host, int port, String bucket, String accessKey, String secretKey) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("the port must be within 0..65535, not " + port);
    }
    this.directory = directory;
    this.host = requireText(host, "ORBWEAVER_STORAGE_EMBEDDED_HOST");
    this.port = port;
    this.bucket = requireText(bucket, "ORBWEAVER_STORAGE_BUCKET");
    this.accessKey = requireText(accessKey, "ORBWEAVER_STORAGE_ACCESS_KEY");
    this.secretKey = requireText(secretKey, "ORBWEAVER_STORAGE_SECRET_KEY");
  }

  /**
   * {@code ORBWEAVER_STORAGE_EMBEDDED_DIR} (required), {@code ORBWEAVER_STORAGE_EMBEDDED_HOST}
   * ({@code 127.0.0.1}), {@code ORBWEAVER_STORAGE_EMBEDDED_PORT} ({@code 8089}), {@code
   * ORBWEAVER_STORAGE_BUCKET} ({@code orbweaver}), {@code ORBWEAVER_STORAGE_ACCESS_KEY} and {@code
   * ORBWEAVER_STORAGE_SECRET_KEY} (required).
   */
  public static EmbeddedObjectStoreSettings fromEnvironment(Map<String, String> env) {
    String dir =
        requireText(env.get("ORBWEAVER_STORAGE_EMBEDDED_DIR"), "ORBWEAVER_STORAGE_EMBEDDED_DIR");
    String port = env.getOrDefault("ORBWEAVER_STORAGE_EMBEDDED_PORT", "8089");
    int parsedPort;
    try {
      parsedPort = Integer.parseInt(port.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "ORBWEAVER_STORAGE_EMBEDDED_PORT must be a port number, not '" + port + "'");
    }
    return new EmbeddedObjectStoreSettings(
        Path.of(dir),
        env.getOrDefault("ORBWEAVER_STORAGE_EMBEDDED_HOST", "127.0.0.1"),
        parsedPort,
        env.getOrDefault("ORBWEAVER_STORAGE_BUCKET", "orbweaver"),
        env.get("ORBWEAVER_STORAGE_ACCESS_KEY"),
        env.get("ORBWEAVER_STORAGE_SECRET_KEY"));
  }

  public Path directory() {
    return directory;
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  public String bucket() {
    return bucket;
  }

  String accessKey() {
    return accessKey;
  }

  String secretKey() {
    return secretKey;
  }

  @Override
  public String toString() {
    return "EmbeddedObjectStoreSettings[directory="
        + directory
        + ", listen="
        + host
        + ":"
        + port
        + ", bucket="
        + bucket
        + ", credentials redacted]";
  }

  private static String requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is required");
    }
    return value;
  }
}
