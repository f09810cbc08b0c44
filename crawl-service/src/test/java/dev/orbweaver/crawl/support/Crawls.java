package dev.orbweaver.crawl.support;

import static io.restassured.RestAssured.given;

import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

/** Polling a crawl until it is where a test needs it, and bare crawl rows for engine tests. */
public final class Crawls {
  private Crawls() {}

  /** GETs {@code path} until the predicate holds (60 s at most). */
  public static JsonPath pollUntil(String token, String path, Predicate<JsonPath> done) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    JsonPath last = null;
    while (Instant.now().isBefore(deadline)) {
      last = given().auth().oauth2(token).get(path).then().statusCode(200).extract().jsonPath();
      if (done.test(last)) {
        return last;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    throw new AssertionError(
        path + " never got there; last answer: " + (last == null ? null : last.prettify()));
  }

  public static JsonPath crawlcrawlDone(String token, long id) {
    return pollUntil(
        token,
        "/v1/crawls/" + id,
        r -> List.of("done", "failed", "cancelled").contains(r.getString("status")));
  }

  public static JsonPath alterlabDone(String token, String id) {
    return pollUntil(
        token,
        "/api/v1/crawl/" + id,
        r ->
            List.of("completed", "partial", "failed", "cancelled").contains(r.getString("status")));
  }

  /**
   * A bare crawl row of account 1 in the given status, for tests of the engine's parts: the
   * service's own worker claims only queued and running crawls, and sees none it is not committed.
   */
  public static long insertRow(Connection c, String seedUrl, String status) throws SQLException {
    try (var insert =
        c.prepareStatement(
            "insert into crawl (public_id, dialect, account_id, project_id, seed_url, max_depth,"
                + " max_pages, status) values (?, 'crawlcrawl', 1, 1, ?, 5, 100, ?) returning id")) {
      insert.setObject(1, UUID.randomUUID());
      insert.setString(2, seedUrl);
      insert.setString(3, status);
      try (var rs = insert.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
