package dev.orbweaver.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The official Firecrawl JS SDK ({@code @mendable/firecrawl-js}, e2e/js) pointed at the gateway
 * with {@code apiUrl}: scrape, map, search (against a SearXNG stub), batch scrape and crawl with
 * its default v2 client and with its {@code .v1} client. The SDK's own checks live in
 * e2e/js/sdk-check.mjs; this test installs it ({@code npm ci}) when needed and runs it.
 */
@ExtendWith(PlatformExtension.class)
class FirecrawlSdkIT {
  private static SdkFixtures fixtures;

  @BeforeAll
  static void startFixtures() {
    fixtures = SdkFixtures.start(Platform.SEARXNG_PORT);
  }

  @AfterAll
  static void stopFixtures() {
    if (fixtures != null) {
      fixtures.close();
    }
  }

  @Test
  void theV2ClientScrapesMapsSearchesAndBatchScrapes(Platform platform) {
    String output = sdk(platform, "v2");
    assertThat(output)
        .contains("ok v2 scrape\n")
        .contains("ok v2 scrape json\n")
        .contains("ok v2 map\n")
        .contains("ok v2 search\n")
        .contains("ok v2 batch scrape\n");
  }

  @Test
  void theV1ClientScrapesMapsAndSearches(Platform platform) {
    String output = sdk(platform, "v1");
    assertThat(output)
        .contains("ok v1 scrape\n")
        .contains("ok v1 map\n")
        .contains("ok v1 search\n");
  }

  @Test
  void theV1ClientBatchScrapes(Platform platform) {
    assertThat(sdk(platform, "v1-batch")).contains("ok v1 batch scrape\n");
  }

  @Test
  void theV2ClientCrawls(Platform platform) {
    assertThat(sdk(platform, "v2-crawl")).contains("ok v2 crawl\n");
  }

  @Test
  void theV1ClientCrawls(Platform platform) {
    assertThat(sdk(platform, "v1-crawl")).contains("ok v1 crawl\n");
  }

  /** Runs e2e/js/sdk-check.mjs with the given checks; fails the test on a non-zero exit. */
  private static String sdk(Platform platform, String... checks) {
    Path js = Node.js("@mendable/firecrawl-js");
    List<String> command = new ArrayList<>(List.of("node", "sdk-check.mjs"));
    command.addAll(List.of(checks));
    return Node.run(
        js,
        command,
        java.util.Map.of(
            "ORBWEAVER_API_URL", platform.gatewayUrl(),
            "ORBWEAVER_API_KEY", platform.firstKey(),
            "FIXTURE_ORIGIN", fixtures.origin()),
        300);
  }
}
