package dev.orbweaver.scrape.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orbweaver.scrape.support.Accounts;
import dev.orbweaver.testing.HeapWatch;
import dev.orbweaver.testing.HostileSite;
import dev.orbweaver.testing.HostileSite.Trap;
import dev.orbweaver.testing.NoNul;
import dev.orbweaver.testing.TestJwt;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every trap of libs/testing's {@link HostileSite} scraped through {@code /v1/scrape} and {@code
 * /v2/scrape}: each answers within its time limit, with a 502 in Firecrawl's envelope naming why,
 * or with a result that holds no NUL; the heap never holds a bomb or a huge page whole; a
 * robots.txt that never answers or answers 500 refuses the scrape; and a map of the site keeps to
 * its time limit whatever its sitemaps do. Fetches give up after five seconds of silence.
 */
@QuarkusTest
@QuarkusTestResource(TestJwt.class)
@TestProfile(HostileSiteScrapeTest.ShortTimeouts.class)
class HostileSiteScrapeTest {
  private static final String RESULT = "result";
  private static final String TOKEN = TestJwt.user(Accounts.fresh(), 1, "lifetime");

  /** What each trap comes to under the fetch limits (10 MiB, 10 redirects, the time limit). */
  private static final Map<Trap, String> OUTCOMES = new EnumMap<>(Trap.class);

  static {
    OUTCOMES.put(Trap.REDIRECT_LOOP, "too_many_redirects");
    OUTCOMES.put(Trap.REDIRECT_CHAIN, "too_many_redirects");
    OUTCOMES.put(Trap.HUGE_PAGE, "too_large");
    OUTCOMES.put(Trap.GZIP_BOMB, "too_large");
    OUTCOMES.put(Trap.SLOW_LORIS, "timeout");
    OUTCOMES.put(Trap.ENDLESS, "too_large");
    OUTCOMES.put(Trap.NUL_HTML, RESULT);
    OUTCOMES.put(Trap.NUL_TEXT, RESULT);
    OUTCOMES.put(Trap.NUL_JSON, RESULT);
    OUTCOMES.put(Trap.BAD_UTF8, RESULT);
    OUTCOMES.put(Trap.UNKNOWN_CHARSET, RESULT);
    OUTCOMES.put(Trap.UTF16_LIE, RESULT);
    OUTCOMES.put(Trap.HUGE_HEADERS, RESULT);
    OUTCOMES.put(Trap.LINK_GENERATOR, RESULT);
    OUTCOMES.put(Trap.SITEMAP_XML, "too_large");
    OUTCOMES.put(Trap.SITEMAP_XML_GZ, RESULT); // 2.5 MB of gzip: a binary file, with a warning
    OUTCOMES.put(Trap.SITEMAP_TXT, "too_large");
  }

