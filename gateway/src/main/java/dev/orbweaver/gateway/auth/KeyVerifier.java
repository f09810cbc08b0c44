package dev.orbweaver.gateway.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orbweaver.gateway.route.GatewayConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns an API key into its owner and a JWT, asking auth-service at most once per key and cache
 * period. Concurrent requests with the same uncached key share one question. Entries live a few
 * seconds only, so a revoked key stops working within that window.
 */
@ApplicationScoped
public class KeyVerifier {
  private static final int SWEEP_ABOVE = 50_000;

  private final AuthServiceClient auth;
  private final Clock clock;
  private final Duration ttl;
  private final Duration negativeTtl;
  private final Map<String, Entry> cache = new ConcurrentHashMap<>();
  private volatile Instant nextSweep = Instant.EPOCH;

  /** Looking SHA-256 up in the security providers costs more than hashing a key; keep one each. */
  private final ThreadLocal<MessageDigest> digests = ThreadLocal.withInitial(KeyVerifier::sha256);

  private final Counter answeredByCache;
  private final Counter answeredByAuthService;

  @Inject
  public KeyVerifier(AuthServiceClient auth, GatewayConfig config, MeterRegistry meters) {
    this(auth, Clock.systemUTC(), config.keyCacheTtl(), config.negativeKeyCacheTtl(), meters);
  }

  KeyVerifier(
      AuthServiceClient auth,
      Clock clock,
      Duration ttl,
      Duration negativeTtl,
      MeterRegistry meters) {
    this.auth = auth;
    this.clock = clock;
    this.ttl = ttl;
    this.negativeTtl = negativeTtl;
    // The ratio of the two says whether the cache spares auth-service (and what a flood costs it).
    this.answeredByCache = verifications(meters, "cache");
    this.answeredByAuthService = verifications(meters, "auth-service");
  }

  private static Counter verifications(MeterRegistry meters, String answeredBy) {
    return Counter.builder("orbweaver.gateway.key.verifications")
        .description("API keys verified, by where the answer came from")
        .tag("answered_by", answeredBy)
        .register(meters);
  }

  /** The owner of the key; a failed future with {@link KeyRefused} when auth-service says no. */
  public Future<Caller> verify(String key) {
    String hash = hash(key);
    Instant now = clock.instant();
    Entry entry = cache.get(hash);
    if (entry != null && now.isBefore(entry.expiresAt())) {
      answeredByCache.increment();
      return entry.answer();
    }
    answeredByAuthService.increment();
    Future<Caller> answer =
        auth.post("/internal/v1/keys/verify", Map.of("key_hash", hash))
            .compose(
                response -> {
                  if (response.status() == 200) {
                    return Future.succeededFuture(caller(response.body()));
                  }
                  if (response.status() == 401 || response.status() == 400) {
                    return Future.failedFuture(new KeyRefused());
                  }
                  return Future.failedFuture(
                      new IllegalStateException("auth-service answered " + response.status()));
                });
    if (cache.size() > SWEEP_ABOVE && !now.isBefore(nextSweep)) {
      // At most once a second: under a flood of distinct bad keys a sweep per miss would cost more
      // than the flood.
      nextSweep = now.plusSeconds(1);
      cache.values().removeIf(e -> !now.isBefore(e.expiresAt()));
    }
    cache.put(hash, new Entry(answer, now.plus(ttl)));
    answer.onComplete(
        result -> {
          if (result.failed() && result.cause() instanceof KeyRefused) {
            cache.put(hash, new Entry(answer, clock.instant().plus(negativeTtl)));
          } else if (result.failed()) {
            cache.remove(hash); // auth-service trouble is not an answer about the key
          } else {
            Instant jwtRenewal =
                Instant.ofEpochSecond(result.result().tokenExpiresAt()).minusSeconds(30);
            Instant expiry = clock.instant().plus(ttl);
            cache.put(hash, new Entry(answer, expiry.isBefore(jwtRenewal) ? expiry : jwtRenewal));
          }
        });
    return answer;
  }

  private static Caller caller(JsonNode body) {
    return new Caller(
        body.path("account_id").asLong(),
        body.path("project_id").asLong(),
        body.path("key_id").asText(),
        body.path("plan").asText(),
        body.path("token").asText(),
        body.path("token_expires_at").asLong());
  }

  /** The SHA-256 hex of the key: what auth-service stores and is asked about. */
  private String hash(String key) {
    return HexFormat.of().formatHex(digests.get().digest(key.getBytes(StandardCharsets.UTF_8)));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private record Entry(Future<Caller> answer, Instant expiresAt) {}

  /** auth-service does not know the key, or it is revoked, or its account is disabled. */
  public static final class KeyRefused extends RuntimeException {
    KeyRefused() {
      super("key refused", null, false, false);
    }
  }
}
