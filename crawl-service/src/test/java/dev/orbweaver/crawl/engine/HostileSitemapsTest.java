package dev.orbweaver.crawl.engine;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orbweaver.crawl.support.Accounts;
import dev.orbweaver.crawl.support.CleanSlate;
import dev.orbweaver.crawl.support.Crawls;
import dev.orbweaver.crawl.support.ShortFetchTimeouts;
import dev.orbweaver.testing.HeapWatch;
import dev.orbweaver.testing.HostileSite;
import dev.orbweaver.testing.HostileSite.Trap;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link HostileSite}'s sitemaps of a million URLs (XML of 58 MB, the same gzipped, 35 MB of text),
 * one of 800,000 URLs that fits the 50 MiB limit, and five that send a byte a second: each crawl
 * ends in bounded time with at most max_pages pages, a sitemap too large to read fails a crawl
 * seeded by it and names why, and the live heap never holds a whole sitemap's worth of entries.
 */
@QuarkusTest
@TestProfile(ShortFetchTimeouts.class)
class HostileSitemapsTest {

  @BeforeAll
  static void emptyCrawlSchema() {
    CleanSlate.crawls();
  }

  @Test
  void sitemapsOfAMillionUrlsSeedCrawlsWithinTheirLimits() {
    var account = Accounts.open("selfhost");
    try (HostileSite site = HostileSite.on("127.0.0.64").start();
        HostileSite fits = HostileSite.on("127.0.0.67").sitemapUrls(800_000).start();
        HeapWatch heap = HeapWatch.start(Duration.ofSeconds(1))) {
      // 35 MB of text fits the 50 MiB a sitemap may have: its first URLs are the crawl's pages.
      JsonPath text = sitemapCrawl(account.token(), site.url(Trap.SITEMAP_TXT), 30);
      assertThat(text.getString("status")).isEqualTo("done");
      assertThat(text.getInt("page_count")).isEqualTo(30);

      JsonPath xml = sitemapCrawl(account.token(), site.url(Trap.SITEMAP_XML), 30);
      assertThat(xml.getString("status")).isEqualTo("failed");
      assertThat(xml.getString("error_message")).startsWith("sitemap: too_large: ");

      JsonPath gz = sitemapCrawl(account.token(), site.url(Trap.SITEMAP_XML_GZ), 30);
      assertThat(gz.getString("status")).isEqualTo("failed");
      assertThat(gz.getString("error_message"))
          .startsWith("sitemap: the gzip file does not decompress within 52428800 bytes");

      // 800,000 URLs are 46 MB of XML, under the limit: the parser keeps the first 100,000 only.
      JsonPath largest = sitemapCrawl(account.token(), fits.url(Trap.SITEMAP_XML), 30);
      assertThat(largest.getString("status")).isEqualTo("done");
      assertThat(largest.getInt("page_count")).isEqualTo(30);

      HostileSiteTest.assertLetGo(site);
      assertThat(heap.growthBytes())
          .as("live heap growth while reading sitemaps of a million URLs")
          .isLessThan(200L << 20);
    }
  }

  @Test
  void aCrawlThatReadsEverySitemapRobotsTxtListsEndsWithinItsLimit() {
    var account = Accounts.open("selfhost");
    try (HostileSite site = HostileSite.on("127.0.0.68").start();
        HeapWatch heap = HeapWatch.start(Duration.ofSeconds(1))) {
      Instant started = Instant.now();
      String id =
          given()
              .auth()
              .oauth2(account.token())
              .contentType(ContentType.JSON)
              .body(Map.of("url", site.url("/"), "limit", 20, "sitemap", "include"))
              .post("/v1/crawl")
              .then()
              .statusCode(200)
              .extract()
              .path("id");
      JsonPath done =
          Crawls.pollUntil(
              account.token(), "/v1/crawl/" + id, r -> !r.getString("status").equals("scraping"));

      assertThat(done.getString("status")).isEqualTo("completed");
      assertThat(done.getInt("completed")).isLessThanOrEqualTo(20);
      assertThat(Duration.between(started, Instant.now())).isLessThan(Duration.ofSeconds(40));
      assertThat(site.hits().stream().filter(h -> h.path().startsWith("/slow?sitemap=")))
          .as("every listed sitemap is asked for once")
          .hasSize(5);
      HostileSiteTest.assertLetGo(site);
      assertThat(heap.growthBytes())
          .as("live heap growth while reading three big sitemaps at once")
          .isLessThan(300L << 20);
    }
  }

  private static JsonPath sitemapCrawl(String token, String sitemap, int maxPages) {
    long id =
        ScopeAndLimitsTest.start(
            token,
            Map.of("url", sitemap, "seed_kind", "sitemap", "max_pages", maxPages, "delay_ms", 0));
    return Crawls.crawlcrawlDone(token, id);
  }
}
