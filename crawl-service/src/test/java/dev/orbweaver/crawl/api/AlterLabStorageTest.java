package dev.orbweaver.crawl.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orbweaver.crawl.support.Accounts;
import dev.orbweaver.crawl.support.CleanSlate;
import dev.orbweaver.crawl.support.Crawls;
import dev.orbweaver.crawl.support.ObjectStores;
import dev.orbweaver.crawl.support.Sites;
import dev.orbweaver.fetch.guard.AllowedPrivateCidrs;
import dev.orbweaver.storage.Egress;
import dev.orbweaver.storage.ObjectStore;
import dev.orbweaver.storage.ObjectSummary;
import dev.orbweaver.storage.fixture.S3ProxyServer;
import dev.orbweaver.storage.gcs.GcsObjectStore;
import dev.orbweaver.storage.gcs.GcsSettings;
import dev.orbweaver.storage.gcs.ServiceAccount;
import dev.orbweaver.storage.s3.S3ObjectStore;
import dev.orbweaver.storage.s3.S3Settings;
import dev.orbweaver.testing.FixtureSite;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * AlterLab's storage backends and output connectors against real stores: s3proxy as the platform's
 * store and as a customer's bucket, and Google's storage protocol for GCS.
 */
@QuarkusTest
@QuarkusTestResource(value = ObjectStores.class, restrictToAnnotatedClass = true)
class AlterLabStorageTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CUSTOMER_BUCKET = "customer-crawls";

  /** A customer's own S3-compatible server, apart from the platform's. */
  private static S3ProxyServer customer;

  private static ObjectStore customerBucket;

  @jakarta.inject.Inject javax.sql.DataSource dataSource;
  @jakarta.inject.Inject dev.orbweaver.crawl.export.ExportSweeper sweeper;

  @BeforeAll
  static void startTheCustomersStore() {
    CleanSlate.crawls();
    customer = S3ProxyServer.start();
    S3ObjectStore store =
        new S3ObjectStore(
            S3Settings.of(
                customer.endpoint(),
                "us-east-1",
                CUSTOMER_BUCKET,
                S3ProxyServer.ACCESS_KEY,
                S3ProxyServer.SECRET_KEY),
            Egress.trusted());
    store.ensureBucket();
    customerBucket = store;
  }

  @AfterAll
  static void stopTheCustomersStore() {
    if (customerBucket != null) {
      customerBucket.close();
    }
    if (customer != null) {
      customer.close();
    }
  }

  @Test
  void outputS3WritesEveryPageOnceInEachFormat() throws IOException {
    var account = Accounts.open("selfhost");
    String[] formats = {"jsonl", "json", "csv"};
    for (int i = 0; i < formats.length; i++) {
      String format = formats[i];
      try (FixtureSite site = Sites.chain("127.0.0.7" + i, 5).start()) {
        String id =
            start(
                account.token(),
                Map.of(
                    "url", site.url("/"),
                    "max_pages", 20,
                    "output",
                        s3Output("exports/" + format + "/", format, S3ProxyServer.SECRET_KEY)));
        JsonPath done = outputSettled(account.token(), id);
        assertThat(done.getString("output_status")).isEqualTo("completed");
        int pages = done.getInt("completed");
        assertThat(pages).isEqualTo(7);

        String base = "exports/" + format + "/" + id + "/";
        List<ObjectSummary> objects = customerBucket.list(base);
        List<String> urls = new ArrayList<>();
        switch (format) {
          case "jsonl" -> {
            // 7 pages in parts of 3: part-00001 … part-00003
            assertThat(objects)
                .extracting(ObjectSummary::key)
                .containsExactly(
                    base + "part-00001.jsonl",
                    base + "part-00002.jsonl",
                    base + "part-00003.jsonl");
            for (ObjectSummary o : objects) {
              for (String line : text(customerBucket, o.key()).split("\n")) {
                urls.add(JSON.readTree(line).path("url").asText());
              }
            }
          }
          case "json" -> {
            assertThat(objects).hasSize(pages);
            assertThat(objects.get(0).key()).isEqualTo(base + "pages/000001.json");
            for (ObjectSummary o : objects) {
              JsonNode page = JSON.readTree(text(customerBucket, o.key()));
              assertThat(page.path("status_code").isInt()).isTrue();
              urls.add(page.path("url").asText());
            }
          }
          default -> {
            assertThat(objects).hasSize(3);
            for (ObjectSummary o : objects) {
              String[] rows = text(customerBucket, o.key()).split("\r\n");
              assertThat(rows[0])
                  .isEqualTo(
                      "url,final_url,status_code,depth,title,cached,credits,change_status,scraped_at,content,metadata");
              for (int r = 1; r < rows.length; r++) {
                urls.add(rows[r].substring(0, rows[r].indexOf(',')));
              }
            }
          }
        }
        assertThat(urls).hasSize(pages).doesNotHaveDuplicates().contains(site.url("/p/5"));
      }
    }
  }

  @Test
  void aConnectorThatCannotWriteNeverLosesTheCrawl() {
    var account = Accounts.open("selfhost");
    String wrongSecret = "wrong-secret-key-never-echoed-424242";
    try (FixtureSite site = Sites.chain("127.0.0.73", 3).start()) {
      String id =
          start(
              account.token(),
              Map.of("url", site.url("/"), "output", s3Output("bad/", "jsonl", wrongSecret)));
      JsonPath done = outputSettled(account.token(), id);
      assertThat(done.getString("status")).isEqualTo("completed");
      assertThat(done.getString("output_status")).isEqualTo("failed");
      assertThat(done.getString("output_error")).contains("SignatureDoesNotMatch");
      String withResults =
          given()
              .auth()
              .oauth2(account.token())
              .get("/api/v1/crawl/" + id + "?include_results=true")
              .then()
              .statusCode(200)
              .extract()
              .asString();
      assertThat(JsonPath.from(withResults).getList("results")).hasSize(done.getInt("completed"));
      assertThat(withResults)
          .doesNotContain(wrongSecret)
          .doesNotContain(S3ProxyServer.ACCESS_KEY)
          .doesNotContain("credentials");
      assertThat(customerBucket.list("bad/")).isEmpty();
    }
  }

  @Test
  void storageS3AndR2AnswerWithAPresignedDownloadOfEveryPage() throws Exception {
    var account = Accounts.open("selfhost");
    HttpClient http = HttpClient.newHttpClient();
    String[] backends = {"s3", "r2"};
    for (int i = 0; i < backends.length; i++) {
      try (FixtureSite site = Sites.chain("127.0.0.7" + (4 + i), 4).start()) {
        String id =
            start(
                account.token(),
                Map.of("url", site.url("/"), "max_pages", 20, "storage", backends[i]));
        JsonPath done =
            Crawls.pollUntil(
                account.token(), "/api/v1/crawl/" + id, r -> r.getString("download_url") != null);
        assertThat(done.getString("storage")).isEqualTo(backends[i]);
        assertThat(done.getString("download_expires_at")).isNotBlank();
        URI url = URI.create(done.getString("download_url"));
        HttpResponse<String> download =
            http.send(
                HttpRequest.newBuilder(url).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(download.statusCode()).isEqualTo(200);
        List<String> urls = new ArrayList<>();
        for (String line : download.body().split("\n")) {
          urls.add(JSON.readTree(line).path("url").asText());
        }
        assertThat(urls)
            .hasSize(done.getInt("completed"))
            .doesNotHaveDuplicates()
            .contains(site.url("/p/4"));

        URI unsigned = URI.create(url.toString().substring(0, url.toString().indexOf('?')));
        HttpResponse<String> refused =
            http.send(
                HttpRequest.newBuilder(unsigned).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(403);
      }
    }
  }

  @Test
  void outputGcsWritesThroughGooglesProtocol() throws IOException {
    var account = Accounts.open("selfhost");
    String serviceAccount = setting("test.gcs.service-account-json");
    try (FixtureSite site = Sites.chain("127.0.0.76", 4).start()) {
      Map<String, Object> output = new HashMap<>();
      output.put("type", "gcs");
      output.put("bucket", ObjectStores.GCS_BUCKET);
      output.put("prefix", "gcs/");
      output.put("credentials", Map.of("service_account_json", serviceAccount));
      String id = start(account.token(), Map.of("url", site.url("/"), "output", output));
      JsonPath done = outputSettled(account.token(), id);
      assertThat(done.getString("output_status")).isEqualTo("completed");
      String body =
          given()
              .auth()
              .oauth2(account.token())
              .get("/api/v1/crawl/" + id)
              .then()
              .extract()
              .asString();
      assertThat(body).doesNotContain("PRIVATE KEY").doesNotContain("service_account");

      try (GcsObjectStore gcs =
          new GcsObjectStore(
              GcsSettings.of(ObjectStores.GCS_BUCKET, ServiceAccount.fromJson(serviceAccount))
                  .withApiBase(URI.create(setting("orbweaver.storage.gcs-api-base"))),
              Egress.guarded(AllowedPrivateCidrs.of("127.0.0.0/8")))) {
        List<String> urls = new ArrayList<>();
        for (ObjectSummary o : gcs.list("gcs/" + id + "/")) {
          for (String line : text(gcs, o.key()).split("\n")) {
            urls.add(JSON.readTree(line).path("url").asText());
          }
        }
        assertThat(urls).hasSize(done.getInt("completed")).doesNotHaveDuplicates();
      }
    }
  }

  @Test
  void aGcsKeyTheTokenEndpointRefusesFailsTheConnectorNotTheCrawl() {
    var account = Accounts.open("selfhost");
    try (FixtureSite site = Sites.chain("127.0.0.77", 2).start()) {
      String id =
          start(
              account.token(),
              Map.of(
                  "url",
                  site.url("/"),
                  "output",
                  Map.of(
                      "type",
                      "gcs",
                      "bucket",
                      ObjectStores.GCS_BUCKET,
                      "credentials",
                      Map.of(
                          "service_account_json",
                          setting("test.gcs.service-account-json-another-key")))));
      JsonPath done = outputSettled(account.token(), id);
      assertThat(done.getString("status")).isEqualTo("completed");
      assertThat(done.getString("output_status")).isEqualTo("failed");
      assertThat(done.getString("output_error")).contains("invalid_grant");
    }
  }

  @Test
  void anUnreachableBucketIsRetriedWithBackoffThenReportedFailed() throws Exception {
    var account = Accounts.open("selfhost");
    int closedPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    Map<String, Object> output =
        new HashMap<>(s3Output("gone/", "jsonl", S3ProxyServer.SECRET_KEY));
    output.put("endpoint", "http://127.0.0.1:" + closedPort);
    try (FixtureSite site = Sites.chain("127.0.0.78", 1).start()) {
      String id = start(account.token(), Map.of("url", site.url("/"), "output", output));
      JsonPath done = outputSettled(account.token(), id);
      assertThat(done.getString("status")).isEqualTo("completed");
      assertThat(done.getString("output_status")).isEqualTo("failed");
      assertThat(done.getString("output_error")).isNotBlank();
      try (var c = dataSource.getConnection();
          var q =
              c.prepareStatement(
                  "select e.attempts from crawl_export e join crawl k on k.id = e.crawl_id"
                      + " where k.public_id = ?::uuid")) {
        q.setString(1, id);
        try (var rs = q.executeQuery()) {
          rs.next();
          // every attempt the setting allows (6), each after a doubled wait
          assertThat(rs.getInt(1)).isEqualTo(6);
        }
      }
    }
  }

  @Test
  void aCustomerEndpointOnAMetadataAddressIsRefusedByTheSsrfGuard() {
    var account = Accounts.open("selfhost");
    Map<String, Object> output =
        new HashMap<>(s3Output("meta/", "jsonl", S3ProxyServer.SECRET_KEY));
    output.put("endpoint", "http://169.254.169.254");
    try (FixtureSite site = Sites.chain("127.0.0.79", 1).start()) {
      String id = start(account.token(), Map.of("url", site.url("/"), "output", output));
      JsonPath done = outputSettled(account.token(), id);
      assertThat(done.getString("status")).isEqualTo("completed");
      assertThat(done.getString("output_status")).isEqualTo("failed");
      assertThat(done.getString("output_error")).contains("169.254.169.254");
    }
  }

  @Test
  void theSweeperDeletesExportsPastTheirRetentionOnly() {
    try (S3ObjectStore platform = platformStore()) {
      platform.ensureBucket();
      sweepsOnlyExportsPastTheirRetention(platform);
    }
  }

  private void sweepsOnlyExportsPastTheirRetention(ObjectStore platform) {
    platform.put(
        "crawl-exports/1/old.jsonl",
        "{}\n".getBytes(StandardCharsets.UTF_8),
        "application/x-ndjson");
    platform.put("elsewhere/kept.bin", new byte[] {1}, "application/octet-stream");
    java.time.Instant now = java.time.Instant.now();
    assertThat(sweeper.sweep(now)).isZero();
    assertThat(platform.get("crawl-exports/1/old.jsonl")).isPresent();
    assertThat(sweeper.sweep(now.plus(java.time.Duration.ofDays(31)))).isPositive();
    assertThat(platform.list("crawl-exports/")).isEmpty();
    assertThat(platform.get("elsewhere/kept.bin")).isPresent();
  }

  @Test
  void malformedConnectorsAreRefusedBeforeTheCrawlStarts() {
    var account = Accounts.open("selfhost");
    Map<String, Object> noKeys = new HashMap<>(s3Output("p/", "jsonl", "x"));
    noKeys.remove("credentials");
    refused(account.token(), noKeys, "output.credentials is required");
    refused(account.token(), s3Output("p/", "parquet", "secret-x"), "output.format");
    Map<String, Object> badBucket = new HashMap<>(s3Output("p/", "jsonl", "secret-x"));
    badBucket.put("bucket", "Not A Bucket");
    refused(account.token(), badBucket, "output.bucket");
    Map<String, Object> longPrefix = new HashMap<>(s3Output("p".repeat(513), "jsonl", "secret-x"));
    refused(account.token(), longPrefix, "output.prefix");
    refused(
        account.token(),
        Map.of(
            "type",
            "gcs",
            "bucket",
            "b-ucket",
            "credentials",
            Map.of("service_account_json", "{\"type\":\"service_account\"}")),
        "lacks client_email");
    refused(account.token(), Map.of("type", "ftp"), "output.type");
  }

  private static void refused(String token, Map<String, Object> output, String message) {
    given()
        .auth()
        .oauth2(token)
        .contentType(ContentType.JSON)
        .body(Map.of("url", "http://127.0.0.78/", "output", output))
        .post("/api/v1/crawl")
        .then()
        .statusCode(400)
        .body("detail", org.hamcrest.Matchers.containsString(message));
  }

  private static Map<String, Object> s3Output(String prefix, String format, String secret) {
    Map<String, Object> output = new HashMap<>();
    output.put("type", "s3");
    output.put("bucket", CUSTOMER_BUCKET);
    output.put("prefix", prefix);
    output.put("region", "us-east-1");
    output.put("endpoint", customer.endpoint().toString());
    output.put("format", format);
    output.put(
        "credentials",
        Map.of("access_key_id", S3ProxyServer.ACCESS_KEY, "secret_access_key", secret));
    return output;
  }

  private static String start(String token, Map<String, Object> body) {
    return given()
        .auth()
        .oauth2(token)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v1/crawl")
        .then()
        .statusCode(202)
        .extract()
        .path("crawl_id");
  }

  private static JsonPath outputSettled(String token, String id) {
    return Crawls.pollUntil(
        token,
        "/api/v1/crawl/" + id,
        r -> List.of("completed", "failed").contains(r.getString("output_status")));
  }

  private static String text(ObjectStore store, String key) {
    return new String(store.get(key).orElseThrow().content(), StandardCharsets.UTF_8);
  }

  private static S3ObjectStore platformStore() {
    return new S3ObjectStore(
        S3Settings.of(
            URI.create(setting("orbweaver.storage.endpoint")),
            "us-east-1",
            ObjectStores.PLATFORM_BUCKET,
            S3ProxyServer.ACCESS_KEY,
            S3ProxyServer.SECRET_KEY),
        Egress.trusted());
  }

  private static String setting(String name) {
    return ConfigProvider.getConfig().getValue(name, String.class);
  }
}
