package dev.orbweaver.auth.credit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.orbweaver.auth.AuthTestFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CreditLedgerTest {

  @Test
  void aDebitOrRefundWithTheSameRefHappensOnce() {
    var account = AuthTestFixtures.open("free"); // starts with 1000 credits
    String service = AuthTestFixtures.serviceToken();
    move(service, "debit", account.accountId(), 300, "crawl-1:predebit")
        .then()
        .statusCode(200)
        .body("balance", equalTo(700));
    move(service, "debit", account.accountId(), 300, "crawl-1:predebit")
        .then()
        .statusCode(200)
        .body("balance", equalTo(700));
    move(service, "refund", account.accountId(), 120, "crawl-1:refund")
        .then()
        .statusCode(200)
        .body("balance", equalTo(820));
    move(service, "refund", account.accountId(), 120, "crawl-1:refund")
        .then()
        .statusCode(200)
        .body("balance", equalTo(820));
    given()
        .auth()
        .oauth2(service)
        .when()
        .get("/internal/v1/accounts/" + account.accountId() + "/credits")
        .then()
        .statusCode(200)
        .body("balance", equalTo(820));
  }

  @Test
  void aDebitBeyondTheBalanceIsRefusedWith402AndChangesNothing() {
    var account = AuthTestFixtures.open("free");
    String service = AuthTestFixtures.serviceToken();
    move(service, "debit", account.accountId(), 1001, "too-big")
        .then()
        .statusCode(402)
        .body("error", equalTo("insufficient_credits"))
        .body("balance", equalTo(1000));
    move(service, "debit", account.accountId(), 1000, "too-big")
        .then()
        .statusCode(200)
        .body("balance", equalTo(0));
  }

  @Test
  void selfhostCreditsAreUnlimited() {
    var account = AuthTestFixtures.open("selfhost");
    move(AuthTestFixtures.serviceToken(), "debit", account.accountId(), 1_000_000, "big")
        .then()
        .statusCode(200)
        .body("balance", nullValue());
  }

  @Test
  void movingToAPlanGrantsItsCreditsOnceAndSelfhostIsUnlimited() {
    var account = AuthTestFixtures.open("free"); // 1000
    String service = AuthTestFixtures.serviceToken();
    move(service, "debit", account.accountId(), 300, "scrape-1")
        .then()
        .body("balance", equalTo(700));

    plan(account.accountId(), "lifetime");
    balance(service, account.accountId()).then().body("balance", equalTo(100_700));
    plan(account.accountId(), "selfhost");
    balance(service, account.accountId()).then().body("balance", nullValue());
    plan(account.accountId(), "lifetime"); // granted before: nothing new
    balance(service, account.accountId()).then().body("balance", equalTo(0));
    plan(account.accountId(), "lifetime"); // no change at all
    balance(service, account.accountId()).then().body("balance", equalTo(0));
  }

  private static void plan(long accountId, String plan) {
    AuthTestFixtures.admin()
        .body("{\"plan\":\"" + plan + "\"}")
        .put("/admin/v1/accounts/" + accountId + "/plan")
        .then()
        .statusCode(200)
        .body("plan", equalTo(plan));
  }

  private static Response balance(String service, long accountId) {
    return given()
        .auth()
        .oauth2(service)
        .when()
        .get("/internal/v1/accounts/" + accountId + "/credits");
  }

  private static Response move(
      String service, String kind, long accountId, long amount, String ref) {
    return given()
        .auth()
        .oauth2(service)
        .contentType(ContentType.JSON)
        .body(
            "{\"account_id\":" + accountId + ",\"amount\":" + amount + ",\"ref\":\"" + ref + "\"}")
        .when()
        .post("/internal/v1/credits/" + kind);
  }
}
