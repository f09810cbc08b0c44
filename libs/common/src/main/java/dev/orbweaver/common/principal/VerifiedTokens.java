package dev.orbweaver.common.principal;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKey;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The JWT parser every service's bearer check uses, verifying each distinct token once. The gateway
 * presents the same token for every call made with one API key (and its own service token for every
 * call to auth-service), so a signature check per request was a fifth of auth-service's work. A
 * remembered token is answered until its own expiry or {@link #REMEMBER} after it was verified,
 * whichever comes first; a token that fails is never remembered.
 */
@Alternative
@Priority(1)
@Singleton
public class VerifiedTokens implements JWTParser {
  static final Duration REMEMBER = Duration.ofSeconds(60);

  /** Above this many remembered tokens the whole memory is dropped: a flood must not grow it. */
  static final int MAX_REMEMBERED = 10_000;

  private final JWTParser verifier;
  private final Clock clock;
  private final Map<String, Verified> remembered = new ConcurrentHashMap<>();

  @Inject
  public VerifiedTokens(JWTAuthContextInfo context) {
    this(new DefaultJWTParser(context), Clock.systemUTC());
  }

  VerifiedTokens(JWTParser verifier, Clock clock) {
    this.verifier = verifier;
    this.clock = clock;
  }

  @Override
  public JsonWebToken parse(String token) throws ParseException {
    long now = clock.millis();
    Verified known = remembered.get(token);
    if (known != null && now < known.until()) {
      return known.jwt();
    }
    JsonWebToken jwt = verifier.parse(token);
    long expiry = jwt.getExpirationTime() * 1000;
    long until = Math.min(expiry, now + REMEMBER.toMillis());
    if (until > now) {
      if (remembered.size() >= MAX_REMEMBERED) {
        remembered.clear();
      }
      remembered.put(token, new Verified(jwt, until));
    }
    return jwt;
  }

  @Override
  public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
    return verifier.parse(token, context);
  }

  @Override
  public JsonWebToken verify(String token, PublicKey key) throws ParseException {
    return verifier.verify(token, key);
  }

  @Override
  public JsonWebToken verify(String token, SecretKey key) throws ParseException {
    return verifier.verify(token, key);
  }

  @Override
  public JsonWebToken verify(String token, String secret) throws ParseException {
    return verifier.verify(token, secret);
  }

  @Override
  public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
    return verifier.decrypt(token, key);
  }

  @Override
  public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
    return verifier.decrypt(token, key);
  }

  @Override
  public JsonWebToken decrypt(String token, String secret) throws ParseException {
    return verifier.decrypt(token, secret);
  }

  @Override
  public JsonWebToken parseOnly(String token) throws ParseException {
    return verifier.parseOnly(token);
  }

  private record Verified(JsonWebToken jwt, long until) {}
}
