package dev.orbweaver.crawl.engine;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orbweaver.crawl.support.Accounts;
import dev.orbweaver.crawl.support.CleanSlate;
import dev.orbweaver.crawl.support.Crawls;
import dev.orbweaver.crawl.support.LoopbackNames;
import dev.orbweaver.crawl.support.Sites;
import dev.orbweaver.testing.FixtureSite;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a crawl may fetch: never one page more than max_pages, no deeper than asked, robots obeyed.
 */
@QuarkusTest
class ScopeAndLimitsTest {

  @BeforeAll
  static void emptyCrawlSchema() {
    CleanSlate.crawls();
  }

  @Test
  void maxPagesIsExactEvenWithManyWorkersInFlight() {
    var account = Accounts.open("selfhost");
    try (FixtureSite site = Sites.chain("127.0.0.3", 60).start()) {
      long id =
          start(
              account.token(),
              Map.of(
                  "url",
                  site.url("/"),
                  "max_pages",
                  17,
                  "depth",
                  50,
                  "delay_ms",
                  0,
                  "concurrency",
                  16));
      JsonPath run = Crawls.crawlcrawlDone(account.token(), id);
      assertThat(run.getString("status")).isEqualTo("done");
      assertThat(run.getInt("page_count")).isEqualTo(17);
      assertThat(site.pageHits()).hasSize(17);
    }
  }

  @Test
  void depthLimitsHowFarLinksAreFollowed() {
    var account = Accounts.open("selfhost");
    // / links to /p/1 only; /p/i links to /p/i+1: depth 3 reaches /, /p/1, /p/2, /p/3
    FixtureSite site = FixtureSite.on("127.0.0.3");
    site.page("/", Sites.page("Home", "<a href=\"/p/1\">1</a>"));
    for (int i = 1; i <= 10; i++) {
      site.page("/p/" + i, Sites.page("P" + i, "<a href=\"/p/" + (i + 1) + "\">next</a>"));
    }
    try (site) {
      site.start();
      long id = start(account.token(), Map.of("url", site.url("/"), "depth", 3, "delay_ms", 0));
      JsonPath run = Crawls.crawlcrawlDone(account.token(), id);
      assertThat(run.getInt("page_count")).isEqualTo(4);
      assertThat(site.pageHits())
          .extracting(FixtureSite.Hit::path)
          .containsExactlyInAnyOrder("/", "/p/1", "/p/2", "/p/3");
    }
  }

  /**
   * A page's depth is its shortest link distance from the seed, whatever order the fetches end in.
   * Home links to a slow page and to a fast chain; both lead to /x, the slow way in two steps, the
   * fast way in three, so /x is first met at depth 3, where a crawl of depth 3 stops following
   * links. Its later discovery at depth 2 must still bring /y (depth 3) in, and never /z (4).
   */
  @Test
  void depthIsTheShortestLinkDistanceWhenTheShortPathIsSlow() {
    var account = Accounts.open("selfhost");
    FixtureSite site = FixtureSite.on("127.0.0.3");
    site.page("/", Sites.page("Home", "<a href=\"/slow\">slow</a> <a href=\"/f1\">f1</a>"));
    site.slow("/slow", Duration.ofMillis(1500), Sites.page("Slow", "<a href=\"/x\">x</a>"));
    site.page("/f1", Sites.page("F1", "<a href=\"/f2\">f2</a>"));
    site.page("/f2", Sites.page("F2", "<a href=\"/x\">x</a>"));
    site.page("/x", Sites.page("X", "<a href=\"/y\">y</a>"));
    site.page("/y", Sites.page("Y", "<a href=\"/z\">z</a>"));
    site.page("/z", Sites.page("Z", "too deep"));
    try (site) {
      site.start();
      for (int run = 0; run < 3; run++) {
        assertThat(crawlToDepthThree(account.token(), site))
            .as("run " + run)
            .containsExactlyInAnyOrder("/", "/slow", "/f1", "/f2", "/x", "/y");
      }
      assertThat(site.hits("/z")).isZero();
    }
  }

  /**
   * The same when the shorter path is found while the page is being fetched at the longer one: its
   * links are followed again from the shorter distance.
   */
  @Test
  void depthIsTheShortestLinkDistanceWhenThePageIsInFlightAsTheShortPathArrives() {
    var account = Accounts.open("selfhost");
    FixtureSite site = FixtureSite.on("127.0.0.3");
    site.page("/", Sites.page("Home", "<a href=\"/s\">s</a> <a href=\"/a\">a</a>"));
    site.slow("/s", Duration.ofMillis(700), Sites.page("S", "<a href=\"/x\">x</a>"));
    site.page("/a", Sites.page("A", "<a href=\"/b\">b</a>"));
    site.page("/b", Sites.page("B", "<a href=\"/x\">x</a>"));
    site.slow("/x", Duration.ofMillis(2000), Sites.page("X", "<a href=\"/y\">y</a>"));
    site.page("/y", Sites.page("Y", "<a href=\"/z\">z</a>"));
    site.page("/z", Sites.page("Z", "too deep"));
    try (site) {
      site.start();
      assertThat(crawlToDepthThree(account.token(), site))
          .containsExactlyInAnyOrder("/", "/s", "/a", "/b", "/x", "/y");
      assertThat(site.hits("/z")).isZero();
    }
  }

