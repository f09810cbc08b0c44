package dev.orbweaver.gateway.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import dev.orbweaver.gateway.support.AuthServiceProcess;
import dev.orbweaver.gateway.support.TestAccounts;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.redis.client.RedisAPI;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Console sessions against the real auth-service and Redis: who may sign in, what the cookie looks
 * like, that every form needs the session's CSRF token, and how a session ends.
 */
@QuarkusTest
@QuarkusTestResource(AuthServiceProcess.class)
class ConsoleSessionTest {
  private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

  @Inject RedisAPI redis;

  @Test
  void aWrongKeyIsRefusedWithoutACookie() {
    given()
        .formParam("key", "ow_live_nobody")
        .post("/console/sign-in")
        .then()
        .statusCode(401)
        .header("Set-Cookie", (String) null)
        .body(containsString("This key is unknown, revoked, or its account is disabled."));
  }

  @Test
  void aGoodKeyGetsAnHttpOnlySameSiteStrictCookieHoldingOnlyARandomId() throws Exception {
    TestAccounts.Opened account = TestAccounts.open("free");
    Response signedIn = signIn(account.key(), false);
    assertThat(signedIn.statusCode()).isEqualTo(303);
    assertThat(signedIn.header("Location")).endsWith("/console/keys");
    String cookie = signedIn.header("Set-Cookie");
    assertThat(cookie)
        .startsWith("ow_console=")
        .contains("Path=/console", "HttpOnly", "SameSite=Strict")
        .doesNotContain("Secure")
        .doesNotContain(account.key());
    // Redis holds the session under the id's hash, with the key sealed.
    String id = signedIn.cookie("ow_console");
    List<String> stored = new java.util.ArrayList<>();
    redis
        .keys("gateway:console:session:*")
        .toCompletionStage()
        .toCompletableFuture()
        .get()
        .forEach(k -> stored.add(k.toString()));
    assertThat(stored).isNotEmpty().noneMatch(k -> k.contains(id));
    for (String key : stored) {
      String value = redis.get(key).toCompletionStage().toCompletableFuture().get().toString();
      assertThat(value).doesNotContain(account.key());
    }

    assertThat(signIn(account.key(), true).header("Set-Cookie")).contains("Secure");
  }

  @Test
  void aFormWithoutTheSessionsCsrfTokenIsRefusedWith403() {
    TestAccounts.Opened account = TestAccounts.open("free");
    String session = signIn(account.key(), false).cookie("ow_console");
    String csrf = csrf(session);

    given()
        .cookie("ow_console", session)
        .formParam("label", "no-token")
        .post("/console/keys")
        .then()
        .statusCode(403);
    given()
        .cookie("ow_console", session)
        .formParam("label", "wrong-token")
        .formParam("csrf", "not-" + csrf)
        .post("/console/keys")
        .then()
        .statusCode(403);
    given()
        .cookie("ow_console", session)
        .header("X-CSRF-Token", csrf)
        .delete("/console/keys/key_nothing")
        .then()
        .statusCode(200);
    given()
        .cookie("ow_console", session)
        .formParam("label", "with-token")
        .formParam("csrf", csrf)
        .post("/console/keys")
        .then()
        .statusCode(200)
        .body(containsString("id=\"new-key-value\">ow_live_"));
  }

  @Test
  void signingOutEndsTheSession() {
    TestAccounts.Opened account = TestAccounts.open("free");
    String session = signIn(account.key(), false).cookie("ow_console");
    given()
        .redirects()
        .follow(false)
        .cookie("ow_console", session)
        .formParam("csrf", csrf(session))
        .post("/console/sign-out")
        .then()
        .statusCode(303)
        .header("Set-Cookie", containsString("Max-Age=0"));
    given()
        .redirects()
        .follow(false)
        .cookie("ow_console", session)
        .get("/console/keys")
        .then()
        .statusCode(303)
        .header("Location", containsString("/console/sign-in"));
  }

  @Test
  void aRevokedKeyEndsItsSessionOnTheNextRequest() throws InterruptedException {
    TestAccounts.Opened account = TestAccounts.open("free");
    String session = signIn(account.key(), false).cookie("ow_console");
    given()
        .cookie("ow_console", session)
        .header("X-CSRF-Token", csrf(session))
        .delete("/console/keys/" + account.keyId())
        .then()
        .statusCode(200);
    // The gateway trusts a verified key for 3 s; after that the page sends the browser away.
    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    int status = 200;
    while (status == 200 && Instant.now().isBefore(deadline)) {
      Thread.sleep(500);
      status =
          given()
              .redirects()
              .follow(false)
              .cookie("ow_console", session)
              .get("/console/usage")
              .statusCode();
    }
    assertThat(status).isEqualTo(303);
  }

  @Test
  void withoutASessionPagesSendTheBrowserToSignInAndHtmxFollowsHxRedirect() {
    given()
        .redirects()
        .follow(false)
        .get("/console/crawls")
        .then()
        .statusCode(303)
        .header("Location", containsString("/console/sign-in"));
    given()
        .header("HX-Request", "true")
        .get("/console/usage")
        .then()
        .statusCode(200)
        .header("HX-Redirect", equalTo("/console/sign-in"));
    given()
        .get("/console/assets/htmx.min.js")
        .then()
        .statusCode(200)
        .header("Content-Type", containsString("javascript"))
        .body(not(equalTo("")));
  }

  private static Response signIn(String key, boolean https) {
    return given()
        .redirects()
        .follow(false)
        .header("X-Forwarded-Proto", https ? "https" : "http")
        .formParam("key", key)
        .post("/console/sign-in");
  }

  private static String csrf(String session) {
    String page =
        given()
            .cookie("ow_console", session)
            .get("/console/keys")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    Matcher m = CSRF.matcher(page);
    assertThat(m.find()).as("a csrf field on the keys page").isTrue();
    return m.group(1);
  }
}
