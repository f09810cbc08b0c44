package dev.orbweaver.objectstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orbweaver.storage.Egress;
import dev.orbweaver.storage.ObjectStoreException;
import dev.orbweaver.storage.s3.S3ObjectStore;
import dev.orbweaver.storage.s3.S3Settings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded store as ./orbweaver up runs it, driven by the platform's own S3 client. */
class EmbeddedObjectStoreTest {

  private static final String ACCESS = "ow-access-key";
  private static final String SECRET = "ow-secret-key-never-printed-0123456789";

  @TempDir Path home;

  @Test
  void theBucketExistsOnStartAndObjectsLandOnTheFilesystemAndSurviveARestart() throws Exception {
    Path objects = home.resolve("objects");
    EmbeddedObjectStoreSettings settings = settings(objects, 0);

    try (EmbeddedObjectStore server = EmbeddedObjectStore.start(settings);
        S3ObjectStore client = client(server.port(), SECRET)) {
      client.put("crawl/1/pages/a.html", "<p>a</p>".getBytes(StandardCharsets.UTF_8), "text/html");
    }
    try (Stream<Path> files = Files.walk(objects)) {
      assertThat(files.filter(Files::isRegularFile).map(Path::toString))
          .anyMatch(p -> p.contains("orbweaver") && p.endsWith("a.html"));
    }

    try (EmbeddedObjectStore again = EmbeddedObjectStore.start(settings);
        S3ObjectStore client = client(again.port(), SECRET)) {
      assertThat(client.get("crawl/1/pages/a.html").orElseThrow().content())
          .isEqualTo("<p>a</p>".getBytes(StandardCharsets.UTF_8));

      URI url = client.presignedGet("crawl/1/pages/a.html", Duration.ofMinutes(1));
      HttpResponse<String> download =
          HttpClient.newHttpClient()
              .send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(download.statusCode()).isEqualTo(200);
      assertThat(download.body()).isEqualTo("<p>a</p>");
    }
  }

  @Test
  void otherCredentialsAreRefused() throws Exception {
    try (EmbeddedObjectStore server = EmbeddedObjectStore.start(settings(home.resolve("o"), 0));
        S3ObjectStore wrong = client(server.port(), "not-the-secret-key")) {
      assertThatThrownBy(() -> wrong.list(""))
          .isInstanceOf(ObjectStoreException.class)
          .hasMessageStartingWith("SignatureDoesNotMatch");
    }
  }

  @Test
  void settingsComeFromTheEnvironmentAndNeverPrintTheSecret() {
    EmbeddedObjectStoreSettings settings =
        EmbeddedObjectStoreSettings.fromEnvironment(
            Map.of(
                "ORBWEAVER_STORAGE_EMBEDDED_DIR",
                "/tmp/x/objects",
                "ORBWEAVER_STORAGE_EMBEDDED_PORT",
                "28089",
                "ORBWEAVER_STORAGE_ACCESS_KEY",
                ACCESS,
                "ORBWEAVER_STORAGE_SECRET_KEY",
                SECRET));

    assertThat(settings.port()).isEqualTo(28089);
    assertThat(settings.host()).isEqualTo("127.0.0.1");
    assertThat(settings.bucket()).isEqualTo("orbweaver");
    assertThat(settings.toString()).doesNotContain(SECRET).doesNotContain(ACCESS);
  }

  @Test
  void aMissingSecretOrABadPortIsRefusedByName() {
    assertThatThrownBy(
            () ->
                EmbeddedObjectStoreSettings.fromEnvironment(
                    Map.of(
                        "ORBWEAVER_STORAGE_EMBEDDED_DIR",
                        "/tmp/x",
                        "ORBWEAVER_STORAGE_ACCESS_KEY",
                        ACCESS)))
        .hasMessage("ORBWEAVER_STORAGE_SECRET_KEY is required");
    assertThatThrownBy(
            () ->
                EmbeddedObjectStoreSettings.fromEnvironment(
                    Map.of(
                        "ORBWEAVER_STORAGE_EMBEDDED_DIR",
                        "/tmp/x",
                        "ORBWEAVER_STORAGE_EMBEDDED_PORT",
                        "99999",
                        "ORBWEAVER_STORAGE_ACCESS_KEY",
                        ACCESS,
                        "ORBWEAVER_STORAGE_SECRET_KEY",
                        SECRET)))
        .hasMessageContaining("0..65535");
  }

  private static EmbeddedObjectStoreSettings settings(Path dir, int port) {
    return new EmbeddedObjectStoreSettings(dir, "127.0.0.1", port, "orbweaver", ACCESS, SECRET);
  }

  private static S3ObjectStore client(int port, String secret) {
    return new S3ObjectStore(
        S3Settings.of(
            URI.create("http://127.0.0.1:" + port), "us-east-1", "orbweaver", ACCESS, secret),
        Egress.trusted());
  }
}
