package dev.orbweaver.crawl.engine;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orbweaver.crawl.support.Accounts;
import dev.orbweaver.crawl.support.CleanSlate;
import dev.orbweaver.crawl.support.Crawls;
import dev.orbweaver.crawl.support.Sites;
import dev.orbweaver.testing.FixtureSite;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A site that cannot be reached is a failed crawl that says why, in every dialect: RFC 9309 still
 * disallows the whole site when robots.txt cannot be read (5xx, refused, no answer, no such host),
 * so nothing of it is fetched, but the crawl counts that as an error instead of ending "completed"
 * with nothing. Fetches time out after two seconds here, so that a site that never answers is given
 * up on quickly.
 */
@QuarkusTest
@TestProfile(UnreachableSitesTest.ShortTimeouts.class)
class UnreachableSitesTest {

  /** Fetching gives up after two seconds of silence. */
  public static class ShortTimeouts implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "orbweaver.fetch.connect-timeout", "PT2S",
          "orbweaver.fetch.read-timeout", "PT2S",
          "orbweaver.fetch.total-timeout", "PT5S");
    }
  }

  @BeforeAll
  static void emptyCrawlSchema() {
    CleanSlate.crawls();
  }

  @Test
  void aSiteThatRefusesConnectionsFailsInEveryDialectSayingSo() {
    var account = Accounts.open("free");
    String url = "http://127.0.0.50:" + closedPort("127.0.0.50") + "/";

    JsonPath run = crawlcrawl(account.token(), Map.of("url", url, "delay_ms", 0));
    assertThat(run.getString("status")).isEqualTo("failed");
    assertThat(run.getInt("page_count")).isZero();
    assertThat(run.getInt("error_count")).isEqualTo(1);
    assertThat(run.getString("error_message"))
        .startsWith("robots_unreachable: robots.txt could not be read: connection refused (")
        .contains(url + "robots.txt")
        .endsWith("; RFC 9309 then disallows the whole site");

    JsonPath alterlab = alterlab(account.token(), Map.of("url", url));
    assertThat(alterlab.getString("status")).isEqualTo("failed");
    assertThat(alterlab.getInt("completed")).isZero();
    assertThat(alterlab.getInt("failed")).isEqualTo(1);
    assertThat(alterlab.getString("error")).contains("connection refused");
    assertThat(alterlab.getInt("billing.credits_used")).isZero();
    assertThat(alterlab.getInt("billing.credits_refunded"))
        .isEqualTo(alterlab.getInt("billing.credits_debited"));

    JsonPath firecrawl = firecrawl(account.token(), "v1", url);
    assertThat(firecrawl.getString("status")).isEqualTo("failed");
    assertThat(firecrawl.getString("error")).contains("connection refused");
  }

  @Test
  void aRobotsTxtAnswering500FailsTheCrawlAndNothingOfTheSiteIsFetched() {
    var account = Accounts.open("free"); // 1000 credits
    FixtureSite site = FixtureSite.on("127.0.0.51");
    site.status("/robots.txt", 500, "<h1>oops</h1>");
    site.page("/", Sites.page("Home", "<a href=\"/a\">a</a>"));
    try (site) {
      site.start();
      JsonPath alterlab = alterlab(account.token(), Map.of("url", site.url("/")));

      assertThat(alterlab.getString("status")).isEqualTo("failed");
      assertThat(alterlab.getString("error"))
          .isEqualTo(
              "robots_unreachable: robots.txt could not be read: HTTP 500 ("
                  + site.url("/robots.txt")
                  + "); RFC 9309 then disallows the whole site");
      assertThat(site.pageHits()).as("nothing of a disallowed site is fetched").isEmpty();
      assertThat(site.hits("/sitemap.xml")).isZero();
      assertThat(alterlab.getInt("billing.credits_refunded")).isEqualTo(50);
      assertThat(Accounts.credits(account.id())).isEqualTo(1000);
    }
  }

  @Test
  void aRobotsTxtThatNeverAnswersFailsWithATimeout() {
    var account = Accounts.open("selfhost");
    FixtureSite site = FixtureSite.on("127.0.0.52");
    site.slow("/robots.txt", Duration.ofSeconds(30), "User-agent: *\nAllow: /\n");
    site.page("/", Sites.page("Home", ""));
    try (site) {
      site.start();
      JsonPath firecrawl = firecrawl(account.token(), "v2", site.url("/"));

      assertThat(firecrawl.getString("status")).isEqualTo("failed");
      assertThat(firecrawl.getString("error"))
          .startsWith("robots_unreachable: robots.txt could not be read: timeout: ")
          .contains(site.url("/robots.txt"));
      assertThat(site.pageHits()).isEmpty();
    }
  }

  @Test
  void aHostNameThatDoesNotResolveFailsNamingTheHost() {
    var account = Accounts.open("selfhost");
    String id =
        given()
            .auth()
            .oauth2(account.token())
            .contentType(ContentType.JSON)
            .body(Map.of("url", "http://nonexistent.invalid/", "limit", 5))
            .post("/v2/crawl")
            .then()
            .statusCode(200)
            .extract()
            .path("id");
    JsonPath done = firecrawlDone(account.token(), "v2", id);

    assertThat(done.getString("status")).isEqualTo("failed");
    assertThat(done.getString("error"))
        .contains("DNS lookup failed: nonexistent.invalid does not resolve");
    JsonPath errors =
        given()
            .auth()
            .oauth2(account.token())
            .get("/v2/crawl/" + id + "/errors")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(errors.getList("errors")).hasSize(1);
    assertThat(errors.getString("errors[0].url")).isEqualTo("http://nonexistent.invalid/");
    assertThat(errors.getString("errors[0].error")).startsWith("robots_unreachable: ");
    assertThat(errors.getList("robotsBlocked")).isEmpty();
  }

  @Test
  void aSeedThatRefusesWhileRobotsTxtAnswersFails() {
    var account = Accounts.open("selfhost");
    String gone = "http://127.0.0.53:" + closedPort("127.0.0.53") + "/";
    FixtureSite site = FixtureSite.on("127.0.0.53");
    site.text("/robots.txt", "text/plain", "User-agent: *\nAllow: /\n");
    site.redirect("/", 302, gone);
    try (site) {
      site.start();
      JsonPath run = crawlcrawl(account.token(), Map.of("url", site.url("/"), "delay_ms", 0));

      assertThat(run.getString("status")).isEqualTo("failed");
      assertThat(run.getInt("error_count")).isEqualTo(1);
      assertThat(run.getString("error_message"))
          .isEqualTo("connect: connection refused (" + gone + ")");
    }
  }

  @Test
  void aSitemapCrawlOfAnUnreachableSiteFails() {
    var account = Accounts.open("selfhost");
    String origin = "http://127.0.0.54:" + closedPort("127.0.0.54");

    JsonPath run =
        crawlcrawl(
            account.token(),
            Map.of("url", origin + "/sitemap.xml", "seed_kind", "sitemap", "delay_ms", 0));
    assertThat(run.getString("status")).isEqualTo("failed");
    assertThat(run.getString("error_message"))
        .startsWith("robots_unreachable: robots.txt could not be read: connection refused");

    JsonPath alterlab = alterlab(account.token(), Map.of("url", origin + "/", "sitemap", "only"));
    assertThat(alterlab.getString("status")).isEqualTo("failed");
    assertThat(alterlab.getString("error")).contains("connection refused");

    // Without robots.txt in the way, the sitemap's own fetch is what fails.
    JsonPath direct =
        crawlcrawl(
            account.token(),
            Map.of(
                "url",
                origin + "/sitemap.xml",
                "seed_kind",
                "sitemap",
                "respect_robots",
                false,
                "delay_ms",
                0));
    assertThat(direct.getString("status")).isEqualTo("failed");
    assertThat(direct.getString("error_message"))
        .startsWith("sitemap: connect: ")
        .contains(origin + "/sitemap.xml");
  }

  /** A loopback port nothing listens on: connections to it are refused at once. */
  private static int closedPort(String address) {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(address))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonPath crawlcrawl(String token, Map<String, Object> body) {
    long id =
        given()
            .auth()
            .oauth2(token)
            .contentType(ContentType.JSON)
            .body(body)
            .post("/v1/crawls")
            .then()
            .statusCode(202)
            .extract()
            .jsonPath()
            .getLong("id");
    return Crawls.crawlcrawlDone(token, id);
  }

  private static JsonPath alterlab(String token, Map<String, Object> body) {
    String id =
        given()
            .auth()
            .oauth2(token)
            .contentType(ContentType.JSON)
            .body(body)
            .post("/api/v1/crawl")
            .then()
            .statusCode(202)
            .extract()
            .path("crawl_id");
    return Crawls.alterlabDone(token, id);
  }

  private static JsonPath firecrawl(String token, String version, String url) {
    String id =
        given()
            .auth()
            .oauth2(token)
            .contentType(ContentType.JSON)
            .body(Map.of("url", url, "limit", 5))
            .post("/" + version + "/crawl")
            .then()
            .statusCode(200)
            .extract()
            .path("id");
    return firecrawlDone(token, version, id);
  }

  private static JsonPath firecrawlDone(String token, String version, String id) {
    return Crawls.pollUntil(
        token,
        "/" + version + "/crawl/" + id,
        r -> List.of("completed", "failed", "cancelled").contains(r.getString("status")));
  }
}