  /**
   * crawlcrawl's {@code subdomains}: with it, a crawl of www.example.com also crawls
   * blog.example.com (one registrable domain); without it, only the seed's host. Another domain,
   * example.net, is never crawled.
   */
  @Test
  void subdomainsOfTheSeedsDomainAreCrawledOnlyWhenAsked() {
    var account = Accounts.open("selfhost");
    FixtureSite www = FixtureSite.on(LoopbackNames.ADDRESSES.get("www.example.com"));
    FixtureSite blog = FixtureSite.on(LoopbackNames.ADDRESSES.get("blog.example.com"));
    FixtureSite elsewhere = FixtureSite.on(LoopbackNames.ADDRESSES.get("www.example.net"));
    try (www;
        blog;
        elsewhere) {
      blog.start();
      elsewhere.start();
      blog.page("/post", Sites.page("Post", "<a href=\"/post/2\">next</a>"));
      blog.page("/post/2", Sites.page("Post 2", "the end"));
      elsewhere.page("/page", Sites.page("Elsewhere", "not ours"));
      www.page(
          "/",
          Sites.page(
              "Shop",
              "<a href=\"/about\">about</a>"
                  + " <a href=\""
                  + LoopbackNames.url("blog.example.com", blog, "/post")
                  + "\">blog</a> <a href=\""
                  + LoopbackNames.url("www.example.net", elsewhere, "/page")
                  + "\">elsewhere</a>"));
      www.page("/about", Sites.page("About", "<a href=\"/\">home</a>"));
      www.start();
      String seed = LoopbackNames.url("www.example.com", www, "/");

      long alone = start(account.token(), Map.of("url", seed, "delay_ms", 0, "subdomains", false));
      assertThat(Crawls.crawlcrawlDone(account.token(), alone).getInt("page_count")).isEqualTo(2);
      assertThat(blog.pageHits()).isEmpty();

      long spread = start(account.token(), Map.of("url", seed, "delay_ms", 0, "subdomains", true));
      assertThat(Crawls.crawlcrawlDone(account.token(), spread).getInt("page_count")).isEqualTo(4);
      assertThat(pageUrls(account.token(), spread))
          .containsExactlyInAnyOrder(
              seed,
              LoopbackNames.url("www.example.com", www, "/about"),
              LoopbackNames.url("blog.example.com", blog, "/post"),
              LoopbackNames.url("blog.example.com", blog, "/post/2"));
      assertThat(elsewhere.hits()).isEmpty();
    }
  }

  private static List<String> pageUrls(String token, long id) {
    return given()
        .auth()
        .oauth2(token)
        .get("/v1/crawls/" + id + "/pages?limit=100")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("items.url", String.class);
  }

  /** The paths of the pages a crawl of depth 3 stored. */
  private List<String> crawlToDepthThree(String token, FixtureSite site) {
    long id =
        start(token, Map.of("url", site.url("/"), "depth", 3, "delay_ms", 0, "concurrency", 8));
    JsonPath run = Crawls.crawlcrawlDone(token, id);
    assertThat(run.getString("status")).isEqualTo("done");
    return pageUrls(token, id).stream().map(url -> url.substring(site.origin().length())).toList();
  }

  @Test
  void robotsDisallowedPagesAreNotFetchedAndCrawlDelayIsKept() {
    var account = Accounts.open("selfhost");
    FixtureSite site = FixtureSite.on("127.0.0.4");
    site.text("/robots.txt", "text/plain", "User-agent: *\nDisallow: /private/\nCrawl-delay: 1\n");
    site.page(
        "/",
        Sites.page("Home", "<a href=\"/a\">a</a><a href=\"/b\">b</a><a href=\"/private/x\">x</a>"));
    site.page("/a", Sites.page("A", ""));
    site.page("/b", Sites.page("B", ""));
    site.page("/private/x", Sites.page("Secret", ""));
    try (site) {
      site.start();
      long id = start(account.token(), Map.of("url", site.url("/"), "delay_ms", 0));
      JsonPath run = Crawls.crawlcrawlDone(account.token(), id);
      assertThat(run.getInt("page_count")).isEqualTo(3);
      assertThat(site.hits("/private/x")).isZero();
      List<FixtureSite.Hit> pages = site.pageHits();
      for (int i = 1; i < pages.size(); i++) {
        assertThat(Duration.between(pages.get(i - 1).at(), pages.get(i).at()))
            .isGreaterThanOrEqualTo(Duration.ofMillis(950));
      }
    }
  }

  @Test
  void notFoundPagesArePagesAndRefusedConnectionsAreErrors() {
    var account = Accounts.open("selfhost");
    FixtureSite site = FixtureSite.on("127.0.0.5");
    // port 1 on loopback refuses connections: a crawler-side failure, not a page
    site.page(
        "/",
        Sites.page("Home", "<a href=\"/missing\">m</a><a href=\"http://127.0.0.5:1/x\">x</a>"));
    try (site) {
      site.start();
      long id =
          start(
              account.token(),
              Map.of("url", site.url("/"), "delay_ms", 0, "respect_robots", false));
      JsonPath run = Crawls.crawlcrawlDone(account.token(), id);
      assertThat(run.getInt("page_count")).isEqualTo(2);
      assertThat(run.getString("status")).isEqualTo("done");
    }
  }

  static long start(String token, Map<String, Object> body) {
    return given()
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
  }
}
