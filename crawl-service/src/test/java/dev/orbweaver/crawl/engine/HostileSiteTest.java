package dev.orbweaver.crawl.engine;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orbweaver.crawl.support.Accounts;
import dev.orbweaver.crawl.support.CleanSlate;
import dev.orbweaver.crawl.support.Crawls;
import dev.orbweaver.crawl.support.ShortFetchTimeouts;
import dev.orbweaver.crawl.support.Sites;
import dev.orbweaver.testing.FixtureSite;
import dev.orbweaver.testing.HeapWatch;
import dev.orbweaver.testing.HostileSite;
import dev.orbweaver.testing.HostileSite.Trap;
import dev.orbweaver.testing.NoNul;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A site built to hurt its crawler (libs/testing's {@link HostileSite}) is crawled to the end in
 * bounded time and memory: every trap becomes a stored page or a counted page error saying why,
 * nothing of the site's NUL bytes is stored, the link generator is held to the crawl's limits, a
 * robots.txt that stalls or fails fails the crawl, the crawler lets go of every connection, and the
 * service answers other callers meanwhile. Its sitemaps: {@link HostileSitemapsTest}.
 */
@QuarkusTest
@TestProfile(ShortFetchTimeouts.class)
class HostileSiteTest {
  private static final String PAGE = "page";

  /** What becomes of each trap under the fetch limits (10 MiB, 10 redirects, 10 s). */
  private static final Map<Trap, String> OUTCOMES = new EnumMap<>(Trap.class);

  static {
    OUTCOMES.put(Trap.REDIRECT_LOOP, "too_many_redirects");
    OUTCOMES.put(Trap.REDIRECT_CHAIN, "too_many_redirects");
    OUTCOMES.put(Trap.HUGE_PAGE, "too_large");
    OUTCOMES.put(Trap.GZIP_BOMB, "too_large");
    OUTCOMES.put(Trap.SLOW_LORIS, "timeout");
    OUTCOMES.put(Trap.ENDLESS, "too_large");
    OUTCOMES.put(Trap.NUL_HTML, PAGE);
    OUTCOMES.put(Trap.NUL_TEXT, PAGE);
    OUTCOMES.put(Trap.NUL_JSON, PAGE);
    OUTCOMES.put(Trap.BAD_UTF8, PAGE);
    OUTCOMES.put(Trap.UNKNOWN_CHARSET, PAGE);
    OUTCOMES.put(Trap.UTF16_LIE, PAGE);
    OUTCOMES.put(Trap.HUGE_HEADERS, PAGE);
    OUTCOMES.put(Trap.LINK_GENERATOR, PAGE);
    OUTCOMES.put(Trap.SITEMAP_XML, "too_large");
    // 2.5 MB of gzip without Content-Encoding: a binary file, kept as it is.
    OUTCOMES.put(Trap.SITEMAP_XML_GZ, PAGE);
    OUTCOMES.put(Trap.SITEMAP_TXT, "too_large");
  }

  @BeforeAll
  static void emptyCrawlSchema() {
    CleanSlate.crawls();
  }

  @Test
  void everyTrapEndsAsAStoredPageOrACountedErrorWhileTheServiceAnswersOthers() {
    var account = Accounts.open("selfhost");
    try (HostileSite site = HostileSite.on("127.0.0.60").start();
        FixtureSite calm = Sites.chain("127.0.0.61", 3).start();
        HeapWatch heap = HeapWatch.start(Duration.ofSeconds(1))) {
      Instant started = Instant.now();
      String id =
          given()
              .auth()
              .oauth2(account.token())
              .contentType(ContentType.JSON)
              .body(
                  Map.of(
                      "url",
                      site.url("/"),
                      "limit",
                      100,
                      "maxDiscoveryDepth",
                      1,
                      "sitemap",
                      "skip"))
              .post("/v2/crawl")
              .then()
              .statusCode(200)
              .extract()
              .path("id");

      // Meanwhile the service answers: a status call, and another customer's small crawl.
      Instant asked = Instant.now();
      given().auth().oauth2(account.token()).get("/v2/crawl/" + id).then().statusCode(200);
      assertThat(Duration.between(asked, Instant.now())).isLessThan(Duration.ofSeconds(5));
      var other = Accounts.open("selfhost");
      long small =
          ScopeAndLimitsTest.start(other.token(), Map.of("url", calm.url("/"), "delay_ms", 0));
      JsonPath calmRun = Crawls.crawlcrawlDone(other.token(), small);
      assertThat(calmRun.getString("status")).isEqualTo("done");
      // /, /p/1-3 and the missing /p/4, each a page (or, on a starved machine, a timeout)
      assertThat(calmRun.getInt("page_count") + calmRun.getInt("error_count")).isEqualTo(5);
      assertThat(Duration.between(asked, Instant.now())).isLessThan(Duration.ofSeconds(15));

      JsonPath done =
          Crawls.pollUntil(
              account.token(), "/v2/crawl/" + id, r -> !r.getString("status").equals("scraping"));
      assertThat(done.getString("status")).isEqualTo("completed");
      assertThat(Duration.between(started, Instant.now())).isLessThan(Duration.ofSeconds(30));

      Map<String, String> outcomes = new TreeMap<>();
      for (Map<String, Object> doc : done.<Map<String, Object>>getList("data")) {
        @SuppressWarnings("unchecked")
        Map<String, Object> metadata = (Map<String, Object>) doc.get("metadata");
        assertThat(outcomes.put((String) metadata.get("sourceURL"), PAGE)).isNull();
      }
      JsonPath errors =
          given()
              .auth()
              .oauth2(account.token())
              .get("/v2/crawl/" + id + "/errors")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      for (Map<String, Object> error : errors.<Map<String, Object>>getList("errors")) {
        String kind = ((String) error.get("error")).split(":")[0];
        assertThat(outcomes.put((String) error.get("url"), kind))
            .as("a URL is a page or an error, once")
            .isNull();
      }
      assertThat(errors.getList("robotsBlocked")).isEmpty();

      Map<String, String> expected = new TreeMap<>();
      expected.put(site.url("/"), PAGE);
      OUTCOMES.forEach((trap, outcome) -> expected.put(site.url(trap), outcome));
      assertThat(outcomes).isEqualTo(expected);
      assertThat(done.getInt("completed")).isEqualTo(countPages(expected));

      String body = given().auth().oauth2(account.token()).get("/v2/crawl/" + id).asString();
      NoNul.in(body);
      assertThat(
              done.getString("data.find { it.metadata.sourceURL.endsWith('/nul.html') }.markdown"))
          .contains("Tea and cake");

      assertLetGo(site);
      assertThat(heap.growthBytes())
          .as("live heap growth while crawling a 1 GiB bomb and a 50 MiB page")
          .isLessThan(200L << 20);
    }
  }

  @Test
  void crawlcrawlStoresWhatThePagesSayWithoutTheirNulBytes() {
    var account = Accounts.open("selfhost");
    try (HostileSite site = HostileSite.on("127.0.0.62").start()) {
      long id =
          ScopeAndLimitsTest.start(
              account.token(), Map.of("url", site.url("/"), "depth", 1, "delay_ms", 0));
      JsonPath run = Crawls.crawlcrawlDone(account.token(), id);

      assertThat(run.getString("status")).isEqualTo("done");
      Map<String, String> expected = new TreeMap<>();
      expected.put(site.url("/"), PAGE);
      OUTCOMES.forEach((trap, outcome) -> expected.put(site.url(trap), outcome));
      int pages = countPages(expected);
      assertThat(run.getInt("page_count")).isEqualTo(pages);
      assertThat(run.getInt("error_count")).isEqualTo(expected.size() - pages);

      List<Map<String, Object>> items =
          given()
              .auth()
              .oauth2(account.token())
              .queryParam("limit", 500)
              .get("/v1/crawls/" + id + "/pages")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath()
              .getList("items");
      Set<String> stored = new HashSet<>();
      Map<String, Long> ids = new HashMap<>();
      for (Map<String, Object> item : items) {
        stored.add((String) item.get("url"));
        ids.put((String) item.get("url"), ((Number) item.get("id")).longValue());
      }
      Set<String> expectedPages = new HashSet<>();
      expected.forEach(
          (url, outcome) -> {
            if (outcome.equals(PAGE)) {
              expectedPages.add(url);
            }
          });
      assertThat(stored).isEqualTo(expectedPages);

      // Stored HTML and every format rendered from it (text pages keep no HTML to render).
      for (Trap trap :
          List.of(Trap.NUL_HTML, Trap.BAD_UTF8, Trap.UTF16_LIE, Trap.UNKNOWN_CHARSET)) {
        NoNul.in(
            given()
                .auth()
                .oauth2(account.token())
                .queryParam("format", "both")
                .get("/v1/pages/" + ids.get(site.url(trap)))
                .then()
                .statusCode(200)
                .extract()
                .asString());
      }
      assertLetGo(site);
    }
  }

  @Test
  void theLinkGeneratorIsHeldToMaxPagesAndToTheDepth() {
    var account = Accounts.open("selfhost");
    try (HostileSite site = HostileSite.on("127.0.0.63").start()) {
      long byPages =
          ScopeAndLimitsTest.start(
              account.token(),
              Map.of(
                  "url",
                  site.url(Trap.LINK_GENERATOR),
                  "max_pages",
                  40,
                  "depth",
                  50,
                  "delay_ms",
                  0));
      JsonPath run = Crawls.crawlcrawlDone(account.token(), byPages);
      assertThat(run.getString("status")).isEqualTo("done");
      assertThat(run.getInt("page_count")).isEqualTo(40);
      assertThat(generatorHits(site)).isEqualTo(40);

      long byDepth =
          ScopeAndLimitsTest.start(
              account.token(),
              Map.of("url", site.url(Trap.LINK_GENERATOR), "depth", 3, "delay_ms", 0));
      JsonPath shallow = Crawls.crawlcrawlDone(account.token(), byDepth);
      assertThat(shallow.getString("status")).isEqualTo("done");
      assertThat(shallow.getInt("page_count")).isEqualTo(reachable(3));
    }
  }

  @Test
  void aRobotsTxtThatNeverAnswersOrAnswers500FailsTheCrawlAndNothingElseIsFetched() {
    var account = Accounts.open("selfhost");
    try (HostileSite silent =
            HostileSite.on("127.0.0.65").robots(HostileSite.Robots.NEVER_ANSWERS).start();
        HostileSite broken =
            HostileSite.on("127.0.0.66").robots(HostileSite.Robots.ERROR_500).start()) {
      String alterlab =
          given()
              .auth()
              .oauth2(account.token())
              .contentType(ContentType.JSON)
              .body(Map.of("url", silent.url("/")))
              .post("/api/v1/crawl")
              .then()
              .statusCode(202)
              .extract()
              .path("crawl_id");
      long crawlcrawl =
          ScopeAndLimitsTest.start(account.token(), Map.of("url", broken.url("/"), "delay_ms", 0));

      JsonPath timedOut = Crawls.alterlabDone(account.token(), alterlab);
      assertThat(timedOut.getString("status")).isEqualTo("failed");
      assertThat(timedOut.getString("error"))
          .startsWith("robots_unreachable: robots.txt could not be read: timeout: ");
      JsonPath refused = Crawls.crawlcrawlDone(account.token(), crawlcrawl);
      assertThat(refused.getString("status")).isEqualTo("failed");
      assertThat(refused.getString("error_message"))
          .startsWith("robots_unreachable: robots.txt could not be read: HTTP 500");

      assertThat(silent.hits()).extracting(HostileSite.Hit::path).containsOnly("/robots.txt");
      assertThat(broken.hits()).extracting(HostileSite.Hit::path).containsOnly("/robots.txt");
      assertLetGo(silent);
    }
  }

  private static int countPages(Map<String, String> outcomes) {
    return (int) outcomes.values().stream().filter(PAGE::equals).count();
  }

  private static long generatorHits(HostileSite site) {
    return site.hits().stream().filter(h -> h.path().startsWith("/gen/")).count();
  }

  /** How many /gen pages lie within {@code depth} links of /gen/1. */
  private static int reachable(int depth) {
    Set<BigInteger> seen = new HashSet<>(Set.of(BigInteger.ONE));
    Set<BigInteger> level = Set.of(BigInteger.ONE);
    for (int d = 1; d <= depth; d++) {
      Set<BigInteger> next = new HashSet<>();
      for (BigInteger n : level) {
        for (BigInteger link : HostileSite.generatedLinks(n)) {
          if (seen.add(link)) {
            next.add(link);
          }
        }
      }
      level = next;
    }
    return seen.size();
  }

  /** The crawler hangs up on every trap: no connection to the site stays open. */
  static void assertLetGo(HostileSite site) {
    assertThat(site.awaitNoOpenConnections(Duration.ofSeconds(5)))
        .as("every connection to the hostile site closed")
        .isTrue();
  }
}
