package dev.orbweaver.auth.concurrency;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.orbweaver.auth.AuthTestFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ConcurrencySlotsTest {

  @Test
  void twentyParallelCallersNeverHoldMoreThanTheLimit() throws Exception {
    var account = AuthTestFixtures.open("lifetime");
    String service = AuthTestFixtures.serviceToken();
    ExecutorService pool = Executors.newFixedThreadPool(20);
    List<Future<Response>> answers = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      String holder = "crawl-" + i;
      answers.add(pool.submit(() -> call(service, "acquire", account.accountId(), holder)));
    }
    int granted = 0;
    for (Future<Response> answer : answers) {
      Response r = answer.get();
      if (r.statusCode() == 200) {
        granted++;
        assertThat(r.jsonPath().getInt("in_use")).isBetween(1, 5);
      } else {
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.jsonPath().getString("error")).isEqualTo("concurrency_limit");
      }
    }
    pool.shutdown();
    assertThat(granted).isEqualTo(5);
  }

  @Test
  void acquiringTwiceHoldsOneSlotAndReleasingTwiceIsHarmless() {
    var account = AuthTestFixtures.open("lifetime");
    String service = AuthTestFixtures.serviceToken();
    call(service, "acquire", account.accountId(), "crawl-a")
        .then()
        .statusCode(200)
        .body("in_use", equalTo(1));
    call(service, "acquire", account.accountId(), "crawl-a")
        .then()
        .statusCode(200)
        .body("in_use", equalTo(1));
    call(service, "release", account.accountId(), "crawl-a")
        .then()
        .statusCode(200)
        .body("in_use", equalTo(0));
    call(service, "release", account.accountId(), "crawl-a")
        .then()
        .statusCode(200)
        .body("in_use", equalTo(0));
  }

  @Test
  void aPerAccountOverrideReplacesThePlansLimit() {
    var account = AuthTestFixtures.open("free");
    AuthTestFixtures.setLimits(account.accountId(), "{\"crawls\": 1}");
    String service = AuthTestFixtures.serviceToken();
    call(service, "acquire", account.accountId(), "one")
        .then()
        .statusCode(200)
        .body("limit", equalTo(1));
    call(service, "acquire", account.accountId(), "two").then().statusCode(429);
  }

  private static Response call(String service, String action, long accountId, String holder) {
    return given()
        .auth()
        .oauth2(service)
        .contentType(ContentType.JSON)
        .body(
            "{\"account_id\":"
                + accountId
                + ",\"resource\":\"crawls\",\"holder\":\""
                + holder
                + "\"}")
        .when()
        .post("/internal/v1/concurrency/" + action);
  }
}
