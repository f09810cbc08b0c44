package dev.orbweaver.storage.gcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orbweaver.fetch.guard.AllowedPrivateCidrs;
import dev.orbweaver.storage.Egress;
import dev.orbweaver.storage.ObjectStoreException;
import dev.orbweaver.storage.ObjectStoreException.Kind;
import dev.orbweaver.storage.ObjectSummary;
import dev.orbweaver.storage.ObjectUpload;
import dev.orbweaver.storage.StoredObject;
import dev.orbweaver.storage.fixture.GcsProtocolServer;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The GCS store against a local server speaking Google's protocols: the token endpoint verifies the
 * JWT's signature with the service account's public key, the JSON API wants its token.
 */
class GcsObjectStoreTest {

  private static final String BUCKET = "customer-bucket";

  /** The customer's GCS here is on loopback, which the operator allowed for this test. */
  private static final Egress ALLOWED_LOOPBACK =
      Egress.guarded(AllowedPrivateCidrs.of("127.0.0.0/8"));

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static GcsProtocolServer server;
  private static GcsObjectStore store;

  @BeforeAll
  static void start() throws Exception {
    server = GcsProtocolServer.start(BUCKET, 3);
    store = store(server.serviceAccountJson(), ALLOWED_LOOPBACK, Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    store.close();
    server.close();
  }

  @Test
  void putThenGetThroughTheJsonApiWithAServiceAccountToken() {
    byte[] body = "{\"url\":\"https://example.com/\"}\n".getBytes(StandardCharsets.UTF_8);

    store.put("crawls/1/pages.jsonl", body, "application/x-ndjson");

    StoredObject object = store.get("crawls/1/pages.jsonl").orElseThrow();
    assertThat(object.content()).isEqualTo(body);
    assertThat(object.contentType()).isEqualTo("application/x-ndjson");
    assertThat(server.hasObject("crawls/1/pages.jsonl")).isTrue();
  }

  @Test
  void putFromAStreamAndOpenAsAStream() throws Exception {
    byte[] body = "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8);

    store.put("csv/one.csv", new ByteArrayInputStream(body), body.length, "text/csv");

    try (InputStream in = store.open("csv/one.csv")) {
      assertThat(in.readAllBytes()).isEqualTo(body);
    }
  }

  @Test
  void anAbsentObjectIsEmptyAndDeletingItIsNoError() {
    assertThat(store.get("missing/object")).isEmpty();
    store.delete("missing/object");
    assertThatThrownBy(() -> store.open("missing/object"))
        .isInstanceOfSatisfying(
            ObjectStoreException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
              assertThat(e.getMessage()).startsWith("notFound: No such object");
            });
  }

  @Test
  void listReadsEveryPageAndDeleteByPrefixEmptiesIt() {
    for (int i = 0; i < 7; i++) {
      store.put("prefix/p-" + i, new byte[] {(byte) i}, "text/plain");
    }
    store.put("prefixed-other/x", new byte[] {1}, "text/plain");

    // The server lists three per page: seven objects take three pages.
    assertThat(store.list("prefix/"))
        .extracting(ObjectSummary::key)
        .containsExactly(
            "prefix/p-0",
            "prefix/p-1",
            "prefix/p-2",
            "prefix/p-3",
            "prefix/p-4",
            "prefix/p-5",
            "prefix/p-6");
    assertThat(store.list("prefix/").get(3).size()).isEqualTo(1);

    assertThat(store.deleteByPrefix("prefix/")).isEqualTo(7);
    assertThat(store.list("prefix/")).isEmpty();
    assertThat(store.list("prefixed-other/")).hasSize(1);
  }

  @Test
  void oneTokenServesManyCallsUntilItNearsExpiry() throws Exception {
    MutableClock clock = new MutableClock(Instant.now());
    try (GcsObjectStore timed = store(server.serviceAccountJson(), ALLOWED_LOOPBACK, clock)) {
      int before = server.tokenRequests();
      timed.put("token/a", new byte[] {1}, "text/plain");
      timed.put("token/b", new byte[] {2}, "text/plain");
      timed.get("token/a");
      assertThat(server.tokenRequests() - before).isEqualTo(1);

      // The server's tokens live 3599 s; a minute before that a new one is fetched.
      clock.now = clock.now.plusSeconds(3599 - 59);
      timed.get("token/b");
      assertThat(server.tokenRequests() - before).isEqualTo(2);
    }
  }

