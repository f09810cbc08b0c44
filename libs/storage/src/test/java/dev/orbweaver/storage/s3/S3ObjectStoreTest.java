package dev.orbweaver.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orbweaver.storage.Egress;
import dev.orbweaver.storage.ObjectStoreException;
import dev.orbweaver.storage.ObjectStoreException.Kind;
import dev.orbweaver.storage.ObjectSummary;
import dev.orbweaver.storage.ObjectUpload;
import dev.orbweaver.storage.StoredObject;
import dev.orbweaver.storage.fixture.S3ProxyServer;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The S3 store against a real S3-compatible server: s3proxy, in-process, in memory. */
class S3ObjectStoreTest {

  private static S3ProxyServer server;
  private static S3ObjectStore store;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    server = S3ProxyServer.start();
    store =
        new S3ObjectStore(
            S3Settings.of(
                server.endpoint(),
                "us-east-1",
                "orbweaver-test",
                S3ProxyServer.ACCESS_KEY,
                S3ProxyServer.SECRET_KEY),
            Egress.trusted(),
            S3ObjectStore.MIN_PART_SIZE);
    store.ensureBucket();
  }

  @AfterAll
  static void stop() {
    store.close();
    server.close();
  }

  @Test
  void putThenGetReturnsTheBytesAndContentType() {
    byte[] body = "<html>hello</html>".getBytes(StandardCharsets.UTF_8);

    store.put("pages/1/body.html", body, "text/html");

    StoredObject object = store.get("pages/1/body.html").orElseThrow();
    assertThat(object.content()).isEqualTo(body);
    assertThat(object.contentType()).isEqualTo("text/html");
  }

  @Test
  void putFromAStreamOfKnownLength() throws Exception {
    byte[] body = "{\"url\":\"https://example.com/\"}\n".getBytes(StandardCharsets.UTF_8);

    store.put(
        "stream/one.jsonl", new ByteArrayInputStream(body), body.length, "application/x-ndjson");

    try (InputStream in = store.open("stream/one.jsonl")) {
      assertThat(in.readAllBytes()).isEqualTo(body);
    }
  }

  @Test
  void anAbsentKeyIsEmptyOnGetAndNotFoundOnOpen() {
    assertThat(store.get("nothing/here")).isEmpty();
    assertThatThrownBy(() -> store.open("nothing/here"))
        .isInstanceOfSatisfying(
            ObjectStoreException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
              assertThat(e.getMessage()).startsWith("NoSuchKey");
            });
  }

  @Test
  void listReturnsTheKeysUnderAPrefixInOrderAndDeleteRemovesOne() {
    store.put("list/b", new byte[] {2, 2}, "application/octet-stream");
    store.put("list/a", new byte[] {1}, "application/octet-stream");
    store.put("listing-not/c", new byte[] {3}, "application/octet-stream");

    assertThat(store.list("list/"))
        .extracting(ObjectSummary::key)
        .containsExactly("list/a", "list/b");
    assertThat(store.list("list/")).extracting(ObjectSummary::size).containsExactly(1L, 2L);

    store.delete("list/a");
    store.delete("list/never-existed");

    assertThat(store.list("list/")).extracting(ObjectSummary::key).containsExactly("list/b");
  }

  @Test
  void deleteByPrefixRemovesEveryObjectUnderItAndNothingElse() {
    for (int i = 0; i < 25; i++) {
      store.put("crawl/42/page-" + i, new byte[] {(byte) i}, "text/html");
    }
    store.put("crawl/420/page-0", new byte[] {1}, "text/html");

    long deleted = store.deleteByPrefix("crawl/42/");

    assertThat(deleted).isEqualTo(25);
    assertThat(store.list("crawl/42/")).isEmpty();
    assertThat(store.list("crawl/420/")).hasSize(1);
  }

  @Test
  void deleteByAnEmptyPrefixIsRefused() {
    assertThatThrownBy(() -> store.deleteByPrefix("")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aHostileKeyIsRefusedBeforeAnythingIsSent() {
    assertThatThrownBy(() -> store.put("x".repeat(1025), new byte[0], "text/plain"))
        .isInstanceOfSatisfying(
            ObjectStoreException.class, e -> assertThat(e.kind()).isEqualTo(Kind.INVALID_REQUEST));
    assertThatThrownBy(() -> store.put("a\nb", new byte[0], "text/plain"))
        .isInstanceOfSatisfying(
            ObjectStoreException.class, e -> assertThat(e.kind()).isEqualTo(Kind.INVALID_REQUEST));
  }

  @Test
  void aLargeUploadGoesInPartsAndReadsBackWhole() throws Exception {
    byte[] line =
        "{\"url\":\"https://example.com/page\",\"status\":200}\n".getBytes(StandardCharsets.UTF_8);
    long total = 0;
    try (ObjectUpload upload = store.openUpload("exports/big.jsonl", "application/x-ndjson")) {
      while (total < 2L * S3ObjectStore.MIN_PART_SIZE + 1234) {
        upload.write(line);
        total += line.length;
      }
      upload.complete();
    }

    try (InputStream in = store.open("exports/big.jsonl")) {
      byte[] read = in.readAllBytes();
      assertThat(read.length).isEqualTo(total);
      assertThat(Arrays.copyOfRange(read, 0, line.length)).isEqualTo(line);
      assertThat(Arrays.copyOfRange(read, read.length - line.length, read.length)).isEqualTo(line);
    }
  }

  @Test
  void aSmallUploadIsOnePut() {
    try (ObjectUpload upload = store.openUpload("exports/small.jsonl", "application/x-ndjson")) {
      upload.write("{}\n".getBytes(StandardCharsets.UTF_8));
      upload.complete();
    }

    assertThat(store.get("exports/small.jsonl").map(StoredObject::content))
        .contains("{}\n".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void anAbortedUploadLeavesNothingBehind() {
    try (ObjectUpload upload = store.openUpload("exports/aborted.jsonl", "application/x-ndjson")) {
      upload.write(new byte[S3ObjectStore.MIN_PART_SIZE + 10]);
      // closed without complete()
    }

    assertThat(store.get("exports/aborted.jsonl")).isEmpty();
  }

  @Test
  void aPresignedUrlDownloadsWithPlainHttp() throws Exception {
    store.put(
        "presigned/ok.jsonl",
        "{\"a\":1}\n".getBytes(StandardCharsets.UTF_8),
        "application/x-ndjson");

    URI url = store.presignedGet("presigned/ok.jsonl", Duration.ofMinutes(5));

    HttpResponse<String> response = get(url);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"a\":1}\n");
    assertThat(url.toString()).doesNotContain(S3ProxyServer.SECRET_KEY);
  }

  @Test
  void theObjectIsRefusedWithoutTheSignature() throws Exception {
    store.put("presigned/private.jsonl", new byte[] {'x'}, "application/x-ndjson");
    URI url = store.presignedGet("presigned/private.jsonl", Duration.ofMinutes(5));

    URI bare = URI.create(url.toString().substring(0, url.toString().indexOf('?')));

    assertThat(get(bare).statusCode()).isEqualTo(403);
  }

  @Test
  void aTamperedSignatureIsRefused() throws Exception {
    store.put("presigned/tampered.jsonl", new byte[] {'x'}, "application/x-ndjson");
    String url = store.presignedGet("presigned/tampered.jsonl", Duration.ofMinutes(5)).toString();
    int at = url.indexOf("X-Amz-Signature=") + "X-Amz-Signature=".length();
    char flipped = url.charAt(at) == '0' ? '1' : '0';
    String tampered = url.substring(0, at) + flipped + url.substring(at + 1);

    assertThat(get(URI.create(tampered)).statusCode()).isEqualTo(403);
    // Another key under the same signature is refused too.
    assertThat(get(URI.create(url.replace("tampered.jsonl", "ok.jsonl"))).statusCode())
        .isEqualTo(403);
  }

  @Test
  void anExpiredPresignedUrlIsRefused() throws Exception {
    store.put("presigned/short.jsonl", new byte[] {'x'}, "application/x-ndjson");
    URI url = store.presignedGet("presigned/short.jsonl", Duration.ofSeconds(1));

    // Waits on the condition (the clock passing the expiry), not for a fixed time.
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    int status = get(url).statusCode();
    while (status == 200 && System.nanoTime() < deadline) {
      Thread.sleep(200);
      status = get(url).statusCode();
    }

    assertThat(status).isEqualTo(403);
  }

  @Test
  void anExpiryBeyondSevenDaysIsRefused() {
    assertThatThrownBy(() -> store.presignedGet("presigned/x", Duration.ofDays(8)))
        .isInstanceOfSatisfying(
            ObjectStoreException.class, e -> assertThat(e.kind()).isEqualTo(Kind.INVALID_REQUEST));
  }

  @Test
  void wrongCredentialsAreATypedErrorWithTheStoresMessageAndNoSecret() {
    String wrongSecret = "wrong-secret-that-must-never-show-up";
    try (S3ObjectStore wrong =
        new S3ObjectStore(
            S3Settings.of(
                server.endpoint(),
                "us-east-1",
                "orbweaver-test",
                S3ProxyServer.ACCESS_KEY,
                wrongSecret),
            Egress.trusted())) {

      assertThatThrownBy(() -> wrong.put("x", new byte[] {1}, "text/plain"))
          .isInstanceOfSatisfying(
              ObjectStoreException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(Kind.INVALID_CREDENTIALS);
                assertThat(e.status()).isEqualTo(403);
                assertThat(e.getMessage()).startsWith("SignatureDoesNotMatch");
                assertThat(e.getMessage()).doesNotContain(wrongSecret);
              });
    }
  }

  @Test
  void anUnknownAccessKeyIsInvalidCredentials() {
    try (S3ObjectStore wrong =
        new S3ObjectStore(
            S3Settings.of(
                server.endpoint(), "us-east-1", "orbweaver-test", "unknown-key", "whatever-secret"),
            Egress.trusted())) {

      assertThatThrownBy(() -> wrong.get("x"))
          .isInstanceOfSatisfying(
              ObjectStoreException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(Kind.INVALID_CREDENTIALS);
                assertThat(e.getMessage()).startsWith("InvalidAccessKeyId");
              });
    }
  }

  @Test
  void aMissingBucketIsNoSuchBucket() {
    try (S3ObjectStore missing =
        new S3ObjectStore(
            S3Settings.of(
                server.endpoint(),
                "us-east-1",
                "no-such-bucket",
                S3ProxyServer.ACCESS_KEY,
                S3ProxyServer.SECRET_KEY),
            Egress.trusted())) {

      assertThatThrownBy(() -> missing.put("x", new byte[] {1}, "text/plain"))
          .isInstanceOfSatisfying(
              ObjectStoreException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NO_SUCH_BUCKET));
    }
  }

  @Test
  void credentialsAreNeverInToString() {
    assertThat(store.toString())
        .contains("orbweaver-test")
        .doesNotContain(S3ProxyServer.SECRET_KEY)
        .doesNotContain(S3ProxyServer.ACCESS_KEY);
    assertThat(store.settings().toString()).doesNotContain(S3ProxyServer.SECRET_KEY);
  }

  private static HttpResponse<String> get(URI url) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofString());
  }
}
