package dev.orbweaver.scrape.render.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orbweaver.common.service.ServiceTokens;
import dev.orbweaver.scrape.render.RenderOutcome;
import dev.orbweaver.scrape.render.RenderRequest;
import dev.orbweaver.scrape.render.RenderResult;
import dev.orbweaver.scrape.render.internal.RenderWire;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The api role's way to the render replicas: {@code POST /internal/v1/render} with this service's
 * service token, waiting as long as the render's deadline allows. An unreachable or broken render
 * replica is {@link RenderOutcome#UNAVAILABLE}, a full one {@link RenderOutcome#BUSY}.
 */
@ApplicationScoped
public class RemoteRenderer {
  /** Time for the hop itself beyond the render's own deadline. */
  private static final Duration SLACK = Duration.ofSeconds(10);

  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(3))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();
  private final ObjectMapper json;
  private final ServiceTokens tokens;
  private final RenderConfig config;

  @Inject
  public RemoteRenderer(ObjectMapper json, ServiceTokens tokens, RenderConfig config) {
    this.json = json;
    this.tokens = tokens;
    this.config = config;
  }

  public RenderResult render(RenderRequest request) {
    String base = config.url().filter(u -> !u.isBlank()).orElse(null);
    if (base == null) {
      return RenderResult.failed(
          RenderOutcome.UNAVAILABLE,
          "rendering is off: set ORBWEAVER_RENDER_URL to the render replicas",
          null,
          0);
    }
    String authorization;
    try {
      authorization = tokens.authorization();
    } catch (RuntimeException e) {
      // auth-service down or the internal secret missing: no render replica would take the call.
      return RenderResult.failed(
          RenderOutcome.UNAVAILABLE,
          "no service token for the render replicas: " + e.getMessage(),
          null,
          0);
    }
    try {
      HttpRequest call =
          HttpRequest.newBuilder(URI.create(base.replaceAll("/+$", "") + "/internal/v1/render"))
              .timeout(request.timeout().plus(SLACK))
              .header("Content-Type", "application/json")
              .header("Authorization", authorization)
              .POST(
                  HttpRequest.BodyPublishers.ofByteArray(
                      json.writeValueAsBytes(RenderWire.fromRequest(request))))
              .build();
      HttpResponse<byte[]> answer = http.send(call, HttpResponse.BodyHandlers.ofByteArray());
      if (answer.statusCode() == 200 || answer.statusCode() == 503) {
        RenderWire.Response body = json.readValue(answer.body(), RenderWire.Response.class);
        if (body.outcome() != null) {
          return RenderWire.toResult(body);
        }
      }
      return RenderResult.failed(
          RenderOutcome.UNAVAILABLE, "the render replica answered " + answer.statusCode(), null, 0);
    } catch (IOException e) {
      return RenderResult.failed(
          RenderOutcome.UNAVAILABLE,
          "the render replica is unreachable: " + e.getMessage(),
          null,
          0);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return RenderResult.failed(RenderOutcome.UNAVAILABLE, "interrupted", null, 0);
    }
  }
}
