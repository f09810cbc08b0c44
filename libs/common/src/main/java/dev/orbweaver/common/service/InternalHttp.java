package dev.orbweaver.common.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orbweaver.common.error.ApiException;
import dev.orbweaver.common.error.ErrorKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Calls from one Orbweaver service to another's internal API, with this service's service token.
 * Blocking: call it from worker or virtual threads. An unreachable service is a 503 for the caller.
 */
@ApplicationScoped
public class InternalHttp {
  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(3))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();
  private final ObjectMapper json;
  private final ServiceTokens tokens;

  @Inject
  public InternalHttp(ObjectMapper json, ServiceTokens tokens) {
    this.json = json;
    this.tokens = tokens;
  }

  public Answer post(String baseUrl, String path, Object body) {
    try {
      return send(
          HttpRequest.newBuilder(URI.create(baseUrl + path))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body))));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  public Answer get(String baseUrl, String path) {
    return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
  }

  private Answer send(HttpRequest.Builder request) {
    HttpRequest built =
        request
            .timeout(Duration.ofSeconds(15))
            .header("Authorization", tokens.authorization())
            .build();
    try {
      HttpResponse<byte[]> response = http.send(built, HttpResponse.BodyHandlers.ofByteArray());
      JsonNode body =
          response.body().length == 0 ? json.createObjectNode() : json.readTree(response.body());
      return new Answer(response.statusCode(), body);
    } catch (IOException e) {
      throw new ApiException(
          ErrorKind.UNAVAILABLE,
          built.uri().getHost() + ":" + built.uri().getPort() + " is unavailable; retry shortly.");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException(ErrorKind.UNAVAILABLE, "interrupted");
    }
  }

  /** A status and a JSON body (empty object when there was none). */
  public record Answer(int status, JsonNode body) {
    public boolean ok() {
      return status >= 200 && status < 300;
    }
  }
}
