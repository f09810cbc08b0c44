package dev.orbweaver.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * CrawlGraph through the gateway on the two sample quarters {@code ./orbweaver up} generates and
 * ingests on first start. Answers are checked against brute force in backlink-service's own tests;
 * here: the releases are served (and one ingested with {@code ./orbweaver ingest} while the
 * platform runs is picked up), every endpoint is reachable with an API key, each call is metered in
 * the bucket the document names, jobs stay with their account and bad input is the dialect's 400.
 */
@ExtendWith(PlatformExtension.class)
class BacklinkIT {
  private static final String LATEST = "CC-SAMPLE-2026-04";
  private static final String OLDER = "CC-SAMPLE-2026-01";

  // The generator puts these platforms at the top of every release it writes.
  private static final String TARGET = "google.com";
  private static final List<String> COMPETITORS = List.of("facebook.com", "youtube.com");

  @Test
  void theSampleQuartersAreServedAndListingThemIsFree(Platform platform) {
    Platform.Account account = platform.createAccount("releases", "lifetime");
    JsonPath releases =
        Gateway.as(platform, account.key())
            .get("/api/v1/releases")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    // Newest first; an older release another test ingests may follow.
    assertThat(releases.getList("releases", Map.class).subList(0, 2))
        .isEqualTo(
            List.of(
                Map.of("id", LATEST, "label", "Apr 2026 (sample)", "available", true),
                Map.of("id", OLDER, "label", "Jan 2026 (sample)", "available", true)));
    assertThat(used(platform, account, "backlinks")).isZero();
    assertThat(used(platform, account, "gap")).isZero();
  }

  @Test
  void aReleaseIngestedWhileTheServiceRunsIsServedWithoutARestart(Platform platform)
      throws IOException {
    Path source = Files.createTempDirectory(Path.of("target"), "backlink-it-").toAbsolutePath();
    platform.launcher(
        Duration.ofMinutes(2),
        "generate-release",
        "--out",
        source.toString(),
        "--domains",
        "3000",
        "--seed",
        "7");
    // Dated before the samples, so that the latest release the other tests expect stays latest.
    String output =
        platform.launcher(
            Duration.ofMinutes(2),
            "ingest",
            "--release",
            "CC-E2E-2025-10",
            "--label",
            "Oct 2025",
            "--date",
            "2025-10-15",
            "--vertices",
            source.resolve("domain-vertices.txt.gz").toString(),
            "--edges",
            source.resolve("domain-edges.txt.gz").toString(),
            "--ranks",
            source.resolve("domain-ranks.txt.gz").toString());
    assertThat(output).contains("release CC-E2E-2025-10 (Oct 2025): 3,000 domains");

    Platform.Account account = platform.createAccount("ingest", "lifetime");
    List<String> ids = List.of();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (!ids.contains("CC-E2E-2025-10") && Instant.now().isBefore(deadline)) {
      sleep(500);
      ids =
          Gateway.as(platform, account.key())
              .get("/api/v1/releases")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath()
              .getList("releases.id", String.class);
    }
    assertThat(ids).containsSubsequence(LATEST, OLDER, "CC-E2E-2025-10");
    Gateway.as(platform, account.key())
        .contentType(ContentType.JSON)
        .body("{\"domain\": \"" + TARGET + "\", \"release_id\": \"CC-E2E-2025-10\"}")
        .post("/api/v1/backlinks")
        .then()
        .statusCode(200)
        .body("release_label", equalTo("Oct 2025"))
        .body("total_linking_domains", greaterThan(0));
  }

  @Test
  void backlinksAndChangesAnswerAndCountAgainstTheBacklinksQuota(Platform platform) {
    Platform.Account account = platform.createAccount("backlinks", "lifetime");
    JsonPath backlinks =
        Gateway.as(platform, account.key())
            .contentType(ContentType.JSON)
            .body("{\"domain\": \"WWW.Google.com.\", \"limit\": 50}")
            .post("/api/v1/backlinks")
            .then()
            .statusCode(200)
            .header("X-RateLimit-Remaining-Backlinks", "999")
            .extract()
            .jsonPath();
    assertThat(backlinks.getString("domain")).isEqualTo(TARGET);
    assertThat(backlinks.getString("release_id")).isEqualTo(LATEST);
    assertThat(backlinks.getInt("total_linking_domains")).isGreaterThan(50);
    assertThat(backlinks.getInt("returned")).isEqualTo(50);
    List<Map<String, Object>> results = backlinks.getList("results");
    assertThat(results.get(0))
        .containsOnlyKeys("linking_domain", "num_hosts", "tld", "cg_authority", "cg_rank");

    JsonPath changes =
        Gateway.as(platform, account.key())
            .get("/api/v1/changes?domain=" + TARGET)
            .then()
            .statusCode(200)
            .header("X-RateLimit-Remaining-Backlinks", "998")
            .extract()
            .jsonPath();
    assertThat(changes.getBoolean("comparison_available")).isTrue();
    assertThat(changes.getString("from_release")).isEqualTo(OLDER);
    assertThat(changes.getString("to_release")).isEqualTo(LATEST);
    // A tenth of links are lost and new ones gained between generated quarters.
    assertThat(changes.getInt("total_added")).isPositive();
    assertThat(changes.getInt("total_lost")).isPositive();
    assertThat(changes.getInt("linking_domains_after"))
        .isEqualTo(backlinks.getInt("total_linking_domains"));

    awaitUsed(platform, account, "backlinks", 2);
    assertThat(used(platform, account, "gap")).isZero();
  }

