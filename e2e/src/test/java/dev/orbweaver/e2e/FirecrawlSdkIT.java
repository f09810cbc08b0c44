package dev.orbweaver.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
    Path js =
        Path.of(System.getProperty("orbweaver.root", ".."))
            .toAbsolutePath()
            .normalize()
            .resolve("e2e/js");
    if (!Files.isDirectory(js.resolve("node_modules/@mendable/firecrawl-js"))) {
      run(js, List.of("npm", "ci", "--no-audit", "--no-fund"), List.of(), 300);
    }
    List<String> command = new ArrayList<>(List.of("node", "sdk-check.mjs"));
    command.addAll(List.of(checks));
    return run(
        js,
        command,
        List.of(
            "ORBWEAVER_API_URL=" + platform.gatewayUrl(),
            "ORBWEAVER_API_KEY=" + platform.firstKey(),
            "FIXTURE_ORIGIN=" + fixtures.origin()),
        300);
  }

  private static String run(Path dir, List<String> command, List<String> env, int seconds) {
    try {
      // Output goes to a file, so that a hung process cannot block the read past the time limit.
      Path log = Files.createTempFile("sdk-check", ".log");
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      for (String pair : env) {
        int eq = pair.indexOf('=');
        builder.environment().put(pair.substring(0, eq), pair.substring(eq + 1));
      }
      Process process = builder.start();
      boolean finished = process.waitFor(seconds, TimeUnit.SECONDS);
      if (!finished) {
        process.destroyForcibly().waitFor();
      }
      String text = Files.readString(log, StandardCharsets.UTF_8);
      Files.deleteIfExists(log);
      assertThat(finished).as(String.join(" ", command) + " timed out:\n" + text).isTrue();
      assertThat(process.exitValue()).as(String.join(" ", command) + ":\n" + text).isZero();
      return text;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