  @Test
  void aKeyTheTokenEndpointCannotVerifyIsInvalidCredentials() throws Exception {
    try (GcsObjectStore forged =
        store(server.serviceAccountJsonWithAnotherKey(), ALLOWED_LOOPBACK, Clock.systemUTC())) {

      assertThatThrownBy(() -> forged.put("x", new byte[] {1}, "text/plain"))
          .isInstanceOfSatisfying(
              ObjectStoreException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(Kind.INVALID_CREDENTIALS);
                assertThat(e.getMessage())
                    .isEqualTo("token endpoint: invalid_grant: Invalid JWT Signature.");
                assertThat(e.getMessage()).doesNotContain("PRIVATE KEY");
              });
    }
    assertThat(server.hasObject("x")).isFalse();
  }

  @Test
  void aLargeUploadGoesAsAResumableUploadInAlignedChunks() throws Exception {
    int chunk = GcsObjectStore.CHUNK_ALIGNMENT;
    try (GcsObjectStore chunked =
        new GcsObjectStore(
            GcsSettings.of(BUCKET, ServiceAccount.fromJson(server.serviceAccountJson()))
                .withApiBase(server.base()),
            ALLOWED_LOOPBACK,
            chunk,
            Clock.systemUTC())) {
      byte[] line = "{\"url\":\"https://example.com/p\"}\n".getBytes(StandardCharsets.UTF_8);
      long total = 0;
      int chunksBefore = server.resumableChunks();
      try (ObjectUpload upload = chunked.openUpload("exports/big.jsonl", "application/x-ndjson")) {
        while (total < 2L * chunk + 100) {
          upload.write(line);
          total += line.length;
        }
        upload.complete();
      }

      assertThat(server.resumableChunks() - chunksBefore).isEqualTo(3);
      byte[] read = chunked.get("exports/big.jsonl").orElseThrow().content();
      assertThat(read.length).isEqualTo(total);
      assertThat(Arrays.copyOfRange(read, read.length - line.length, read.length)).isEqualTo(line);
    }
  }

  @Test
  void aSignedUrlDownloadsAndATamperedOrExpiredOneIsRefused() throws Exception {
    store.put(
        "signed/result.jsonl",
        "{\"ok\":true}\n".getBytes(StandardCharsets.UTF_8),
        "application/x-ndjson");

    URI url = store.presignedGet("signed/result.jsonl", Duration.ofMinutes(10));
    HttpResponse<String> ok = get(url);
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body()).isEqualTo("{\"ok\":true}\n");

    String text = url.toString();
    int at = text.indexOf("X-Goog-Signature=") + "X-Goog-Signature=".length();
    String tampered =
        text.substring(0, at) + (text.charAt(at) == '0' ? '1' : '0') + text.substring(at + 1);
    assertThat(get(URI.create(tampered)).statusCode()).isEqualTo(403);
    assertThat(
            get(URI.create(text.replace("X-Goog-Expires=600", "X-Goog-Expires=604800")))
                .statusCode())
        .isEqualTo(403);

    MutableClock past = new MutableClock(Instant.now().minus(Duration.ofHours(2)));
    try (GcsObjectStore earlier = store(server.serviceAccountJson(), ALLOWED_LOOPBACK, past)) {
      URI expired = earlier.presignedGet("signed/result.jsonl", Duration.ofHours(1));
      assertThat(get(expired).statusCode()).isEqualTo(400);
    }
  }

  @Test
  void aTokenUriOnLoopbackIsRefusedWithoutTheOperatorsAllowance() throws Exception {
    try (GcsObjectStore guarded =
        store(
            server.serviceAccountJson(),
            Egress.guarded(AllowedPrivateCidrs.none()),
            Clock.systemUTC())) {
      int before = server.tokenRequests();

      assertThatThrownBy(() -> guarded.put("x", new byte[] {1}, "text/plain"))
          .isInstanceOfSatisfying(
              ObjectStoreException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(Kind.BLOCKED_ADDRESS);
                assertThat(e.getMessage()).contains("loopback");
              });
      assertThat(server.tokenRequests()).isEqualTo(before);
    }
  }

  @Test
  void theServiceAccountNeverShowsItsKey() {
    String json = server.serviceAccountJson();
    ServiceAccount account = ServiceAccount.fromJson(json);

    assertThat(account.toString())
        .contains(GcsProtocolServer.CLIENT_EMAIL)
        .doesNotContain("PRIVATE KEY");
    assertThat(store.toString()).doesNotContain("PRIVATE KEY").doesNotContain("MII");
    assertThat(GcsSettings.of(BUCKET, account).toString()).doesNotContain("PRIVATE KEY");
  }

  @Test
  void aHostileServiceAccountJsonIsRefusedWithoutEchoingIt() {
    assertThatThrownBy(
            () ->
                ServiceAccount.fromJson(
                    "{\"type\":\"service_account\",\"client_email\":\"a@b\",\"private_key\":\"-----BEGIN PRIVATE KEY-----\\nnot-a-key\\n-----END PRIVATE KEY-----\"}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("service_account_json's private_key is not a PKCS#8 PEM RSA key");
    assertThatThrownBy(() -> ServiceAccount.fromJson("x".repeat(100_000)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("longer than");
    assertThatThrownBy(() -> ServiceAccount.fromJson("{\"client_email\":\"a@b\"}"))
        .hasMessage("service_account_json lacks private_key");
    String fileUri =
        server.serviceAccountJson().replace(server.tokenUri().toString(), "file:///etc/passwd");
    assertThatThrownBy(() -> ServiceAccount.fromJson(fileUri))
        .hasMessage("a service account's token_uri must be an http(s) URL");
  }

  private static GcsObjectStore store(String serviceAccountJson, Egress egress, Clock clock) {
    return new GcsObjectStore(
        GcsSettings.of(BUCKET, ServiceAccount.fromJson(serviceAccountJson))
            .withApiBase(server.base()),
        egress,
        8 * GcsObjectStore.CHUNK_ALIGNMENT,
        clock);
  }

  private static HttpResponse<String> get(URI url) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A clock the test moves by hand. */
  private static final class MutableClock extends Clock {
    Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
