package dev.orbweaver.crawl.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Earlier runs may have left crawls behind (a test JVM killed mid-crawl); a test that counts pages
 * starts from an empty crawl schema so that no leftover crawl competes for the workers.
 */
public final class CleanSlate {
  private CleanSlate() {}

  public static void crawls() {
    sql(
        "truncate crawl.crawl, crawl.frontier, crawl.page, crawl.crawl_error, crawl.budget_count,"
            + " crawl.tracking_snapshot, crawl.page_cache, crawl.outbox cascade");
  }

  /** One statement on the test database, for states a test cannot wait for (a day passing). */
  public static void sql(String statement) {
    String url =
        System.getenv()
            .getOrDefault(
                "ORBWEAVER_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/orbweaver_test");
    try (Connection c = DriverManager.getConnection(url, "postgres", "");
        Statement s = c.createStatement()) {
      s.execute(statement);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
