package dev.orbweaver.fetch.sitemap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orbweaver.fetch.fixture.FixtureServer;
import dev.orbweaver.fetch.guard.AllowedPrivateCidrs;
import dev.orbweaver.fetch.http.FetchException;
import dev.orbweaver.fetch.http.FetchSettings;
import dev.orbweaver.fetch.http.Fetcher;
import dev.orbweaver.fetch.robots.Robots;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SitemapReaderTest {

  private FixtureServer site;
  private Fetcher fetcher;

  @BeforeEach
  void start() {
    site = FixtureServer.http("127.0.0.1");
    for (String name :
        List.of(
            "sitemap-pages.xml",
            "sitemap-index.xml",
            "sitemap-nested-index.xml",
            "sitemap-archive.xml")) {
      site.document("/sitemaps/" + name, "sitemaps/" + name, "Content-Type", "application/xml");
    }
    site.document(
        "/sitemaps/sitemap-posts.xml.gz",
        "sitemaps/sitemap-posts.xml.gz",
        "Content-Type",
        "application/gzip");
    site.document("/robots.txt", "robots/rules.txt", "Content-Type", "text/plain");
    fetcher =
        new Fetcher(
            FetchSettings.defaults()
                .withAllowedPrivateCidrs(AllowedPrivateCidrs.parse("127.0.0.0/8")));
  }

  @AfterEach
  void stop() {
    fetcher.close();
    site.close();
  }

  @Test
  void readsASitemapWithItsMetadata() {
    SitemapHarvest harvest =
        new SitemapReader(fetcher, SitemapSettings.defaults())
            .read(List.of(site.url("/sitemaps/sitemap-pages.xml")));

    assertThat(harvest.urls())
        .containsExactly(
            new SitemapEntry(site.url("/"), Instant.parse("2025-10-01T00:00:00Z"), "daily", 1.0),
            new SitemapEntry(site.url("/about"), Instant.parse("2025-09-15T08:30:00Z"), null, 0.5),
            new SitemapEntry(site.url("/contact"), null, null, 0.5));
    assertThat(harvest.sitemapsRead()).containsExactly(site.url("/sitemaps/sitemap-pages.xml"));
    assertThat(harvest.failures()).isEmpty();
    assertThat(harvest.truncated()).isFalse();
  }

  @Test
  void followsIndexesIntoGzippedAndNestedSitemapsAndReportsFailures() {
    SitemapHarvest harvest =
        new SitemapReader(fetcher, SitemapSettings.defaults())
            .read(List.of(site.url("/sitemaps/sitemap-index.xml")));

    assertThat(harvest.urls())
        .extracting(SitemapEntry::url)
        .containsExactly(
            site.url("/posts/orb-webs"),
            site.url("/posts/silk"),
            site.url("/about"),
            site.url("/archive/2019"),
            site.url("/archive/2020"));
    assertThat(harvest.sitemapsRead())
        .containsExactly(
            site.url("/sitemaps/sitemap-index.xml"),
            site.url("/sitemaps/sitemap-posts.xml.gz"),
            site.url("/sitemaps/sitemap-nested-index.xml"),
            site.url("/sitemaps/sitemap-archive.xml"));
    assertThat(harvest.failures())
        .containsExactly(new SitemapFailure(site.url("/sitemaps/missing.xml"), "HTTP 404"));
  }

  @Test
  void stopsAtTheDepthLimit() {
    SitemapHarvest harvest =
        new SitemapReader(fetcher, new SitemapSettings(2, 100, 1000, 1 << 20))
            .read(List.of(site.url("/sitemaps/sitemap-index.xml")));

    assertThat(harvest.urls())
        .extracting(SitemapEntry::url)
        .doesNotContain(site.url("/archive/2019"));
    assertThat(harvest.sitemapsRead()).doesNotContain(site.url("/sitemaps/sitemap-archive.xml"));
    assertThat(harvest.truncated()).isTrue();
  }

  @Test
  void stopsAtTheUrlLimit() {
    SitemapHarvest harvest =
        new SitemapReader(fetcher, new SitemapSettings(3, 100, 2, 1 << 20))
            .read(List.of(site.url("/sitemaps/sitemap-pages.xml")));

    assertThat(harvest.urls()).hasSize(2);
    assertThat(harvest.truncated()).isTrue();
  }

  @Test
  void stopsAtTheDeadlineAndKeepsWhatItRead() {
    // Sitemaps that never finish: each would take the whole fetch time limit (a minute here).
    site.route(
        "/sitemaps/stalled/",
        exchange -> {
          exchange.sendResponseHeaders(200, 1000);
          try {
            Thread.sleep(30_000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    List<String> sitemaps = new ArrayList<>(List.of(site.url("/sitemaps/sitemap-pages.xml")));
    for (int i = 1; i <= 5; i++) {
      sitemaps.add(site.url("/sitemaps/stalled/" + i + ".xml"));
    }
    Instant start = Instant.now();

    SitemapHarvest harvest =
        new SitemapReader(fetcher, SitemapSettings.defaults())
            .read(sitemaps, start.plusMillis(1500));

    assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(3));
    assertThat(harvest.urls()).hasSize(3);
    assertThat(harvest.failures())
        .singleElement()
        .satisfies(f -> assertThat(f.reason()).startsWith("timeout"));
    assertThat(harvest.truncated()).isTrue();
  }

  @Test
  void findsSitemapsThroughRobotsTxt() throws FetchException {
    Robots robots = new Robots(fetcher);

    assertThat(SitemapReader.locations(site.url("/any/page"), robots))
        .containsExactly(
            site.url("/sitemaps/sitemap-index.xml"), site.url("/sitemaps/sitemap-pages.xml"));

    SitemapHarvest harvest =
        new SitemapReader(fetcher, SitemapSettings.defaults()).discover(site.url("/"), robots);
    assertThat(harvest.urls())
        .extracting(SitemapEntry::url)
        .contains(site.url("/contact"), site.url("/archive/2020"));
  }

  @Test
  void fallsBackToSitemapXmlWithoutRobotsLines() throws FetchException {
    try (FixtureServer bare = FixtureServer.http("127.0.0.2")) {
      assertThat(SitemapReader.locations(bare.url("/deep/page?x=1"), new Robots(fetcher)))
          .containsExactly(bare.url("/sitemap.xml"));
    }
  }

  @Test
  void neverReadsSitemapsOnPrivateAddressesWithoutAllowance() {
    try (Fetcher strict = new Fetcher(FetchSettings.defaults())) {
      SitemapHarvest harvest =
          new SitemapReader(strict, SitemapSettings.defaults())
              .read(List.of(site.url("/sitemaps/sitemap-pages.xml")));

      assertThat(harvest.urls()).isEmpty();
      assertThat(harvest.failures())
          .singleElement()
          .satisfies(f -> assertThat(f.reason()).startsWith("blocked_private_address"));
      assertThat(site.hits("/sitemaps/sitemap-pages.xml")).isZero();
    }
  }
}
