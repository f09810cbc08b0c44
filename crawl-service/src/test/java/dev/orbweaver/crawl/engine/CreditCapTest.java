package dev.orbweaver.crawl.engine;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.orbweaver.crawl.frontier.FrontierItem;
import dev.orbweaver.crawl.lifecycle.Finisher;
import dev.orbweaver.crawl.model.Tier;
import dev.orbweaver.crawl.support.Accounts;
import dev.orbweaver.crawl.support.CleanSlate;
import dev.orbweaver.crawl.support.Crawls;
import dev.orbweaver.crawl.support.Sites;
import dev.orbweaver.crawl.worker.Claims;
import dev.orbweaver.crawl.worker.Outcome;
import dev.orbweaver.crawl.worker.ResultWriter;
import dev.orbweaver.crawl.worker.WorkerRoster;
import dev.orbweaver.testing.FixtureSite;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A credit cap holds exactly while many workers finish pages of one crawl at once: the service's
 * own worker fetching, and four more that claim and write results the way other worker processes
 * would (their own ids, their own transactions, nothing shared but the database).
 */
@QuarkusTest
class CreditCapTest {
  private static final int CAP = 40;

  @Inject Claims claims;
  @Inject ResultWriter writer;
  @Inject Finisher finisher;
  @Inject DataSource dataSource;

  @BeforeAll
  static void emptyCrawlSchema() {
    CleanSlate.crawls(); // the other workers below claim from every crawl there is
  }

  @Test
  void maxCreditsHoldsExactlyWithManyWorkersFinishingPagesAtOnce() throws Exception {
    var account = Accounts.open("free"); // 1000 credits
    FixtureSite site = FixtureSite.on("127.0.0.45");
    StringBuilder links = new StringBuilder();
    for (int i = 1; i <= 120; i++) {
      links.append("<a href=\"/p/").append(i).append("\">p</a>");
      site.slow("/p/" + i, Duration.ofMillis(150), Sites.page("P" + i, ""));
    }
    site.page("/", Sites.page("Home", links.toString()));
    try (site) {
      site.start();
      String publicId =
          given()
              .auth()
              .oauth2(account.token())
              .contentType(ContentType.JSON)
              .body(
                  Map.of(
                      "url",
                      site.url("/"),
                      "max_pages",
                      121,
                      "max_depth",
                      1,
                      "cost_controls",
                      Map.of("max_credits", CAP)))
              .post("/api/v1/crawl")
              .then()
              .statusCode(202)
              .extract()
              .path("crawl_id");
      long crawlId = crawlId(publicId);
      // The other workers join once the home page's links are queued (they write pages without
      // links, which would end the crawl at its seed).
      awaitQueuedPages(crawlId, 100);

      AtomicBoolean over = new AtomicBoolean();
      ExecutorService others = Executors.newFixedThreadPool(4);
      List<Future<Integer>> written = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        String worker = "other-worker-" + w + ":" + UUID.randomUUID();
        written.add(others.submit(() -> workAsAnotherWorker(worker, over)));
      }
      JsonPath done = Crawls.alterlabDone(account.token(), publicId);
      over.set(true);
      others.shutdown();
      int byOthers = 0;
      for (Future<Integer> f : written) {
        byOthers += f.get();
      }

      assertThat(done.getString("status")).isEqualTo("completed");
      assertThat(done.getInt("completed")).isEqualTo(CAP);
      assertThat(done.getInt("billing.credits_debited")).isEqualTo(CAP);
      assertThat(done.getInt("billing.credits_used")).isEqualTo(CAP);
      assertThat(done.getInt("billing.credits_refunded")).isZero();
      assertThat(one("select count(*) from page where crawl_id = " + crawlId)).isEqualTo(CAP);
      assertThat(one("select sum(credits) from page where crawl_id = " + crawlId)).isEqualTo(CAP);
      assertThat(byOthers).as("pages the other workers wrote").isPositive();
      assertThat(byOthers + site.pageHits().size())
          .as("pages written by the other workers plus pages the service fetched")
          .isEqualTo(CAP);
      assertThat(Accounts.credits(account.id())).isEqualTo(1000 - CAP);
    }
  }

  /** Claims and writes like a worker process: a page for each page item, nothing for helpers. */
  private int workAsAnotherWorker(String worker, AtomicBoolean over) throws InterruptedException {
    int pages = 0;
    while (!over.get()) {
      List<Claims.Claimed> batch = claims.claim(worker, WorkerRoster.Share.ALONE, 4);
      if (batch.isEmpty()) {
        Thread.sleep(5);
        continue;
      }
      List<Outcome> outcomes = new ArrayList<>();
      for (Claims.Claimed claimed : batch) {
        FrontierItem item = claimed.item();
        if (item.kind() != FrontierItem.Kind.PAGE) {
          outcomes.add(new Outcome.Expanded(item, List.of()));
          continue;
        }
        outcomes.add(
            new Outcome.Page(
                item,
                item.url(),
                200,
                "text/html",
                10,
                1,
                "hash-" + item.id(),
                JsonNodeFactory.instance.objectNode(),
                Map.of(),
                null,
                "",
                List.of(),
                Tier.T1,
                claimed.crawl().pricing().tierCredits(),
                false));
        pages++;
      }
      Thread.sleep(20); // results of several workers reach the database at about the same time
      if (writer.write(batch.get(0).crawl().id(), worker, outcomes)) {
        finisher.settle(batch.get(0).crawl().id());
      }
    }
    return pages;
  }

  private void awaitQueuedPages(long crawlId, int atLeast) throws Exception {
    Instant deadline = Instant.now().plusSeconds(30);
    while (one("select count(*) from frontier where kind = 'page' and crawl_id = " + crawlId)
        < atLeast) {
      assertThat(Instant.now()).as("the home page's links are queued").isBefore(deadline);
      Thread.sleep(20);
    }
  }

  private long crawlId(String publicId) throws SQLException {
    try (Connection c = dataSource.getConnection();
        var query = c.prepareStatement("select id from crawl where public_id = ?")) {
      query.setObject(1, UUID.fromString(publicId));
      try (var rs = query.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private long one(String sql) throws SQLException {
    try (Connection c = dataSource.getConnection();
        var rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
