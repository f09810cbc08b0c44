package dev.orbweaver.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orbweaver.testing.FixtureSite;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The web console in headless Chromium (Debian's {@code chromium}, driven by npm {@code
 * playwright-core} from e2e/js/console-check.mjs): sign in, create a key and see it once, revoke
 * it, a backlinks lookup and a gap analysis with their charts and CSV, a crawl of a fixture site
 * followed live to completed, a page's Markdown, usage bars, and the operator's page. Every page is
 * screenshotted to e2e/target/console-screenshots.
 */
@ExtendWith(PlatformExtension.class)
class ConsoleIT {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  @Test
  void aCustomerAndTheOperatorUseEveryPageInARealBrowser(Platform platform) throws IOException {
    assertThat(Files.isExecutable(CHROMIUM))
        .as(
            "Chromium is missing at %s: ./orbweaver test installs it (apt-get install chromium)"
                + " when it runs as root; otherwise install it first.",
            CHROMIUM)
        .isTrue();
    Platform.Account account = platform.createAccount("console-browser", "lifetime");
    Path screenshots = root().resolve("e2e/target/console-screenshots");
    deleteTree(screenshots);
    Files.createDirectories(screenshots);
    String output;
    try (FixtureSite site = Sites.web("127.0.0.41", 30).start()) {
      // A crawl of another tenant, which the console must not show.
      long othersCrawl =
          Gateway.as(platform, platform.createAccount("console-other", "lifetime").key())
              .contentType(ContentType.JSON)
              .body(Map.of("url", site.url("/p/0"), "max_pages", 1))
              .post("/v1/crawls")
              .then()
              .statusCode(202)
              .extract()
              .jsonPath()
              .getLong("id");
      Map<String, String> env = new HashMap<>();
      env.put("OTHER_TENANTS_CRAWL", Long.toString(othersCrawl));
      env.put("CONSOLE_BASE_URL", platform.gatewayUrl());
      env.put("ORBWEAVER_API_KEY", account.key());
      env.put("ORBWEAVER_ADMIN_TOKEN", platform.adminToken());
      env.put("FIXTURE_ORIGIN", site.origin());
      env.put("CHROMIUM", CHROMIUM.toString());
      env.put("SCREENSHOTS", screenshots.toString());
      output = Node.run(Node.js("playwright-core"), List.of("node", "console-check.mjs"), env, 400);
    }
    assertThat(output)
        .contains(
            "ok sign-in refuses a wrong key\n",
            "ok signed in\n",
            "ok key shown once\n",
            "ok key revoked\n",
            "ok backlinks lookup chart\n",
            "ok gap analysis charts and csv\n",
            "ok crawl followed live to completed\n",
            "ok markdown preview\n",
            "ok another tenant's crawl is 404\n",
            "ok usage bars\n",
            "ok signed out\n",
            "ok admin\n");
    try (Stream<Path> shots = Files.list(screenshots)) {
      assertThat(shots.map(p -> p.getFileName().toString()))
          .contains(
              "01-sign-in.png",
              "02-keys-created.png",
              "04-keys-revoked.png",
              "05-backlinks-lookup.png",
              "06-backlinks-gap.png",
              "08-crawl-completed.png",
              "09-markdown.png",
              "11-usage.png",
              "12-admin.png");
    }
  }

  private static Path root() {
    return Path.of(System.getProperty("orbweaver.root", "..")).toAbsolutePath().normalize();
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
