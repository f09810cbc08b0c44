package dev.orbweaver.fetch.robots;

import static dev.orbweaver.fetch.fixture.FixtureServer.redirect;
import static dev.orbweaver.fetch.fixture.FixtureServer.respond;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orbweaver.fetch.fixture.FixtureServer;
import dev.orbweaver.fetch.fixture.TestClock;
import dev.orbweaver.fetch.guard.AllowedPrivateCidrs;
import dev.orbweaver.fetch.http.FailureKind;
import dev.orbweaver.fetch.http.FetchException;
import dev.orbweaver.fetch.http.FetchRequest;
import dev.orbweaver.fetch.http.FetchSettings;
import dev.orbweaver.fetch.http.Fetcher;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RobotsTest {

  private final TestClock clock = new TestClock();
  private FixtureServer site;
  private Fetcher fetcher;
  private Robots robots;

  @BeforeEach
  void start() {
    site = FixtureServer.http("127.0.0.1");
    fetcher =
        new Fetcher(
            FetchSettings.defaults()
                .withAllowedPrivateCidrs(AllowedPrivateCidrs.parse("127.0.0.0/8")));
    robots =
        new Robots(fetcher, new InMemoryRobotsCache(100, clock), RobotsSettings.defaults(), clock);
  }

  @AfterEach
  void stop() {
    fetcher.close();
    site.close();
  }

  @ParameterizedTest(name = "{0} allowed: {1}")
  @CsvSource({
    // the longest matching rule wins
    "/shop/item, false",
    "/shop/public/page, true",
    "/shop/public/drafts/next, false",
    // equal length: Allow wins the tie
    "/tie, true",
    "/tie-breaker, true",
    // wildcards and the end anchor
    "/files/report.pdf, false",
    "/files/report.pdf?download=1, true",
    "/search?q=silk, false",
    "/search, true",
    // our own group applies, not the catch-all that closes everything
    "/elsewhere, true",
    "/robots.txt, true",
  })
  void appliesTheRulesOfOurGroup(String path, boolean allowed) throws FetchException {
    site.document("/robots.txt", "robots/rules.txt", "Content-Type", "text/plain");

    assertThat(robots.isAllowed(site.url(path))).isEqualTo(allowed);
  }

  @Test
  void fallsBackToTheCatchAllGroupForAnotherAgent() throws FetchException {
    site.document("/robots.txt", "robots/rules.txt", "Content-Type", "text/plain");
    Robots other =
        new Robots(
            fetcher,
            new InMemoryRobotsCache(),
            RobotsSettings.defaults().withAgentName("otherbot"),
            clock);

    assertThat(other.isAllowed(site.url("/elsewhere"))).isFalse();
  }

  @Test
  void exposesCrawlDelayAndSitemaps() throws FetchException {
    site.document("/robots.txt", "robots/rules.txt", "Content-Type", "text/plain");

    RobotsRules rules = robots.rulesFor(site.url("/anything"));

    assertThat(rules.status()).isEqualTo(RobotsStatus.FETCHED);
    assertThat(rules.robotsUrl()).isEqualTo(site.url("/robots.txt"));
    assertThat(rules.crawlDelay()).contains(Duration.ofSeconds(2));
    assertThat(rules.sitemaps())
        .containsExactly(
            site.url("/sitemaps/sitemap-index.xml"), site.url("/sitemaps/sitemap-pages.xml"));
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 401, 403, 404, 410})
  void allowsEverythingWhenRobotsTxtIsUnavailable(int status) throws FetchException {
    site.route("/robots.txt", ex -> respond(ex, status, "no".getBytes(StandardCharsets.UTF_8)));

    RobotsRules rules = robots.rulesFor(site.url("/"));

    assertThat(rules.status()).isEqualTo(RobotsStatus.UNAVAILABLE);
    assertThat(rules.isAllowed(site.url("/private/anything"))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(ints = {429, 500, 502, 503})
  void disallowsEverythingWhenTheServerFails(int status) throws FetchException {
    site.route("/robots.txt", ex -> respond(ex, status, "down".getBytes(StandardCharsets.UTF_8)));

    RobotsRules rules = robots.rulesFor(site.url("/"));

    assertThat(rules.status()).isEqualTo(RobotsStatus.UNREACHABLE);
    assertThat(rules.isAllowed(site.url("/"))).isFalse();
    assertThatThrownBy(() -> robots.requireAllowed(site.url("/page")))
        .isInstanceOfSatisfying(
            FetchException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(FailureKind.BLOCKED_BY_ROBOTS);
              assertThat(e.getMessage()).contains("unreachable");
            });
  }

  @Test
  void disallowsEverythingWhenTheSiteCannotBeReached() throws IOException, FetchException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.3"))) {
      closedPort = socket.getLocalPort();
    }

    RobotsRules rules = robots.rulesFor("http://127.0.0.3:" + closedPort + "/page");

    assertThat(rules.status()).isEqualTo(RobotsStatus.UNREACHABLE);
    assertThat(rules.isAllowed("http://127.0.0.3:" + closedPort + "/page")).isFalse();
  }

  @Test
  void followsRedirectsToTheRealFile() throws FetchException {
    site.route("/robots.txt", ex -> redirect(ex, 301, "/r1"));
    site.route("/r1", ex -> redirect(ex, 302, "/r2"));
    site.route("/r2", ex -> redirect(ex, 307, "/real/robots.txt"));
    site.document("/real/robots.txt", "robots/disallow-all.txt", "Content-Type", "text/plain");

    RobotsRules rules = robots.rulesFor(site.url("/page"));

    assertThat(rules.status()).isEqualTo(RobotsStatus.FETCHED);
    assertThat(rules.isAllowed(site.url("/page"))).isFalse();
  }

  @Test
  void takesMoreThanFiveRedirectsAsUnavailable() throws FetchException {
    site.route("/robots.txt", ex -> redirect(ex, 302, "/robots.txt"));

    RobotsRules rules = robots.rulesFor(site.url("/page"));

    assertThat(rules.status()).isEqualTo(RobotsStatus.UNAVAILABLE);
    assertThat(site.hits("/robots.txt")).isEqualTo(6);
  }

  @Test
  void refusesAPrivateSiteInsteadOfCallingItDisallowed() {
    try (Fetcher strict = new Fetcher(FetchSettings.defaults())) {
      Robots guarded = new Robots(strict);
      assertThatThrownBy(() -> guarded.rulesFor(site.url("/")))
          .isInstanceOfSatisfying(
              FetchException.class,
              e -> assertThat(e.kind()).isEqualTo(FailureKind.BLOCKED_PRIVATE_ADDRESS));
    }
  }

  @Test
  void keepsAFetchedFileForADayAtMost() throws FetchException {
    site.document("/robots.txt", "robots/rules.txt", "Content-Type", "text/plain");

    robots.rulesFor(site.url("/a"));
    clock.advance(Duration.ofHours(23));
    robots.rulesFor(site.url("/b"));
    assertThat(site.hits("/robots.txt")).isEqualTo(1);

    clock.advance(Duration.ofHours(1));
    robots.rulesFor(site.url("/c"));
    assertThat(site.hits("/robots.txt")).isEqualTo(2);
  }

  @Test
  void honoursAShorterMaxAge() throws FetchException {
    site.route(
        "/robots.txt",
        ex ->
            respond(
                ex,
                200,
                "User-agent: *\nDisallow: /x\n".getBytes(StandardCharsets.UTF_8),
                "Cache-Control",
                "public, max-age=60"));

    robots.rulesFor(site.url("/"));
    clock.advance(Duration.ofSeconds(59));
    robots.rulesFor(site.url("/"));
    clock.advance(Duration.ofSeconds(2));
    robots.rulesFor(site.url("/"));

    assertThat(site.hits("/robots.txt")).isEqualTo(2);
  }

  @Test
  void sharesFetchedFilesThroughTheCache() throws FetchException {
    site.document("/robots.txt", "robots/rules.txt", "Content-Type", "text/plain");
    InMemoryRobotsCache shared = new InMemoryRobotsCache(100, clock);
    Robots first = new Robots(fetcher, shared, RobotsSettings.defaults(), clock);
    Robots second = new Robots(fetcher, shared, RobotsSettings.defaults(), clock);

    assertThat(first.isAllowed(site.url("/shop/item"))).isFalse();
    assertThat(second.isAllowed(site.url("/shop/item"))).isFalse();

    assertThat(site.hits("/robots.txt")).isEqualTo(1);
    assertThat(shared.get(site.url("/robots.txt")))
        .hasValueSatisfying(c -> assertThat(c.status()).isEqualTo(RobotsStatus.FETCHED));
  }

  @Test
  void fetchesOnlyWhatRobotsAllowsAlsoAfterRedirects() throws FetchException {
    site.document("/robots.txt", "robots/rules.txt", "Content-Type", "text/plain");
    site.route("/open", ex -> respond(ex, 200, "open".getBytes(StandardCharsets.UTF_8)));
    site.route("/shop/item", ex -> respond(ex, 200, "closed".getBytes(StandardCharsets.UTF_8)));
    site.route("/hop", ex -> redirect(ex, 302, "/shop/item"));

    assertThat(robots.fetch(FetchRequest.get(site.url("/open"))).text()).isEqualTo("open");
    assertThatThrownBy(() -> robots.fetch(FetchRequest.get(site.url("/shop/item"))))
        .isInstanceOfSatisfying(
            FetchException.class,
            e -> assertThat(e.kind()).isEqualTo(FailureKind.BLOCKED_BY_ROBOTS));
    assertThatThrownBy(() -> robots.fetch(FetchRequest.get(site.url("/hop"))))
        .isInstanceOfSatisfying(
            FetchException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(FailureKind.BLOCKED_BY_ROBOTS);
              assertThat(e.url()).isEqualTo(site.url("/shop/item"));
            });
    assertThat(site.hits("/shop/item")).isZero();
  }
}
