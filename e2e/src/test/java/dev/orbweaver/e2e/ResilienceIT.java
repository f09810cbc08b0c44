package dev.orbweaver.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What clients see while parts of the platform are down, and that it comes back by itself. */
@ExtendWith(PlatformExtension.class)
class ResilienceIT {

  @Test
  void readinessGoes503WhenRedisStopsAndComesBackWhenItReturns(Platform platform) {
    platform.stopRedis();
    try {
      Response down =
          waitFor(platform, r -> r.statusCode() == 503 && r.body().asString().contains("redis"));
      down.then().body("status", equalTo("not_ready")).body("failing", hasItem("redis"));
    } finally {
      platform.startRedis();
    }
    Response up = waitFor(platform, r -> r.statusCode() == 200);
    assertThat(up.body().asString()).isEqualTo("ready");
  }

  @Test
  void aServiceThatIsDownIs503InTheRoutesDialectUntilItIsBack(Platform platform) {
    platform.kill("webhook-service");
    try {
      Gateway.as(platform, platform.firstKey())
          .get("/ping/webhook-service")
          .then()
          .statusCode(503)
          .body("error", equalTo("service_unavailable"));
      waitFor(
          platform, r -> r.statusCode() == 503 && r.body().asString().contains("webhook-service"));
    } finally {
      platform.upAgain();
    }
    Gateway.as(platform, platform.firstKey()).get("/ping/webhook-service").then().statusCode(200);
  }

  private static Response waitFor(Platform platform, Predicate<Response> condition) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    Response last;
    do {
      last = given().baseUri(platform.gatewayUrl()).get("/v1/ready");
      if (condition.test(last)) {
        return last;
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    } while (Instant.now().isBefore(deadline));
    throw new AssertionError(
        "readiness never matched; last: " + last.statusCode() + " " + last.body().asString());
  }
}
