package dev.orbweaver.gateway.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orbweaver.common.service.ServiceTokens;
import dev.orbweaver.gateway.support.AuthServiceProcess;
import dev.orbweaver.gateway.support.LoopbackService;
import dev.orbweaver.gateway.support.MovableClock;
import dev.orbweaver.gateway.support.TestAccounts;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The key cache against the real auth-service, with the cache's clock in the test's hand: a key is
 * trusted for exactly the cache period after auth-service vouched for it, so a revocation bites
 * within that period (3 s, inside the 5 s the issue allows).
 */
@QuarkusTest
@QuarkusTestResource(AuthServiceProcess.class)
@QuarkusTestResource(LoopbackService.class)
class KeyVerifierTest {
  private static final Duration TTL = Duration.ofSeconds(3);
  private static final Duration NEGATIVE_TTL = Duration.ofSeconds(2);

  @Inject AuthServiceClient auth;
  @Inject Vertx vertx;
  @Inject ObjectMapper json;
  @Inject ServiceTokens serviceTokens;

  @ConfigProperty(name = "orbweaver.auth.url")
  String authUrl;

  // Starts at the real now: the JWTs auth-service mints expire in real time.
  private final MovableClock clock = new MovableClock(Instant.now());
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  @Test
  void aRevokedKeyIsTrustedForTheCachePeriodAndNotAMomentLonger() throws Exception {
    KeyVerifier verifier = new KeyVerifier(auth, clock, TTL, NEGATIVE_TTL, meters);
    TestAccounts.Opened account = TestAccounts.open("free");

    Caller caller = await(verifier.verify(account.key()));
    assertThat(caller.accountId()).isEqualTo(account.accountId());
    assertThat(caller.keyId()).isEqualTo(account.keyId());
    assertThat(caller.token()).startsWith("eyJ");

    given()
        .baseUri(authUrl)
        .header("Authorization", "Bearer " + caller.token())
        .when()
        .delete("/api/v1/keys/" + account.keyId())
        .then()
        .statusCode(204);

    clock.advance(TTL.minusMillis(1));
    assertThat(await(verifier.verify(account.key())).accountId()).isEqualTo(account.accountId());
    assertThat(askedAuthService()).isEqualTo(1);

    clock.advance(Duration.ofMillis(1));
    assertThatThrownBy(() -> await(verifier.verify(account.key())))
        .hasCauseInstanceOf(KeyVerifier.KeyRefused.class);
    assertThat(askedAuthService()).isEqualTo(2);
  }

  @Test
  void anUnknownKeyIsRememberedBrieflySoThatAFloodDoesNotReachAuthService() {
    KeyVerifier verifier = new KeyVerifier(auth, clock, TTL, NEGATIVE_TTL, meters);
    String unknown = "ow_live_" + UUID.randomUUID().toString().replace("-", "");

    for (int i = 0; i < 100; i++) {
      assertThatThrownBy(() -> await(verifier.verify(unknown)))
          .hasCauseInstanceOf(KeyVerifier.KeyRefused.class);
    }
    assertThat(askedAuthService()).isEqualTo(1);

    clock.advance(NEGATIVE_TTL);
    assertThatThrownBy(() -> await(verifier.verify(unknown)))
        .hasCauseInstanceOf(KeyVerifier.KeyRefused.class);
    assertThat(askedAuthService()).isEqualTo(2);
  }

  @Test
  void callsWithOneNewKeyShareOneQuestion() throws Exception {
    KeyVerifier verifier = new KeyVerifier(auth, clock, TTL, NEGATIVE_TTL, meters);
    TestAccounts.Opened account = TestAccounts.open("free");

    Future<Caller> first = verifier.verify(account.key());
    Future<Caller> second = verifier.verify(account.key());

    assertThat(await(second).accountId()).isEqualTo(account.accountId());
    assertThat(await(first).accountId()).isEqualTo(account.accountId());
    assertThat(askedAuthService()).isEqualTo(1);
  }

  @Test
  void authServiceTroubleIsNotAnAnswerAboutTheKey() {
    AuthServiceClient unreachable =
        new AuthServiceClient(vertx, json, serviceTokens, URI.create("http://127.0.0.1:1"));
    KeyVerifier verifier = new KeyVerifier(unreachable, clock, TTL, NEGATIVE_TTL, meters);

    assertThatThrownBy(() -> await(verifier.verify("ow_live_whatever")))
        .isInstanceOf(ExecutionException.class)
        .satisfies(e -> assertThat(e.getCause()).isNotInstanceOf(KeyVerifier.KeyRefused.class));
    assertThatThrownBy(() -> await(verifier.verify("ow_live_whatever")))
        .isInstanceOf(ExecutionException.class);
    assertThat(askedAuthService()).isEqualTo(2);
  }

  private double askedAuthService() {
    return meters
        .counter("orbweaver.gateway.key.verifications", "answered_by", "auth-service")
        .count();
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
  }
}
