package dev.orbweaver.gateway.console.crawls;

import dev.orbweaver.gateway.call.PublicApi;
import dev.orbweaver.gateway.console.ConsoleApi;
import dev.orbweaver.gateway.console.session.ConsoleGuard;
import dev.orbweaver.gateway.console.session.Session;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * A run's live progress for the browser: crawlcrawl's {@code GET /v1/crawls/{id}/events} (Server-
 * Sent Events), called with the session's key and streamed through unchanged. A browser's
 * EventSource cannot send an API key, so the console's cookie stands in for it here.
 */
@ApplicationScoped
public class CrawlEvents {
  /** Ahead of the REST resources, after the gateway's own handler has let /console through. */
  private static final int ORDER = -100;

  private final ConsoleGuard guard;
  private final PublicApi api;
  private final ConsoleApi console;

  @Inject
  public CrawlEvents(ConsoleGuard guard, PublicApi api, ConsoleApi console) {
    this.guard = guard;
    this.api = api;
    this.console = console;
  }

  void register(@Observes Router router) {
    router.get("/console/crawls/:id/events").order(ORDER).handler(this::stream);
  }

  void stream(RoutingContext context) {
    HttpServerResponse response = context.response();
    String id = context.pathParam("id");
    Cookie cookie = context.request().getCookie(ConsoleGuard.COOKIE);
    if (id == null || !id.matches("\\d{1,18}")) {
      response.setStatusCode(404).end();
      return;
    }
    guard
        .find(cookie == null ? null : cookie.getValue())
        .onFailure(e -> response.setStatusCode(503).end())
        .onSuccess(
            found -> {
              Session session = found.filter(s -> !s.operator()).orElse(null);
              if (session == null) {
                response.setStatusCode(401).end();
                return;
              }
              PublicApi.Presented presented =
                  new PublicApi.Presented(
                      session.credential(),
                      console.clientAddress(context.request()),
                      dev.orbweaver.common.id.RequestIds.generate(),
                      response::closed);
              api.open(presented, "/v1/crawls/" + id + "/events")
                  .onSuccess(upstream -> relay(upstream, response))
                  .onFailure(
                      e ->
                          response
                              .setStatusCode(
                                  e instanceof PublicApi.Refused refused
                                      ? refused.answer().status()
                                      : 502)
                              .end());
            });
  }

  private static void relay(HttpClientResponse upstream, HttpServerResponse response) {
    if (upstream.statusCode() != 200) {
      upstream.body().onComplete(ignored -> response.setStatusCode(upstream.statusCode()).end());
      upstream.resume(); // handed over paused
      return;
    }
    response
        .setStatusCode(200)
        .putHeader("Content-Type", "text/event-stream")
        .putHeader("Cache-Control", "no-store")
        .putHeader("X-Accel-Buffering", "no")
        .setChunked(true);
    // The browser going away ends the stream at crawl-service too.
    response.closeHandler(v -> upstream.request().reset());
    upstream.pipeTo(response);
  }
}
