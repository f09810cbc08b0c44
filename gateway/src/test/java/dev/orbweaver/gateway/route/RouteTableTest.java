package dev.orbweaver.gateway.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orbweaver.common.error.Dialect;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RouteTableTest {
  private final RouteTable table =
      new RouteTable(
          List.of(
              route("crawl", "/v1/crawl", Optional.of("crawl"), Set.of("POST")),
              route("crawls", "/v1/crawls", Optional.of("crawl"), Set.of("POST")),
              route("pages", "/v1/pages", Optional.empty(), Set.of()),
              route("gap", "/api/v1/gap-analysis", Optional.of("gap"), Set.of("POST")),
              route("api", "/api/v1", Optional.empty(), Set.of())));

  @Test
  void theLongestPrefixWinsSegmentBySegment() {
    assertThat(table.match("/v1/crawls/43").map(Route::name)).contains("crawls");
    assertThat(table.match("/v1/crawl/abc").map(Route::name)).contains("crawl");
    assertThat(table.match("/v1/crawl").map(Route::name)).contains("crawl");
    assertThat(table.match("/v1/crawlsx")).isEmpty();
    assertThat(table.match("/api/v1/gap-analysis/gap_1").map(Route::name)).contains("gap");
    assertThat(table.match("/api/v1/releases").map(Route::name)).contains("api");
    assertThat(table.match("/v2/unknown")).isEmpty();
  }

  @Test
  void aResourceIsSpentOnlyByItsMeteredMethods() {
    Route gap = table.match("/api/v1/gap-analysis").orElseThrow();
    assertThat(gap.meteredResource("POST")).contains("gap");
    assertThat(gap.meteredResource("GET")).isEmpty();
    Route pages = table.match("/v1/pages/1").orElseThrow();
    assertThat(pages.meteredResource("GET")).isEmpty();
  }

  @Test
  void meteredCallsAndNamedFreeOnesPassTheBurstLimiter() {
    Route diff =
        new Route(
            "diff",
            "/v1/change-tracking",
            "svc",
            Dialect.FIRECRAWL,
            Optional.empty(),
            Set.of(),
            Set.of("POST"),
            4096,
            true,
            Optional.empty());
    assertThat(diff.burstLimited("POST")).isTrue();
    assertThat(diff.burstLimited("GET")).isFalse();
    assertThat(diff.meteredResource("POST")).isEmpty();

    Route gap = table.match("/api/v1/gap-analysis").orElseThrow();
    assertThat(gap.burstLimited("POST")).isTrue();
    assertThat(gap.burstLimited("GET")).isFalse();
  }

  @Test
  void aRewriteReplacesOnlyTheMatchedPrefix() {
    Route ping =
        new Route(
            "ping",
            "/ping/auth-service",
            "auth-service",
            Dialect.INTERNAL,
            Optional.empty(),
            Set.of(),
            Set.of(),
            1024,
            true,
            Optional.of("/ping"));
    assertThat(ping.forwardedUri("/ping/auth-service", "x=1")).isEqualTo("/ping?x=1");
    assertThat(ping.forwardedUri("/ping/auth-service/deeper", null)).isEqualTo("/ping/deeper");
  }

  private static Route route(
      String name, String prefix, Optional<String> resource, Set<String> methods) {
    return new Route(
        name,
        prefix,
        "svc",
        Dialect.FIRECRAWL,
        resource,
        methods,
        Set.of(),
        1024,
        true,
        Optional.empty());
  }
}
