package dev.orbweaver.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orbweaver.storage.Egress;
import dev.orbweaver.storage.ObjectSummary;
import dev.orbweaver.storage.fixture.S3ProxyServer;
import dev.orbweaver.storage.s3.S3ObjectStore;
import dev.orbweaver.storage.s3.S3Settings;
import dev.orbweaver.testing.FixtureSite;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * AlterLab's storage s3 (the launcher's embedded object store) and an s3 output connector (a
 * customer's own S3 server), through the gateway.
 */
@ExtendWith(PlatformExtension.class)
class ObjectStorageIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BUCKET = "customer-e2e";

  private static FixtureSite site;
  private static S3ProxyServer customer;
  private static S3ObjectStore customerBucket;

  @BeforeAll
  static void start() {
    site = Sites.web("127.0.0.63", 12).start();
    customer = S3ProxyServer.start();
    customerBucket =
        new S3ObjectStore(
            S3Settings.of(
                customer.endpoint(),
                "us-east-1",
                BUCKET,
                S3ProxyServer.ACCESS_KEY,
                S3ProxyServer.SECRET_KEY),
            Egress.trusted());
    customerBucket.ensureBucket();
  }

  @AfterAll
  static void stop() {
    customerBucket.close();
    customer.close();
    site.close();
  }

  @Test
  void storageS3AnswersWithADownloadOfEveryPageFromTheEmbeddedStore(Platform platform)
      throws Exception {
    Platform.Account account = platform.createAccount("storage-s3", "selfhost");
    String id =
        start(platform, account, Map.of("url", site.url("/"), "max_pages", 10, "storage", "s3"));
    JsonPath done =
        CrawlDialectsIT.poll(
            () -> Gateway.as(platform, account.key()),
            "/api/v1/crawl/" + id,
            r -> r.getString("download_url") != null);
    HttpClient http = HttpClient.newHttpClient();
    URI url = URI.create(done.getString("download_url"));
    HttpResponse<String> download =
        http.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(download.statusCode()).isEqualTo(200);
    List<String> urls = new ArrayList<>();
    for (String line : download.body().split("\n")) {
      urls.add(JSON.readTree(line).path("url").asText());
    }
    assertThat(urls).hasSize(done.getInt("completed")).hasSize(10).doesNotHaveDuplicates();
    URI unsigned = URI.create(url.toString().substring(0, url.toString().indexOf('?')));
    assertThat(
            http.send(
                    HttpRequest.newBuilder(unsigned).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode())
        .isEqualTo(403);
  }

  @Test
  void outputS3StreamsEveryPageOnceToTheCustomersBucket(Platform platform) throws Exception {
    Platform.Account account = platform.createAccount("output-s3", "selfhost");
    String secret = S3ProxyServer.SECRET_KEY;
    Map<String, Object> output =
        Map.of(
            "type", "s3",
            "bucket", BUCKET,
            "prefix", "e2e/",
            "region", "us-east-1",
            "endpoint", customer.endpoint().toString(),
            "format", "jsonl",
            "credentials",
                Map.of("access_key_id", S3ProxyServer.ACCESS_KEY, "secret_access_key", secret));
    String id =
        start(platform, account, Map.of("url", site.url("/"), "max_pages", 10, "output", output));
    JsonPath done =
        CrawlDialectsIT.poll(
            () -> Gateway.as(platform, account.key()),
            "/api/v1/crawl/" + id,
            r -> List.of("completed", "failed").contains(r.getString("output_status")));
    assertThat(done.getString("output_status")).isEqualTo("completed");
    List<String> urls = new ArrayList<>();
    for (ObjectSummary o : customerBucket.list("e2e/" + id + "/")) {
      String text =
          new String(customerBucket.get(o.key()).orElseThrow().content(), StandardCharsets.UTF_8);
      for (String line : text.split("\n")) {
        urls.add(JSON.readTree(line).path("url").asText());
      }
    }
    assertThat(urls).hasSize(done.getInt("completed")).hasSize(10).doesNotHaveDuplicates();
    String status =
        Gateway.as(platform, account.key()).get("/api/v1/crawl/" + id).then().extract().asString();
    assertThat(status).doesNotContain(secret).doesNotContain(S3ProxyServer.ACCESS_KEY);
  }

  private static String start(
      Platform platform, Platform.Account account, Map<String, Object> body) {
    return Gateway.as(platform, account.key())
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v1/crawl")
        .then()
        .statusCode(202)
        .extract()
        .path("crawl_id");
  }
}