  /** Fetching gives up after five seconds of silence, or ten in all. */
  public static class ShortTimeouts implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "orbweaver.fetch.connect-timeout", "PT5S",
          "orbweaver.fetch.read-timeout", "PT5S",
          "orbweaver.fetch.total-timeout", "PT10S",
          "orbweaver.scrape.default-timeout", "PT10S");
    }
  }

  private static HostileSite site;

  @BeforeAll
  static void startSite() {
    site = HostileSite.on("127.0.0.70").start();
  }

  @AfterAll
  static void stopSite() {
    site.close();
  }

  @Test
  void everyTrapAnswersInTimeWithAnErrorOrACleanResultInBothVersions() {
    Map<String, String> outcomes = new TreeMap<>();
    Map<String, String> expected = new TreeMap<>();
    try (HeapWatch heap = HeapWatch.start(Duration.ofSeconds(1))) {
      for (Trap trap : Trap.values()) {
        // Both versions at once: the same trap twice in flight, and half the waiting.
        CompletableFuture<String> v2 = CompletableFuture.supplyAsync(() -> scrape("v2", trap));
        expected.put("v1 " + trap, OUTCOMES.get(trap));
        expected.put("v2 " + trap, OUTCOMES.get(trap));
        outcomes.put("v1 " + trap, scrape("v1", trap));
        outcomes.put("v2 " + trap, v2.join());
      }
      assertThat(outcomes).isEqualTo(expected);
      assertThat(site.awaitNoOpenConnections(Duration.ofSeconds(5)))
          .as("every connection to the hostile site closed")
          .isTrue();
      assertThat(heap.growthBytes())
          .as("live heap growth while scraping a 1 GiB bomb and a 50 MiB page")
          .isLessThan(200L << 20);
    }
  }

  @Test
  void aRobotsTxtThatNeverAnswersOrAnswers500RefusesTheScrape() {
    try (HostileSite silent =
            HostileSite.on("127.0.0.71").robots(HostileSite.Robots.NEVER_ANSWERS).start();
        HostileSite broken =
            HostileSite.on("127.0.0.72").robots(HostileSite.Robots.ERROR_500).start()) {
      for (HostileSite refusing : new HostileSite[] {silent, broken}) {
        Instant asked = Instant.now();
        Response response = post("/v1/scrape", "{\"url\": \"" + refusing.url("/") + "\"}");
        assertThat(Duration.between(asked, Instant.now())).isLessThan(Duration.ofSeconds(12));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.jsonPath().getBoolean("success")).isFalse();
        assertThat(response.jsonPath().getString("error")).isEqualTo("blocked_by_robots");
        assertThat(response.jsonPath().getString("message"))
            .contains(
                refusing.url("/robots.txt") + " is unreachable, which disallows the whole site");
      }
      // Only the page's HEAD, which tells a dead site from a refusing one, went past robots.txt.
      assertThat(silent.hits()).extracting(HostileSite.Hit::path).containsOnly("/robots.txt", "/");
    }
  }

  @Test
  void aMapOfTheSiteKeepsToItsTimeLimitWhateverItsSitemapsDo() {
    // A map of a few generated pages first, so that the measured one pays for no first use.
    String warmUp = "{\"url\": \"" + site.url(Trap.LINK_GENERATOR) + "\", \"ignoreSitemap\": true}";
    assertThat(post("/v1/map", warmUp).statusCode()).isEqualTo(200);
    try (HeapWatch heap = HeapWatch.start(Duration.ofSeconds(1))) {
      Instant asked = Instant.now();
      Response map =
          post("/v1/map", "{\"url\": \"" + site.url("/") + "\", \"timeout\": 8000, \"limit\": 50}");

      // What the big sitemaps gave in the time and the start page's links; on a starved machine the
      // big sitemaps can take all of it, and the map is then a 502 that says so.
      if (map.statusCode() == 200) {
        assertThat(map.jsonPath().getList("links")).isNotEmpty().hasSizeLessThanOrEqualTo(50);
      } else {
        assertThat(map.statusCode()).isEqualTo(502);
        assertThat(map.jsonPath().getString("error")).isEqualTo("timeout");
      }
      // robots.txt lists five sitemaps that send a byte a second after the big ones: the map's
      // time limit ends the reading within the first of them, not after 5 × 10 s.
      assertThat(site.hits().stream().filter(h -> h.path().startsWith("/slow?sitemap=")))
          .hasSizeLessThanOrEqualTo(1);
      assertThat(Duration.between(asked, Instant.now())).isLessThan(Duration.ofSeconds(16));
      assertThat(heap.growthBytes())
          .as("live heap growth while mapping sitemaps of a million URLs")
          .isLessThan(200L << 20);
    }
  }

  /** Scrapes a trap with every text format and says what came of it: a result or the error. */
  private static String scrape(String version, Trap trap) {
    // The slow body is the one trap a time limit ends: 3 s. The rest end by their size or shape,
    // so a machine short of CPU (the site generates a 58 MB sitemap to gzip) gets 20 s for them.
    Duration limit = Duration.ofSeconds(trap == Trap.SLOW_LORIS ? 3 : 20);
    String body =
        "{\"url\": \""
            + site.url(trap)
            + "\", \"formats\": [\"markdown\", \"html\", \"rawHtml\", \"links\"],"
            + " \"timeout\": "
            + limit.toMillis()
            + "}";
    Instant asked = Instant.now();
    Response response = post("/" + version + "/scrape", body);
    assertThat(Duration.between(asked, Instant.now()))
        .as(version + " " + trap + " answered within its time limit and some slack")
        .isLessThan(limit.plusSeconds(5));
    if (response.statusCode() == 200) {
      assertThat(response.jsonPath().getBoolean("success")).isTrue();
      NoNul.in(response.asString());
      return RESULT;
    }
    assertThat(response.statusCode()).as(version + " " + trap).isEqualTo(502);
    assertThat(response.jsonPath().getBoolean("success")).isFalse();
    return response.jsonPath().getString("error");
  }

  private static Response post(String path, String body) {
    return given()
        .auth()
        .oauth2(TOKEN)
        .contentType(ContentType.JSON)
        .body(body)
        .post(path)
        .then()
        .extract()
        .response();
  }
}