  @Test
  void aGapJobRunsThroughTheGatewayCountsOnceAndIsOnlyItsOwnersToSee(Platform platform) {
    Platform.Account owner = platform.createAccount("gap owner", "lifetime");
    Platform.Account other = platform.createAccount("gap other", "lifetime");
    Response submitted =
        Gateway.as(platform, owner.key())
            .contentType(ContentType.JSON)
            .body(
                "{\"my_domain\": \""
                    + TARGET
                    + "\", \"competitor_domains\": [\"facebook.com\","
                    + " \"youtube.com\"]}")
            .post("/api/v1/gap-analysis");
    submitted.then().statusCode(202).header("X-RateLimit-Remaining-Gap", "49");
    String pollUrl = submitted.jsonPath().getString("poll_url");
    String jobId = submitted.jsonPath().getString("job_id");
    assertThat(pollUrl).isEqualTo("/api/v1/gap-analysis/" + jobId);

    JsonPath job = null;
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (Instant.now().isBefore(deadline)) {
      job =
          Gateway.as(platform, owner.key())
              .get(pollUrl)
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      if (job.getString("status").equals("completed")) {
        break;
      }
      sleep(200);
    }
    assertThat(job.getString("status")).isEqualTo("completed");
    assertThat(job.getString("result.release_id")).isEqualTo(LATEST);
    assertThat(job.getList("result.competitor_domains", String.class)).isEqualTo(COMPETITORS);
    assertThat(job.getInt("result.total_gaps")).isPositive();
    List<String> foundOn = job.getList("result.gaps[0].found_on", String.class);
    assertThat(COMPETITORS).containsAll(foundOn);

    Gateway.as(platform, other.key())
        .get(pollUrl)
        .then()
        .statusCode(404)
        .contentType(ContentType.JSON)
        .body("error", equalTo("not_found"))
        .body("request_id", startsWith("req_"));

    // Submitting is the metered call; polling is not.
    awaitUsed(platform, owner, "gap", 1);
    assertThat(used(platform, other, "gap")).isZero();
  }

  @Test
  void outreachTargetsCountAgainstTheGapQuota(Platform platform) {
    Platform.Account account = platform.createAccount("outreach", "lifetime");
    JsonPath answer =
        Gateway.as(platform, account.key())
            .contentType(ContentType.JSON)
            .body(
                "{\"my_domain\": \"example-not-in-the-graph.com\", \"competitor_domains\":"
                    + " [\"google.com\", \"facebook.com\"], \"min_overlap\": 1}")
            .post("/api/v1/outreach-targets")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(answer.getString("release_id")).isEqualTo(LATEST);
    assertThat(answer.getString("deny_list_version")).startsWith("v");
    assertThat(answer.getLong("total_targets")).isPositive();
    awaitUsed(platform, account, "gap", 1);
  }

  @Test
  void badInputIsTheCrawlGraph400AndIsNotCounted(Platform platform) {
    Platform.Account account = platform.createAccount("bad input", "lifetime");
    for (String body :
        List.of(
            "{\"domain\": \"not a domain!\"}",
            "{\"domain\": \"google.com\", \"limit\": 10001}",
            "{\"domain\": \"google.com\", \"release_id\": \"CC-MAIN-1999-01\"}")) {
      Gateway.as(platform, account.key())
          .contentType(ContentType.JSON)
          .body(body)
          .post("/api/v1/backlinks")
          .then()
          .statusCode(400)
          .contentType(ContentType.JSON)
          .body("error", equalTo("validation_error"))
          .body("message", not(emptyString()))
          .body("request_id", startsWith("req_"));
    }
    Gateway.as(platform, account.key())
        .contentType(ContentType.JSON)
        .body(
            "{\"my_domain\": \"a.com\", \"competitor_domains\": [\"b.com\", \"c.com\", \"d.com\","
                + " \"e.com\", \"f.com\", \"g.com\"]}")
        .post("/api/v1/gap-analysis")
        .then()
        .statusCode(400)
        .body("error", equalTo("validation_error"));
    assertThat(used(platform, account, "backlinks")).isZero();
    assertThat(used(platform, account, "gap")).isZero();
  }

  private static int used(Platform platform, Platform.Account account, String resource) {
    return Gateway.as(platform, account.key())
        .get("/api/v1/usage")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getInt("quotas.find { it.resource == '" + resource + "' }.used");
  }

  /** The gateway commits a call's quota when the answer has gone out, a moment after it. */
  private static void awaitUsed(
      Platform platform, Platform.Account account, String resource, int expected) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    int used = used(platform, account, resource);
    while (used != expected && Instant.now().isBefore(deadline)) {
      sleep(100);
      used = used(platform, account, resource);
    }
    assertThat(used).as(resource + " calls counted").isEqualTo(expected);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
