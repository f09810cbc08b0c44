package dev.orbweaver.crawl.engine;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.orbweaver.crawl.frontier.FrontierItem;
import dev.orbweaver.crawl.model.Tier;
import dev.orbweaver.crawl.support.Accounts;
import dev.orbweaver.crawl.support.CleanSlate;
import dev.orbweaver.crawl.support.Crawls;
import dev.orbweaver.crawl.support.Sites;
import dev.orbweaver.crawl.worker.Outcome;
import dev.orbweaver.crawl.worker.ResultWriter;
import dev.orbweaver.testing.FixtureSite;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the result writer keeps when a worker hands it more than one result for an item. */
@QuarkusTest
class ResultWriterTest {
  @Inject ResultWriter writer;
  @Inject DataSource dataSource;

  @BeforeAll
  static void emptyCrawlSchema() {
    CleanSlate.crawls();
  }

  /**
   * An item whose lease ran out while it waited for its host can be claimed again by the same
   * worker; when both results reach one batch, one page is stored and max_pages still holds.
   */
  @Test
  void twoResultsForOneItemInOneBatchStoreOnePage() throws Exception {
    var account = Accounts.open("selfhost");
    // The home page answers after 5 s: its item stays leased while the test writes for it.
    FixtureSite site =
        FixtureSite.on("127.0.0.3").slow("/", Duration.ofSeconds(5), Sites.page("Home", ""));
    try (site) {
      site.start();
      long id =
          given()
              .auth()
              .oauth2(account.token())
              .contentType(ContentType.JSON)
              .body(Map.of("url", site.url("/"), "max_pages", 1, "delay_ms", 0))
              .post("/v1/crawls")
              .then()
              .statusCode(202)
              .extract()
              .jsonPath()
              .getLong("id");
      Leased leased = awaitLeasedPage(id);
      Outcome.Page page =
          new Outcome.Page(
              leased.item(),
              leased.item().url(),
              200,
              "text/html",
              12,
              1,
              "hash",
              JsonNodeFactory.instance.objectNode(),
              Map.of(),
              new byte[0],
              "Home",
              List.of(),
              Tier.T1,
              0,
              false);

      writer.write(id, leased.worker(), List.of(page, page));

      var run = Crawls.crawlcrawlDone(account.token(), id);
      assertThat(run.getInt("page_count")).isEqualTo(1);
      assertThat(count("select count(*) from page where crawl_id = " + id)).isEqualTo(1);
    }
  }

  private record Leased(FrontierItem item, String worker) {}

  private Leased awaitLeasedPage(long crawlId) throws Exception {
    Instant deadline = Instant.now().plusSeconds(20);
    while (Instant.now().isBefore(deadline)) {
      try (Connection c = dataSource.getConnection();
          var query =
              c.prepareStatement(
                  "select id, url, depth, leased_by from frontier where crawl_id = ?"
                      + " and kind = 'page' and state = 'leased'")) {
        query.setLong(1, crawlId);
        try (var rs = query.executeQuery()) {
          if (rs.next()) {
            return new Leased(
                new FrontierItem(
                    rs.getLong("id"),
                    crawlId,
                    rs.getString("url"),
                    rs.getInt("depth"),
                    FrontierItem.Kind.PAGE,
                    true,
                    null,
                    1,
                    null),
                rs.getString("leased_by"));
          }
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the seed was never leased");
  }

  private long count(String sql) throws SQLException {
    try (Connection c = dataSource.getConnection();
        var rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
