package dev.orbweaver.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import java.util.concurrent.TimeUnit;

/** An account's quota counters as a client reads them through the gateway. */
final class Usage {
  private Usage() {}

  /**
   * The account's used count of a resource once nothing is reserved any more: the gateway commits
   * or refunds a call after its answer is on the way, so a client can outrun the settlement.
   */
  static int settled(Platform platform, String key, String resource) {
    String quota = "quotas.find { it.resource == '" + resource + "' }";
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      JsonPath usage =
          Gateway.as(platform, key)
              .get("/api/v1/usage")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      if (usage.getInt(quota + ".reserved") == 0) {
        return usage.getInt(quota + ".used");
      }
      assertThat(System.nanoTime()).as("reservations of %s settled", resource).isLessThan(deadline);
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
