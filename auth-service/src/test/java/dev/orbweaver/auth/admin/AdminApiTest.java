package dev.orbweaver.auth.admin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;

import dev.orbweaver.auth.AuthTestFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AdminApiTest {

  @Test
  void openingAnAccountGivesItsFirstKeyOnce() {
    AuthTestFixtures.admin()
        .body("{\"name\":\"Acme\",\"plan\":\"lifetime\"}")
        .when()
        .post("/admin/v1/accounts")
        .then()
        .statusCode(201)
        .body("account.name", equalTo("Acme"))
        .body("account.plan", equalTo("lifetime"))
        .body("account.status", equalTo("active"))
        .body("key.label", equalTo("default"))
        .body("key.key", matchesPattern("ow_live_[0-9A-Za-z]{44}"));
  }

  @Test
  void theAdminTokenIsRequiredAndChecked() {
    given()
        .when()
        .get("/admin/v1/accounts")
        .then()
        .statusCode(401)
        .body("error", equalTo("auth_missing"));
    given()
        .header("Authorization", "Bearer wrong")
        .when()
        .get("/admin/v1/accounts")
        .then()
        .statusCode(401)
        .body("error", equalTo("auth_invalid"));
    given()
        .header("X-Admin-Token", "test-admin-tokeN")
        .when()
        .get("/admin/v1/accounts")
        .then()
        .statusCode(401)
        .body("error", equalTo("auth_invalid"));
    given()
        .header("X-Admin-Token", "test-admin-token")
        .when()
        .get("/admin/v1/accounts")
        .then()
        .statusCode(200);
  }

  @Test
  void noSpellingOfTheAdminPathSlipsPastTheToken() {
    for (String path :
        List.of(
            "/admin/v1/accounts/",
            "//admin/v1/accounts",
            "/admin//v1/accounts",
            "/%61dmin/v1/accounts",
            "/admin/v1/./accounts",
            "/api/../admin/v1/accounts")) {
      given()
          .urlEncodingEnabled(false)
          .when()
          .get(path)
          .then()
          .statusCode(anyOf(equalTo(401), equalTo(404)));
    }
  }

  @Test
  void thePlansAreListedWithTheirLimitsForTheOperatorOnly() {
    AuthTestFixtures.admin()
        .when()
        .get("/admin/v1/plans")
        .then()
        .statusCode(200)
        .body("plans.plan", equalTo(List.of("free", "lifetime", "selfhost")))
        .body("plans[1].quotas.backlinks", equalTo(1000))
        .body("plans[1].quotas.gap", equalTo(50))
        .body("plans[1].concurrency.crawls", equalTo(5))
        .body("plans[1].credits", equalTo(100000))
        .body("plans[2].quotas.backlinks", equalTo(null))
        .body("plans[2].credits", equalTo(null));
    given().when().get("/admin/v1/plans").then().statusCode(401);
  }

  @Test
  void plansChangeAndUnknownPlansAreRefused() {
    var account = AuthTestFixtures.open("free");
    AuthTestFixtures.admin()
        .body("{\"plan\":\"lifetime\"}")
        .put("/admin/v1/accounts/" + account.accountId() + "/plan")
        .then()
        .statusCode(200)
        .body("plan", equalTo("lifetime"));
    AuthTestFixtures.admin()
        .body("{\"plan\":\"platinum\"}")
        .put("/admin/v1/accounts/" + account.accountId() + "/plan")
        .then()
        .statusCode(400)
        .body("error", equalTo("validation_error"));
    AuthTestFixtures.admin()
        .body("{\"name\":\"x\",\"plan\":\"gold\"}")
        .post("/admin/v1/accounts")
        .then()
        .statusCode(400);
  }

  @Test
  void theListShowsAccountsButNoSecrets() {
    var account = AuthTestFixtures.open("selfhost");
    AuthTestFixtures.admin()
        .get("/admin/v1/accounts?limit=1000")
        .then()
        .statusCode(200)
        .body("accounts.id", hasItem((int) account.accountId()));
  }

  @Test
  void badLimitsAreRefusedWithTheFieldNamed() {
    var account = AuthTestFixtures.open("free");
    AuthTestFixtures.admin()
        .body("{\"limits\":{\"scrape\":-3}}")
        .patch("/admin/v1/accounts/" + account.accountId())
        .then()
        .statusCode(400)
        .body("message", matchesPattern(".*limits.scrape.*"));
    AuthTestFixtures.admin()
        .body("{\"limits\":{\"teleport\":3}}")
        .patch("/admin/v1/accounts/" + account.accountId())
        .then()
        .statusCode(400);
    AuthTestFixtures.admin()
        .body("{\"status\":\"active\"}")
        .patch("/admin/v1/accounts/999999999")
        .then()
        .statusCode(404);
    given()
        .header("Authorization", "Bearer test-admin-token")
        .contentType(ContentType.JSON)
        .body("{\"name\": 5, ")
        .post("/admin/v1/accounts")
        .then()
        .statusCode(400);
  }
}
