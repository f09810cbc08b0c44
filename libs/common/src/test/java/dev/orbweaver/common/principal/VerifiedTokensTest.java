package dev.orbweaver.common.principal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

class VerifiedTokensTest {
  private static final String ISSUER = "https://auth.orbweaver.test";
  private static final KeyPair KEYS = rsa();

  /** Real verification (signature, issuer, expiry) that counts how often it ran. */
  private final AtomicInteger verifications = new AtomicInteger();

  private final DefaultJWTParser verifier =
      new DefaultJWTParser(new JWTAuthContextInfo(KEYS.getPublic(), ISSUER)) {
        @Override
        public JsonWebToken parse(String token) throws ParseException {
          verifications.incrementAndGet();
          return super.parse(token);
        }
      };

  @Test
  void aTokenIsVerifiedOnceAndAnsweredFromMemoryAfterwards() throws Exception {
    VerifiedTokens tokens = new VerifiedTokens(verifier, Clock.systemUTC());
    String token = sign("42", Instant.now().plusSeconds(300));

    JsonWebToken first = tokens.parse(token);
    JsonWebToken second = tokens.parse(token);

    assertThat(first.getSubject()).isEqualTo("42");
    assertThat(second).isSameAs(first);
    assertThat(verifications).hasValue(1);
    tokens.parse(sign("43", Instant.now().plusSeconds(300)));
    assertThat(verifications).hasValue(2);
  }

  @Test
  void aRememberedTokenIsVerifiedAgainAfterAMinuteOrOnceItsOwnExpiryHasPassed() throws Exception {
    Instant now = Instant.now();
    MovableClock clock = new MovableClock(now);
    VerifiedTokens tokens = new VerifiedTokens(verifier, clock);
    String longLived = sign("42", now.plusSeconds(600));
    String shortLived = sign("7", now.plusSeconds(5));

    tokens.parse(longLived);
    tokens.parse(shortLived);
    clock.at = now.plusSeconds(4);
    tokens.parse(longLived);
    tokens.parse(shortLived);
    assertThat(verifications).hasValue(2);

    // Remembered for less than a minute: only until its own expiry, after which the verifier (and
    // its expiry check) decides again.
    clock.at = now.plusSeconds(6);
    tokens.parse(longLived);
    tokens.parse(shortLived);
    assertThat(verifications).hasValue(3);

    clock.at = now.plus(VerifiedTokens.REMEMBER).plusSeconds(1);
    tokens.parse(longLived);
    assertThat(verifications).hasValue(4);
  }

  @Test
  void aTokenThatFailsIsNeverRemembered() throws Exception {
    VerifiedTokens tokens = new VerifiedTokens(verifier, Clock.systemUTC());
    String good = sign("42", Instant.now().plusSeconds(300));
    String forged =
        good.substring(0, good.lastIndexOf('.') + 1)
            + "AAAA"
            + good.substring(good.lastIndexOf('.') + 5);

    assertThatThrownBy(() -> tokens.parse(forged)).isInstanceOf(ParseException.class);
    assertThatThrownBy(() -> tokens.parse(forged)).isInstanceOf(ParseException.class);
    assertThat(verifications).hasValue(2);
  }

  private static String sign(String subject, Instant expiry) throws Exception {
    JwtClaims claims = new JwtClaims();
    claims.setIssuer(ISSUER);
    claims.setSubject(subject);
    claims.setIssuedAtToNow();
    claims.setExpirationTime(org.jose4j.jwt.NumericDate.fromSeconds(expiry.getEpochSecond()));
    JsonWebSignature jws = new JsonWebSignature();
    jws.setPayload(claims.toJson());
    jws.setKey(KEYS.getPrivate());
    jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
    return jws.getCompactSerialization();
  }

  private static KeyPair rsa() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The verifier reads the system clock; this one moves only VerifiedTokens' view of time. */
  private static final class MovableClock extends Clock {
    Instant at;

    MovableClock(Instant at) {
      this.at = at;
    }

    @Override
    public Instant instant() {
      return at;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
