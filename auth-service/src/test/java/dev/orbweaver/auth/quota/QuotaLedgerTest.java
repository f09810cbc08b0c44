package dev.orbweaver.auth.quota;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.notNullValue;

import dev.orbweaver.auth.AuthTestFixtures;
import dev.orbweaver.auth.MovableClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class QuotaLedgerTest {
  @Inject QuotaLedger ledger;
  @Inject MovableClock clock;

  @AfterEach
  void backToRealTime() {
    clock.reset();
  }

  @Test
  void fiftyConcurrentReservesAgainstALimitOfTwentyGrantExactlyTwenty() throws Exception {
    var account = AuthTestFixtures.open("lifetime");
    AuthTestFixtures.setLimits(account.accountId(), "{\"gap\": 20}");
    String service = AuthTestFixtures.serviceToken();

    List<Response> answers = inParallel(50, () -> reserve(service, account.accountId(), "gap"));

    List<String> granted =
        answers.stream()
            .filter(r -> r.statusCode() == 200)
            .map(r -> r.jsonPath().getString("reservation_id"))
            .toList();
    assertThat(granted).hasSize(20).doesNotHaveDuplicates();
    assertThat(answers.stream().filter(r -> r.statusCode() == 429))
        .hasSize(30)
        .allSatisfy(r -> assertThat(r.jsonPath().getString("error")).isEqualTo("quota_exceeded"));

    inParallel(20, granted.size(), i -> settle(service, granted.get(i), "commit"));

    Counter gap = counter(ledger.counters(account.accountId(), Instant.now()), "gap");
    assertThat(gap.used()).isEqualTo(20);
    assertThat(gap.reserved()).isZero();
    assertThat(gap.remaining()).isZero();
    reserve(service, account.accountId(), "gap")
        .then()
        .statusCode(429)
        .body("retry_after", greaterThan(0));
  }

  @Test
  void refundedReservationsGiveTheirSlotsBackUnderConcurrency() throws Exception {
    var account = AuthTestFixtures.open("lifetime");
    AuthTestFixtures.setLimits(account.accountId(), "{\"extract\": 20}");
    String service = AuthTestFixtures.serviceToken();
    List<String> granted =
        inParallel(50, () -> reserve(service, account.accountId(), "extract")).stream()
            .filter(r -> r.statusCode() == 200)
            .map(r -> r.jsonPath().getString("reservation_id"))
            .toList();
    assertThat(granted).hasSize(20);

    // Failed calls (non-2xx) are refunded, successful ones committed, all at once.
    inParallel(20, 20, i -> settle(service, granted.get(i), i < 5 ? "refund" : "commit"));

    Counter extract = counter(ledger.counters(account.accountId(), Instant.now()), "extract");
    assertThat(extract.used()).isEqualTo(15);
    assertThat(extract.reserved()).isZero();
    assertThat(extract.remaining()).isEqualTo(5);
    List<Response> again = inParallel(10, () -> reserve(service, account.accountId(), "extract"));
    assertThat(again.stream().filter(r -> r.statusCode() == 200)).hasSize(5);
    assertThat(again.stream().filter(r -> r.statusCode() == 429)).hasSize(5);
  }

  @Test
  void aRefundGivesTheSlotBackAndSettlingTwiceChangesNothing() {
    var account = AuthTestFixtures.open("lifetime");
    AuthTestFixtures.setLimits(account.accountId(), "{\"scrape\": 2}");
    String service = AuthTestFixtures.serviceToken();
    String first =
        reserve(service, account.accountId(), "scrape")
            .then()
            .statusCode(200)
            .extract()
            .path("reservation_id");
    String second =
        reserve(service, account.accountId(), "scrape")
            .then()
            .statusCode(200)
            .extract()
            .path("reservation_id");
    reserve(service, account.accountId(), "scrape").then().statusCode(429);

    settle(service, first, "refund").then().statusCode(200);
    settle(service, first, "refund").then().statusCode(200);
    settle(service, first, "commit").then().statusCode(200);
    settle(service, second, "commit").then().statusCode(200);
    settle(service, second, "commit").then().statusCode(200);

    Counter scrape = counter(ledger.counters(account.accountId(), Instant.now()), "scrape");
    assertThat(scrape.used()).isEqualTo(1);
    assertThat(scrape.reserved()).isZero();
    reserve(service, account.accountId(), "scrape").then().statusCode(200);
    reserve(service, account.accountId(), "scrape").then().statusCode(429);
  }

  @Test
  void eachAnswerCarriesTheCountersAsTheCallLeftThemAndAnUnknownReservationIs404() {
    var account = AuthTestFixtures.open("lifetime");
    AuthTestFixtures.setLimits(account.accountId(), "{\"extract\": 1}");
    Instant now = Instant.now();
    assertThat(ledger.reserve(account.accountId(), "map", 1, now).granted()).isTrue();

    var held = ledger.reserve(account.accountId(), "extract", 1, now);
    assertThat(held.granted()).isTrue();
    assertThat(counter(held.counters(), "extract").reserved()).isEqualTo(1);
    assertThat(counter(held.counters(), "extract").remaining()).isZero();
    assertThat(counter(held.counters(), "map").reserved()).isEqualTo(1);

    var refused = ledger.reserve(account.accountId(), "extract", 1, now);
    assertThat(refused.granted()).isFalse();
    assertThat(refused.id()).isNull();
    assertThat(counter(refused.counters(), "extract").reserved()).isEqualTo(1);

    Counter committed = counter(ledger.commit(held.id(), now), "extract");
    assertThat(committed.used()).isEqualTo(1);
    assertThat(committed.reserved()).isZero();
    String service = AuthTestFixtures.serviceToken();
    settle(service, "rsv_doesnotexist", "commit").then().statusCode(404);
  }

  @Test
  void countersResetOnTheFirstOfTheMonthAtMidnightUtc() {
    var account = AuthTestFixtures.open("lifetime");
    AuthTestFixtures.setLimits(account.accountId(), "{\"backlinks\": 1}");
    String service = AuthTestFixtures.serviceToken();
    String user = AuthTestFixtures.userToken(account.key());

    clock.set(Instant.parse("2027-01-31T23:59:59Z"));
    String january =
        reserve(service, account.accountId(), "backlinks")
            .then()
            .statusCode(200)
            .extract()
            .path("reservation_id");
    settle(service, january, "commit").then().statusCode(200);
    reserve(service, account.accountId(), "backlinks")
        .then()
        .statusCode(429)
        .body("retry_after", equalTo(1));

    clock.set(Instant.parse("2027-02-01T00:00:00Z"));
    given()
        .auth()
        .oauth2(user)
        .when()
        .get("/api/v1/usage")
        .then()
        .statusCode(200)
        .body("period_start", equalTo("2027-02-01"))
        .body("reset_at", equalTo((int) Instant.parse("2027-03-01T00:00:00Z").getEpochSecond()))
        .body("quotas.find { it.resource == 'backlinks' }.used", equalTo(0))
        .body("quotas.find { it.resource == 'backlinks' }.remaining", equalTo(1));
    reserve(service, account.accountId(), "backlinks").then().statusCode(200);
  }

  @Test
  void freeAccountsGetNoBacklinkCallsAndSelfhostAccountsAreUnlimited() {
    var free = AuthTestFixtures.open("free");
    var selfhost = AuthTestFixtures.open("selfhost");
    assertThat(ledger.reserve(free.accountId(), "backlinks", 1, Instant.now()).granted()).isFalse();
    var unlimited = ledger.reserve(selfhost.accountId(), "backlinks", 1000, Instant.now());
    assertThat(unlimited.granted()).isTrue();
    assertThat(counter(unlimited.counters(), "backlinks").limit()).isNull();
    assertThat(counter(unlimited.counters(), "backlinks").remaining()).isNull();
  }

  @Test
  void anUnsettledReservationIsRefundedWhenItExpires() {
    var account = AuthTestFixtures.open("lifetime");
    AuthTestFixtures.setLimits(account.accountId(), "{\"map\": 1}");
    Instant now = Instant.now();
    assertThat(ledger.reserve(account.accountId(), "map", 1, now).granted()).isTrue();
    assertThat(ledger.reserve(account.accountId(), "map", 1, now).granted()).isFalse();

    assertThat(ledger.refundExpired(now.plus(QuotaLedger.RESERVATION_TTL).plusSeconds(1)))
        .isGreaterThanOrEqualTo(1);

    assertThat(ledger.reserve(account.accountId(), "map", 1, now).granted()).isTrue();
  }

  @Test
  void settledReservationsAreDeletedAfterADayAndLiveOnesStay() {
    var account = AuthTestFixtures.open("lifetime");
    Instant taken = Instant.now().minus(QuotaLedger.SETTLED_KEPT).minusSeconds(60);
    var committed = ledger.reserve(account.accountId(), "search", 1, taken);
    var refunded = ledger.reserve(account.accountId(), "search", 1, taken);
    var recent = ledger.reserve(account.accountId(), "search", 1, Instant.now());
    var live = ledger.reserve(account.accountId(), "search", 1, taken);
    ledger.commit(committed.id(), taken);
    ledger.refund(refunded.id(), taken);
    ledger.commit(recent.id(), Instant.now());

    assertThat(ledger.forgetSettled(Instant.now())).isGreaterThanOrEqualTo(2);

    String service = AuthTestFixtures.serviceToken();
    settle(service, committed.id(), "commit").then().statusCode(404);
    settle(service, refunded.id(), "refund").then().statusCode(404);
    settle(service, recent.id(), "commit").then().statusCode(200);
    // Still held: it is the expiry sweep's to refund, not this one's to forget.
    settle(service, live.id(), "refund").then().statusCode(200);
  }

  @Test
  void usageShowsEveryCounterItsLimitAndTheReset() {
    var account = AuthTestFixtures.open("lifetime");
    given()
        .auth()
        .oauth2(AuthTestFixtures.userToken(account.key()))
        .when()
        .get("/api/v1/usage")
        .then()
        .statusCode(200)
        .body("plan", equalTo("lifetime"))
        .body("quotas.find { it.resource == 'backlinks' }.limit", equalTo(1000))
        .body("quotas.find { it.resource == 'gap' }.limit", equalTo(50))
        .body("quotas.find { it.resource == 'backlinks' }.remaining", equalTo(1000))
        .body("concurrency.find { it.resource == 'crawls' }.limit", equalTo(5))
        .body("credits_balance", equalTo(100000))
        .body("reset_at", equalTo((int) MonthlyPeriod.of(Instant.now()).resetAt().getEpochSecond()))
        .body("quotas.find { it.resource == 'gap' }.reset_at", notNullValue());
  }

  @Test
  void onlyServicesMayReserve() {
    var account = AuthTestFixtures.open("lifetime");
    reserve(AuthTestFixtures.userToken(account.key()), account.accountId(), "gap")
        .then()
        .statusCode(403);
    given()
        .contentType(ContentType.JSON)
        .body("{}")
        .when()
        .post("/internal/v1/quotas/reserve")
        .then()
        .statusCode(401);
  }

  private static Response reserve(String service, long accountId, String resource) {
    return given()
        .auth()
        .oauth2(service)
        .contentType(ContentType.JSON)
        .body("{\"account_id\":" + accountId + ",\"resource\":\"" + resource + "\"}")
        .when()
        .post("/internal/v1/quotas/reserve");
  }

  private static Response settle(String service, String reservation, String outcome) {
    return given()
        .auth()
        .oauth2(service)
        .when()
        .post("/internal/v1/quotas/reservations/" + reservation + "/" + outcome);
  }

  static Counter counter(List<Counter> counters, String resource) {
    return counters.stream().filter(c -> c.resource().equals(resource)).findFirst().orElseThrow();
  }

  static <T> List<T> inParallel(int n, Callable<T> call) throws Exception {
    return inParallel(n, n, i -> call.call());
  }

  static <T> List<T> inParallel(int threads, int n, IndexedCall<T> call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int index = i;
        futures.add(pool.submit(() -> call.call(index)));
      }
      List<T> out = new ArrayList<>();
      for (Future<T> f : futures) {
        out.add(f.get());
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  interface IndexedCall<T> {
    T call(int index) throws Exception;
  }
}
