package dev.orbweaver.backlink.gap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.orbweaver.backlink.Api;
import dev.orbweaver.backlink.GapAlgebra;
import dev.orbweaver.backlink.TestReleases;
import dev.orbweaver.graph.testing.CrawlFiles;
import dev.orbweaver.testing.TestJwt;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
@QuarkusTestResource(TestJwt.class)
@QuarkusTestResource(TestReleases.class)
class GapAnalysisTest {
  /** application.properties lists at most this many gaps in tests. */
  static final int LISTED = 50;

  static CrawlFiles latest;
  static List<Integer> byInDegree;

  @Inject DataSource dataSource;
  @Inject GapJobs jobs;

  @BeforeAll
  static void readTheSourceFiles() throws Exception {
    latest = CrawlFiles.read(TestReleases.LATEST_SOURCE);
    byInDegree = Api.byInDegree(latest);
  }

  private static String submit(long account, String body) {
    return Api.as(account)
        .body(body)
        .post("/api/v1/gap-analysis")
        .then()
        .statusCode(202)
        .body("status", equalTo("queued"))
        .body("job_id", startsWith("gap_"))
        .extract()
        .path("job_id");
  }

  private static JsonPath awaitFinished(long account, String id) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      JsonPath job =
          Api.as(account)
              .get("/api/v1/gap-analysis/" + id)
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      String status = job.getString("status");
      if (status.equals("completed") || status.equals("failed")) {
        return job;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("job " + id + " still " + status + " after 20 s");
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  private static String body(int mine, List<Integer> competitors) {
    return "{\"my_domain\": \""
        + latest.domain(mine)
        + "\", \"competitor_domains\": ["
        + competitors.stream()
            .map(c -> "\"" + latest.domain(c) + "\"")
            .collect(Collectors.joining(", "))
        + "]}";
  }

  private static void assertGaps(JsonPath job, int mine, List<Integer> competitors) {
    List<Integer> gaps = GapAlgebra.gaps(latest, mine, competitors, 1, Set.of());
    assertThat(gaps.size()).isGreaterThan(LISTED);
    assertThat(job.getString("status")).isEqualTo("completed");
    assertThat(job.getString("completed_at")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    assertThat(job.getString("result.my_domain")).isEqualTo(latest.domain(mine));
    assertThat(job.getList("result.competitor_domains", String.class))
        .isEqualTo(competitors.stream().map(latest::domain).toList());
    assertThat(job.getString("result.release_id")).isEqualTo(TestReleases.LATEST);
    assertThat(job.getLong("result.total_gaps")).isEqualTo(gaps.size());
    assertThat(job.getList("result.gaps"))
        .isEqualTo(GapAlgebra.gapEntries(latest, gaps, competitors, LISTED));
  }

  @Test
  void aJobRunsToTheGapsSetAlgebraGives() {
    int mine = byInDegree.get(10);
    List<Integer> competitors = List.of(byInDegree.get(0), byInDegree.get(3), byInDegree.get(7));
    String id = submit(Api.ACCOUNT, body(mine, competitors));
    assertGaps(awaitFinished(Api.ACCOUNT, id), mine, competitors);
  }

  @Test
  void fiveCompetitorsAreTheCap() {
    int mine = byInDegree.get(20);
    List<Integer> competitors = byInDegree.subList(1, 6);
    String id = submit(Api.ACCOUNT, body(mine, competitors));
    assertGaps(awaitFinished(Api.ACCOUNT, id), mine, competitors);
    Api.caller()
        .body(body(mine, byInDegree.subList(1, 7)))
        .post("/api/v1/gap-analysis")
        .then()
        .statusCode(400)
        .body("error", equalTo("validation_error"));
  }

  @Test
  void aDomainOutsideTheGraphHasEveryCompetitorLinkAsAGap() {
    int competitor = byInDegree.get(0);
    String id =
        submit(
            Api.ACCOUNT,
            "{\"my_domain\": \"brand-new-site.example\", \"competitor_domains\": [\""
                + latest.domain(competitor)
                + "\"]}");
    JsonPath job = awaitFinished(Api.ACCOUNT, id);
    assertThat(job.getLong("result.total_gaps")).isEqualTo(latest.linking()[competitor].length);
  }

  @Test
  void anotherAccountsJobIsNotFound() {
    String id = submit(Api.ACCOUNT, body(byInDegree.get(5), List.of(byInDegree.get(0))));
    Api.as(Api.ACCOUNT + 1)
        .get("/api/v1/gap-analysis/" + id)
        .then()
        .statusCode(404)
        .body("error", equalTo("not_found"))
        .body("request_id", startsWith("req_"));
    Api.caller().get("/api/v1/gap-analysis/gap_doesnotexist").then().statusCode(404);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"competitor_domains\": [\"a.com\"]}",
        "{\"my_domain\": \"example.com\"}",
        "{\"my_domain\": \"example.com\", \"competitor_domains\": []}",
        "{\"my_domain\": \"example.com\", \"competitor_domains\": [\"a.com\", \"A.com\"]}",
        "{\"my_domain\": \"example.com\", \"competitor_domains\": [\"www.example.com\"]}",
        "{\"my_domain\": \"example.com\", \"competitor_domains\": [\"not a domain\"]}",
        "{\"my_domain\": \"example.com\", \"competitor_domains\": \"a.com\"}",
        "{\"my_domain\": \"example.com\", \"competitor_domains\": [\"a.com\"], \"release_id\": \"nope\"}"
      })
  void badInputIsA400InTheCrawlGraphEnvelope(String body) {
    Api.caller()
        .body(body)
        .post("/api/v1/gap-analysis")
        .then()
        .statusCode(400)
        .body("error", equalTo("validation_error"))
        .body("request_id", startsWith("req_"));
  }

  @Test
  void queuedAndAbandonedJobsArePickedUpAfterARestart() throws Exception {
    int mine = byInDegree.get(12);
    List<Integer> competitors = List.of(byInDegree.get(2), byInDegree.get(4));
    Instant now = Instant.now();
    // As a crashed replica leaves them: one never started, one running with a lapsed lease.
    insert("gap_restartqueued", "queued", null, now.minusSeconds(30), mine, competitors);
    insert(
        "gap_restartrunning",
        "running",
        now.minusSeconds(5),
        now.minusSeconds(20),
        mine,
        competitors);
    assertGaps(awaitFinished(Api.ACCOUNT, "gap_restartqueued"), mine, competitors);
    assertGaps(awaitFinished(Api.ACCOUNT, "gap_restartrunning"), mine, competitors);
  }

  @Test
  void aRunningJobShowsItsStartAndProgress() throws Exception {
    Instant started = Instant.parse("2026-04-27T12:34:56Z");
    insert(
        "gap_stillrunning",
        "running",
        Instant.now().plusSeconds(3600),
        Instant.now(),
        0,
        List.of(1));
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "update gap_job set progress_pct = 42, started_at = ? where id = ?")) {
      s.setTimestamp(1, Timestamp.from(started));
      s.setString(2, "gap_stillrunning");
      s.executeUpdate();
    }
    JsonPath job =
        Api.caller()
            .get("/api/v1/gap-analysis/gap_stillrunning")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(job.getMap("")).containsOnlyKeys("job_id", "status", "started_at", "progress_pct");
    assertThat(job.getString("status")).isEqualTo("running");
    assertThat(job.getString("started_at")).isEqualTo("2026-04-27T12:34:56Z");
    assertThat(job.getInt("progress_pct")).isEqualTo(42);
  }

  @Test
  void aJobOnAReleaseThatWasRemovedFails() throws Exception {
    insert("gap_releasegone", "queued", null, Instant.now(), 0, List.of(1));
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement("update gap_job set release_id = 'CC-REMOVED' where id = ?")) {
      s.setString(1, "gap_releasegone");
      s.executeUpdate();
    }
    JsonPath job = awaitFinished(Api.ACCOUNT, "gap_releasegone");
    assertThat(job.getMap("")).containsOnlyKeys("job_id", "status", "error");
    assertThat(job.getString("status")).isEqualTo("failed");
    assertThat(job.getString("error.code")).isEqualTo("not_found");
    assertThat(job.getString("error.message")).contains("CC-REMOVED");
  }

  @Test
  void jobsAreGoneSevenDaysAfterSubmission() throws Exception {
    Instant eightDaysAgo = Instant.now().minus(Duration.ofDays(8));
    insert("gap_expired", "completed", null, eightDaysAgo, 0, List.of(1));
    Api.caller().get("/api/v1/gap-analysis/gap_expired").then().statusCode(404);
    jobs.purge();
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement("select count(*) from gap_job where id = 'gap_expired'");
        var rs = s.executeQuery()) {
      rs.next();
      assertThat(rs.getInt(1)).isZero();
    }
  }

  private void insert(
      String id,
      String status,
      Instant leaseUntil,
      Instant createdAt,
      int mine,
      List<Integer> competitors)
      throws Exception {
    try (Connection c = dataSource.getConnection()) {
      try (PreparedStatement d = c.prepareStatement("delete from gap_job where id = ?")) {
        d.setString(1, id);
        d.executeUpdate();
      }
      try (PreparedStatement s =
          c.prepareStatement(
              "insert into gap_job (id, account_id, project_id, release_id, my_domain,"
                  + " competitor_domains, status, lease_until, attempts, created_at, started_at)"
                  + " values (?, ?, 7, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        s.setString(1, id);
        s.setLong(2, Api.ACCOUNT);
        s.setString(3, TestReleases.LATEST);
        s.setString(4, latest.domain(mine));
        s.setArray(5, c.createArrayOf("text", competitors.stream().map(latest::domain).toArray()));
        s.setString(6, status);
        s.setTimestamp(7, leaseUntil == null ? null : Timestamp.from(leaseUntil));
        s.setInt(8, status.equals("running") ? 1 : 0);
        s.setTimestamp(9, Timestamp.from(createdAt));
        s.setTimestamp(10, status.equals("running") ? Timestamp.from(createdAt) : null);
        s.executeUpdate();
      }
    }
  }
}
