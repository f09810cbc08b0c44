package dev.orbweaver.common.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The JWT this service presents when it calls another service. auth-service mints it in exchange
 * for the shared internal secret; it is cached and renewed a minute before it expires.
 */
@ApplicationScoped
public class ServiceTokens {
  private static final Duration RENEW_BEFORE = Duration.ofSeconds(60);

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ObjectMapper json;
  private final Clock clock;
  private final URI endpoint;
  private final String service;
  private final Optional<String> secret;

  private volatile String token;
  private volatile Instant expiresAt = Instant.EPOCH;

  @Inject
  public ServiceTokens(
      ObjectMapper json,
      @ConfigProperty(name = "orbweaver.auth.url") String authUrl,
      @ConfigProperty(name = "quarkus.application.name") String service,
      @ConfigProperty(name = "orbweaver.internal.secret") Optional<String> secret) {
    this(
        json,
        Clock.systemUTC(),
        URI.create(authUrl + "/internal/v1/service-tokens"),
        service,
        secret);
  }

  ServiceTokens(
      ObjectMapper json, Clock clock, URI endpoint, String service, Optional<String> secret) {
    this.json = json;
    this.clock = clock;
    this.endpoint = endpoint;
    this.service = service;
    this.secret = secret;
  }

  /** {@code Bearer <jwt>}, ready for an Authorization header. Blocks while renewing. */
  public String authorization() {
    return "Bearer " + token();
  }

  public String token() {
    String current = token;
    if (current != null && clock.instant().isBefore(expiresAt.minus(RENEW_BEFORE))) {
      return current;
    }
    synchronized (this) {
      if (token == null || !clock.instant().isBefore(expiresAt.minus(RENEW_BEFORE))) {
        renew();
      }
      return token;
    }
  }

  private void renew() {
    String internalSecret =
        secret.orElseThrow(
            () -> new IllegalStateException("orbweaver.internal.secret is not configured"));
    HttpRequest request =
        HttpRequest.newBuilder(endpoint)
            .timeout(Duration.ofSeconds(10))
            .header("Authorization", "Bearer " + internalSecret)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"service\":\"" + service + "\"}"))
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "auth-service refused a service token: HTTP " + response.statusCode());
      }
      JsonNode body = json.readTree(response.body());
      token = body.path("token").asText();
      expiresAt = Instant.ofEpochSecond(body.path("expires_at").asLong());
    } catch (IOException e) {
      throw new UncheckedIOException("auth-service unreachable for a service token", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while fetching a service token", e);
    }
  }
}
