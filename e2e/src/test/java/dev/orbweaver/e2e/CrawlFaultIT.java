package dev.orbweaver.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orbweaver.testing.FixtureSite;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A worker killed with SIGKILL in the middle of a 5,000-page crawl: its leases run out, the other
 * worker and its restarted self take the URLs back, and the crawl ends once, with every page
 * exactly once.
 */
@ExtendWith(PlatformExtension.class)
class CrawlFaultIT {

  @Test
  void aCrawlSurvivesAWorkerKilledMidway(Platform platform) throws Exception {
    Platform.Account account = platform.createAccount("fault", "selfhost");
    // Short leases, and a short fetch time limit: the killed worker's politeness tokens outlive
    // its longest fetch by 10 s, and until they expire its host's slots stay taken.
    Map<String, String> shortLeases =
        Map.of("ORBWEAVER_CRAWL_LEASE", "PT10S", "ORBWEAVER_FETCH_TOTAL_TIMEOUT", "PT10S");
    try (FixtureSite site = Sites.web("127.0.0.21", 5000).start()) {
      platform.launcher(shortLeases, Duration.ofMinutes(3), "worker", "start", "1");
      long id =
          Gateway.as(platform, account.key())
              .contentType(ContentType.JSON)
              .body(
                  Map.of(
                      "url",
                      site.url("/"),
                      "max_pages",
                      5001,
                      "depth",
                      50,
                      "delay_ms",
                      0,
                      "concurrency",
                      64))
              .post("/v1/crawls")
              .then()
              .statusCode(202)
              .extract()
              .jsonPath()
              .getLong("id");
      CrawlDialectsIT.poll(
          () -> Gateway.as(platform, account.key()),
          "/v1/crawls/" + id,
          r -> r.getInt("page_count") >= 1000,
          Duration.ofMinutes(3));

      // Killed while it holds some of the crawl's leases: those are what must come back. Each
      // worker claims first from its own share of the crawls, but one crawl is shared by both.
      long worker = platform.pidOf("crawl-worker-1");
      long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
      while (leasesOf(platform, id, worker) == 0) {
        assertThat(System.nanoTime()).as("worker-1 holds leases of the crawl").isLessThan(deadline);
        Thread.sleep(20);
      }
      ProcessHandle.of(worker)
          .ifPresent(
              p -> {
                p.destroyForcibly();
                p.onExit().join();
              });
      assertThat(leasesOf(platform, id, worker)).as("leases the killed worker left").isPositive();
      platform.launcher(shortLeases, Duration.ofMinutes(3), "worker", "start", "1");

      JsonPath run =
          CrawlDialectsIT.poll(
              () -> Gateway.as(platform, account.key()),
              "/v1/crawls/" + id,
              r ->
                  !r.getString("status").equals("running")
                      && !r.getString("status").equals("queued"),
              Duration.ofMinutes(5));
      assertThat(run.getString("status")).isEqualTo("done");
      assertThat(run.getInt("page_count")).isEqualTo(5001); // the home page and 5,000 pages
      try (Connection c = platform.database();
          Statement s = c.createStatement()) {
        ResultSet rs =
            s.executeQuery(
                "select count(*), count(distinct url) from crawl.page where crawl_id = " + id);
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(5001);
        assertThat(rs.getLong(2)).isEqualTo(5001);
        ResultSet state =
            s.executeQuery(
                "select status, finished_at is not null from crawl.crawl where id = " + id);
        state.next();
        assertThat(state.getString(1)).isEqualTo("completed");
        assertThat(state.getBoolean(2)).isTrue();
      }
    } finally {
      platform.launcher(Duration.ofMinutes(1), "worker", "stop");
    }
  }

  /** The crawl's items leased to the worker process with this pid (worker ids start with it). */
  private static long leasesOf(Platform platform, long crawl, long pid) throws Exception {
    try (Connection c = platform.database();
        PreparedStatement s =
            c.prepareStatement(
                "select count(*) from crawl.frontier where crawl_id = ? and state = 'leased'"
                    + " and leased_by like ?")) {
      s.setLong(1, crawl);
      s.setString(2, pid + "@%");
      ResultSet rs = s.executeQuery();
      rs.next();
      return rs.getLong(1);
    }
  }
}
