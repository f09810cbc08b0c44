package dev.orbweaver.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** API keys through the gateway: the lifecycle a customer goes through, and tenant walls. */
@ExtendWith(PlatformExtension.class)
class KeysAndTenantsIT {

  @Test
  void aKeyIsCreatedUsedListedLimitedAndRevoked(Platform platform) {
    Platform.Account account = platform.createAccount("keys", "lifetime");
    String second =
        Gateway.as(platform, account.key())
            .contentType(ContentType.JSON)
            .body("{\"label\":\"production\"}")
            .post("/api/v1/keys")
            .then()
            .statusCode(201)
            .body("key", matchesPattern("ow_live_[0-9A-Za-z]{44}"))
            .extract()
            .path("key");
    Gateway.as(platform, second).get("/api/v1/usage").then().statusCode(200);

    for (int i = 3; i <= 10; i++) {
      Gateway.as(platform, account.key())
          .contentType(ContentType.JSON)
          .body("{\"label\":\"k" + i + "\"}")
          .post("/api/v1/keys")
          .then()
          .statusCode(201);
    }
    Gateway.as(platform, account.key())
        .contentType(ContentType.JSON)
        .body("{\"label\":\"eleventh\"}")
        .post("/api/v1/keys")
        .then()
        .statusCode(400)
        .body("error", equalTo("validation_error"))
        .body("request_id", matchesPattern(".+"));

    String secondId =
        Gateway.as(platform, account.key())
            .get("/api/v1/keys")
            .then()
            .statusCode(200)
            .extract()
            .path("keys.find { it.label == 'production' }.id");
    Gateway.as(platform, account.key()).delete("/api/v1/keys/" + secondId).then().statusCode(204);

    Instant revokedAt = Instant.now();
    int status = 200;
    while (status != 401 && Duration.between(revokedAt, Instant.now()).toMillis() < 6000) {
      status = Gateway.as(platform, second).get("/api/v1/usage").statusCode();
    }
    assertThat(status).isEqualTo(401);
    assertThat(Duration.between(revokedAt, Instant.now())).isLessThan(Duration.ofSeconds(5));
    Gateway.as(platform, second)
        .get("/api/v1/usage")
        .then()
        .statusCode(401)
        .body("error", equalTo("auth_invalid"));
  }

  @Test
  void anotherTenantsKeyIsNotFound(Platform platform) {
    Platform.Account mine = platform.createAccount("mine", "free");
    Platform.Account theirs = platform.createAccount("theirs", "free");
    String theirKeyId =
        Gateway.as(platform, theirs.key()).get("/api/v1/keys").then().extract().path("keys[0].id");

    Gateway.as(platform, mine.key())
        .delete("/api/v1/keys/" + theirKeyId)
        .then()
        .statusCode(404)
        .body("error", equalTo("not_found"));
    Gateway.as(platform, theirs.key()).get("/api/v1/usage").then().statusCode(200);
  }

  @Test
  void aKeyIsAcceptedAsAlterLabsXApiKeyToo(Platform platform) {
    Gateway.anonymous(platform)
        .header("X-API-Key", platform.firstKey())
        .get("/api/v1/usage")
        .then()
        .statusCode(200);
  }
}
