package dev.orbweaver.auth.key;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import dev.orbweaver.auth.AuthTestFixtures;
import dev.orbweaver.auth.MovableClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class KeyLifecycleTest {
  @Inject MovableClock clock;

  @AfterEach
  void backToRealTime() {
    clock.reset();
  }

  @Test
  void aNewKeyIsShownOnceAndListedWithoutItsSecret() {
    var account = AuthTestFixtures.open("lifetime");
    String jwt = AuthTestFixtures.userToken(account.key());

    String key =
        given()
            .auth()
            .oauth2(jwt)
            .contentType(ContentType.JSON)
            .body("{\"label\":\"n8n-bot\"}")
            .when()
            .post("/api/v1/keys")
            .then()
            .statusCode(201)
            .body("key", matchesPattern("ow_live_[0-9A-Za-z]{44}"))
            .body("label", equalTo("n8n-bot"))
            .extract()
            .path("key");
    assertThat(key).hasSize(52);

    List<Map<String, Object>> listed =
        given()
            .auth()
            .oauth2(jwt)
            .when()
            .get("/api/v1/keys")
            .then()
            .statusCode(200)
            .body("keys", hasSize(2))
            .body("keys[1].prefix", equalTo(key.substring(0, 12)))
            .body("keys[1]", not(hasKey("key")))
            .extract()
            .path("keys");
    assertThat(listed).extracting(k -> k.get("label")).containsExactly("default", "n8n-bot");
    assertThat(listed.toString()).doesNotContain(key);
  }

  @Test
  void theEleventhActiveKeyIsRefused() {
    var account = AuthTestFixtures.open("free");
    String jwt = AuthTestFixtures.userToken(account.key());
    for (int i = 2; i <= 10; i++) {
      create(jwt, "key " + i).then().statusCode(201);
    }
    create(jwt, "one too many")
        .then()
        .statusCode(400)
        .body("error", equalTo("validation_error"))
        .body("message", equalTo("An account may have at most 10 active keys; revoke one first."))
        .body("request_id", matchesPattern("req_[0-9a-f]+"));
  }

  @Test
  void aRevokedKeyNoLongerVerifiesAndFreesItsPlace() {
    var account = AuthTestFixtures.open("free");
    String jwt = AuthTestFixtures.userToken(account.key());
    String second = create(jwt, "second").then().statusCode(201).extract().path("key");
    String secondId =
        given().auth().oauth2(jwt).when().get("/api/v1/keys").then().extract().path("keys[1].id");

    given().auth().oauth2(jwt).when().delete("/api/v1/keys/" + secondId).then().statusCode(204);

    AuthTestFixtures.verify(second).then().statusCode(401).body("error", equalTo("auth_invalid"));
    AuthTestFixtures.verify(account.key()).then().statusCode(200);
    given().auth().oauth2(jwt).when().get("/api/v1/keys").then().body("keys", hasSize(1));
  }

  @Test
  void aTokenMintedBeforeItsKeyWasRevokedCanNoLongerManageKeys() {
    var account = AuthTestFixtures.open("free");
    String firstJwt = AuthTestFixtures.userToken(account.key());
    String second = create(firstJwt, "second").then().statusCode(201).extract().path("key");
    String secondJwt = AuthTestFixtures.userToken(second);
    String firstId =
        given()
            .auth()
            .oauth2(firstJwt)
            .when()
            .get("/api/v1/keys")
            .then()
            .extract()
            .path("keys[0].id");

    given()
        .auth()
        .oauth2(secondJwt)
        .when()
        .delete("/api/v1/keys/" + firstId)
        .then()
        .statusCode(204);

    create(firstJwt, "sneaky").then().statusCode(401).body("error", equalTo("auth_invalid"));
    given().auth().oauth2(firstJwt).when().get("/api/v1/keys").then().statusCode(401);
    given().auth().oauth2(secondJwt).when().get("/api/v1/keys").then().body("keys", hasSize(1));
  }

  @Test
  void anotherAccountsKeyIsNotFound() {
    var mine = AuthTestFixtures.open("free");
    var theirs = AuthTestFixtures.open("free");
    String theirKeyId =
        given()
            .auth()
            .oauth2(AuthTestFixtures.userToken(theirs.key()))
            .when()
            .get("/api/v1/keys")
            .then()
            .extract()
            .path("keys[0].id");

    given()
        .auth()
        .oauth2(AuthTestFixtures.userToken(mine.key()))
        .when()
        .delete("/api/v1/keys/" + theirKeyId)
        .then()
        .statusCode(404)
        .body("error", equalTo("not_found"));
    AuthTestFixtures.verify(theirs.key()).then().statusCode(200);
  }

  @Test
  void aDisabledAccountsKeysAreRefusedAndComeBackWhenEnabled() {
    var account = AuthTestFixtures.open("lifetime");
    String jwt = AuthTestFixtures.userToken(account.key());
    AuthTestFixtures.admin()
        .body("{\"status\":\"disabled\"}")
        .patch("/admin/v1/accounts/" + account.accountId())
        .then()
        .statusCode(200)
        .body("status", equalTo("disabled"));
    AuthTestFixtures.verify(account.key())
        .then()
        .statusCode(401)
        .body("error", equalTo("auth_invalid"));
    given().auth().oauth2(jwt).when().get("/api/v1/keys").then().statusCode(401);

    AuthTestFixtures.admin()
        .body("{\"status\":\"active\"}")
        .patch("/admin/v1/accounts/" + account.accountId())
        .then()
        .statusCode(200);
    AuthTestFixtures.verify(account.key()).then().statusCode(200).body("plan", equalTo("lifetime"));
  }

  @Test
  void anUnknownKeyOrMalformedHashIsRefused() {
    AuthTestFixtures.verify("ow_live_" + "x".repeat(44)).then().statusCode(401);
    given()
        .auth()
        .oauth2(AuthTestFixtures.serviceToken())
        .contentType(ContentType.JSON)
        .body("{\"key_hash\":\"not-hex\"}")
        .when()
        .post("/internal/v1/keys/verify")
        .then()
        .statusCode(400);
  }

  @Test
  void aLabelIsRequired() {
    var account = AuthTestFixtures.open("free");
    create(AuthTestFixtures.userToken(account.key()), " ").then().statusCode(400);
  }

  @Test
  void lastUseIsRecordedAtMostOnceAMinute() throws Exception {
    var account = AuthTestFixtures.open("free");
    String jwt = AuthTestFixtures.userToken(account.key());
    Instant later = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);

    clock.set(later);
    AuthTestFixtures.verify(account.key()).then().statusCode(200);
    assertThat(lastUsedEventually(jwt, later)).isEqualTo(later);

    clock.set(later.plusSeconds(50));
    AuthTestFixtures.verify(account.key()).then().statusCode(200);
    Thread.sleep(300); // a write, were there one, lands off the request path
    assertThat(lastUsed(jwt)).isEqualTo(later);

    clock.set(later.plusSeconds(61));
    AuthTestFixtures.verify(account.key()).then().statusCode(200);
    assertThat(lastUsedEventually(jwt, later.plusSeconds(61))).isEqualTo(later.plusSeconds(61));
  }

  private static Instant lastUsedEventually(String jwt, Instant expected)
      throws InterruptedException {
    Instant seen = lastUsed(jwt);
    for (int i = 0; i < 50 && !expected.equals(seen); i++) {
      Thread.sleep(100);
      seen = lastUsed(jwt);
    }
    return seen;
  }

  private static Instant lastUsed(String jwt) {
    String value =
        given()
            .auth()
            .oauth2(jwt)
            .when()
            .get("/api/v1/keys")
            .then()
            .statusCode(200)
            .extract()
            .path("keys[0].last_used_at");
    return value == null ? null : Instant.parse(value);
  }

  private static io.restassured.response.Response create(String jwt, String label) {
    return given()
        .auth()
        .oauth2(jwt)
        .contentType(ContentType.JSON)
        .body(Map.of("label", label))
        .when()
        .post("/api/v1/keys");
  }
}
