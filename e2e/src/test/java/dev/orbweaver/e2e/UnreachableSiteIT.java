package dev.orbweaver.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orbweaver.testing.FixtureSite;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A crawl of a site that cannot be reached fails through the gateway in every dialect, and says
 * why: robots.txt could not be read (refused, or a 5xx), so RFC 9309 disallows the whole site.
 */
@ExtendWith(PlatformExtension.class)
class UnreachableSiteIT {

  @Test
  void aSiteThatRefusesConnectionsFailsInEveryDialectNamingTheReason(Platform platform)
      throws IOException {
    Platform.Account account = platform.createAccount("unreachable", "lifetime");
    String url = "http://127.0.0.61:" + closedPort("127.0.0.61") + "/";

    long run =
        Gateway.as(platform, account.key())
            .contentType(ContentType.JSON)
            .body(Map.of("url", url, "delay_ms", 0))
            .post("/v1/crawls")
            .then()
            .statusCode(202)
            .extract()
            .jsonPath()
            .getLong("id");
    JsonPath crawlcrawl = over(platform, account, "/v1/crawls/" + run, "done", "failed");
    assertThat(crawlcrawl.getString("status")).isEqualTo("failed");
    assertThat(crawlcrawl.getInt("error_count")).isEqualTo(1);
    assertThat(crawlcrawl.getString("error_message"))
        .startsWith("robots_unreachable: robots.txt could not be read: connection refused (")
        .contains(url + "robots.txt");

    String alterlabId =
        Gateway.as(platform, account.key())
            .contentType(ContentType.JSON)
            .body(Map.of("url", url))
            .post("/api/v1/crawl")
            .then()
            .statusCode(202)
            .extract()
            .path("crawl_id");
    JsonPath alterlab =
        over(platform, account, "/api/v1/crawl/" + alterlabId, "completed", "partial", "failed");
    assertThat(alterlab.getString("status")).isEqualTo("failed");
    assertThat(alterlab.getInt("failed")).isEqualTo(1);
    assertThat(alterlab.getString("error")).contains("connection refused");
    assertThat(alterlab.getInt("billing.credits_used")).isZero();

    for (String version : List.of("v1", "v2")) {
      String id =
          Gateway.as(platform, account.key())
              .contentType(ContentType.JSON)
              .body(Map.of("url", url, "limit", 5))
              .post("/" + version + "/crawl")
              .then()
              .statusCode(200)
              .extract()
              .path("id");
      JsonPath firecrawl =
          over(platform, account, "/" + version + "/crawl/" + id, "completed", "failed");
      assertThat(firecrawl.getString("status")).isEqualTo("failed");
      assertThat(firecrawl.getString("error")).contains("connection refused");
    }
  }

  @Test
  void aRobotsTxtAnswering500FailsTheCrawlAndItsWebhookSaysWhy(Platform platform) throws Exception {
    Platform.Account account = platform.createAccount("robots-500", "lifetime");
    FixtureSite site = FixtureSite.on("127.0.0.62");
    site.status("/robots.txt", 503, "<h1>down for maintenance</h1>");
    site.page("/", Sites.page("Home", "<a href=\"/a\">a</a>"));
    try (site;
        WebhookIT.Receiver hooks = new WebhookIT.Receiver()) {
      site.start();
      String id =
          Gateway.as(platform, account.key())
              .contentType(ContentType.JSON)
              .body(
                  Map.of(
                      "url",
                      site.url("/"),
                      "webhook",
                      Map.of("url", hooks.url(), "events", List.of("crawl.failed"))))
              .post("/api/v1/crawl")
              .then()
              .statusCode(202)
              .extract()
              .path("crawl_id");
      JsonPath done = over(platform, account, "/api/v1/crawl/" + id, "completed", "failed");

      String why =
          "robots_unreachable: robots.txt could not be read: HTTP 503 ("
              + site.url("/robots.txt")
              + "); RFC 9309 then disallows the whole site";
      assertThat(done.getString("status")).isEqualTo("failed");
      assertThat(done.getString("error")).isEqualTo(why);
      assertThat(site.pageHits()).as("nothing of the site is fetched").isEmpty();
      Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
      while (hooks.hits.isEmpty()) {
        assertThat(Instant.now()).as("the crawl.failed webhook arrives").isBefore(deadline);
        Thread.sleep(100);
      }
      JsonPath event = JsonPath.from(hooks.hits.get(0).body());
      assertThat(event.getString("event")).isEqualTo("crawl.failed");
      assertThat(event.getString("data.status")).isEqualTo("failed");
      assertThat(event.getString("data.error")).isEqualTo(why);
    }
  }

  private static JsonPath over(
      Platform platform, Platform.Account account, String path, String... terminal) {
    return CrawlDialectsIT.poll(
        () -> Gateway.as(platform, account.key()),
        path,
        r -> List.of(terminal).contains(r.getString("status")));
  }

  /** A loopback port nothing listens on: connections to it are refused at once. */
  private static int closedPort(String address) throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(address))) {
      return socket.getLocalPort();
    }
  }
}
