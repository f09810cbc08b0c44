package dev.orbweaver.gateway.console.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orbweaver.gateway.console.ConsoleConfig;
import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Console sessions, kept server-side in Redis ({@code gateway:console:session:<sha-256 of the id>})
 * so that every gateway replica serves every browser. The browser holds only the random session id;
 * the credential is sealed with AES-GCM and never leaves the gateway.
 */
@ApplicationScoped
public class ConsoleSessions {
  private static final Logger LOG = Logger.getLogger(ConsoleSessions.class);
  private static final String PREFIX = "gateway:console:session:";

  private final RedisAPI redis;
  private final ObjectMapper json;
  private final CredentialCipher cipher;
  private final SecureRandom random = new SecureRandom();
  private final Duration ttl;
  private final Clock clock = Clock.systemUTC();

  @Inject
  public ConsoleSessions(
      RedisAPI redis,
      ObjectMapper json,
      ConsoleConfig config,
      @ConfigProperty(name = "orbweaver.internal.secret") Optional<String> internalSecret) {
    this.redis = redis;
    this.json = json;
    this.ttl = config.sessionTtl();
    String secret =
        config
            .sessionSecret()
            .filter(s -> !s.isBlank())
            .or(() -> internalSecret.filter(s -> !s.isBlank()))
            .orElseGet(
                () -> {
                  LOG.warn(
                      "Neither orbweaver.console.session-secret nor the internal secret is set:"
                          + " console sessions end when this gateway stops.");
                  return randomToken();
                });
    this.cipher = new CredentialCipher(secret, random);
  }

  /** How long a session lives. */
  public Duration ttl() {
    return ttl;
  }

  /** Opens a session for a verified credential. */
  public Future<Session> open(Session.Kind kind, String credential, long accountId, String plan) {
    Session session =
        new Session(
            randomToken(), kind, credential, randomToken(), accountId, plan, clock.instant());
    ObjectNode stored = json.createObjectNode();
    stored.put("kind", kind.name());
    stored.put("credential", cipher.seal(credential));
    stored.put("csrf", session.csrf());
    stored.put("account_id", accountId);
    stored.put("plan", plan);
    stored.put("created_at", session.createdAt().toString());
    return redis
        .set(List.of(key(session.id()), stored.toString(), "EX", Long.toString(ttl.toSeconds())))
        .map(ok -> session);
  }

  /** The live session with this id; empty for an unknown, expired or unreadable one. */
  public Future<Optional<Session>> find(String id) {
    if (id == null || id.isBlank() || id.length() > 100) {
      return Future.succeededFuture(Optional.empty());
    }
    return redis
        .get(key(id))
        .map(
            value -> {
              if (value == null) {
                return Optional.empty();
              }
              try {
                JsonNode stored = json.readTree(value.toString(StandardCharsets.UTF_8));
                return Optional.of(
                    new Session(
                        id,
                        Session.Kind.valueOf(stored.path("kind").asText()),
                        cipher.open(stored.path("credential").asText()),
                        stored.path("csrf").asText(),
                        stored.path("account_id").asLong(),
                        stored.path("plan").asText(),
                        Instant.parse(stored.path("created_at").asText())));
              } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
                LOG.debugf("unreadable console session dropped: %s", e.getClass().getSimpleName());
                return Optional.empty();
              }
            });
  }

  /** Ends a session (sign-out, or its key was revoked). */
  public Future<Void> close(String id) {
    if (id == null || id.isBlank()) {
      return Future.succeededFuture();
    }
    return redis.del(List.of(key(id))).mapEmpty();
  }

  private String randomToken() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Redis holds the id's hash, so that a dump of it gives no usable session id. */
  private static String key(String id) {
    try {
      return PREFIX
          + HexFormat.of()
              .formatHex(
                  MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
