package dev.orbweaver.scrape.render.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.orbweaver.scrape.render.ActionResults;
import dev.orbweaver.scrape.render.Cookie;
import dev.orbweaver.scrape.render.RenderAction;
import dev.orbweaver.scrape.render.RenderOutcome;
import dev.orbweaver.scrape.render.RenderRequest;
import dev.orbweaver.scrape.render.RenderResult;
import dev.orbweaver.scrape.render.Screenshot;
import dev.orbweaver.scrape.render.ScreenshotSpec;
import dev.orbweaver.scrape.render.Viewport;
import dev.orbweaver.scrape.web.Require;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The JSON of {@code POST /internal/v1/render} (docs/internal-api.md): snake_case fields, action
 * types in Firecrawl's words, images as base64. Both ends use these records: the render replica's
 * resource and the api replica's client.
 */
public final class RenderWire {
  private RenderWire() {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ViewportBody(Integer width, Integer height) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ScreenshotBody(Boolean fullPage, Integer quality, ViewportBody viewport) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ActionBody(
      String type,
      Integer milliseconds,
      String selector,
      Boolean all,
      String text,
      String key,
      String direction,
      String script,
      Boolean fullPage,
      Integer quality,
      ViewportBody viewport) {}

  public record CookieBody(String name, String value) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Request(
      String url,
      Integer timeoutMs,
      Integer waitForMs,
      String waitForSelector,
      List<ActionBody> actions,
      ScreenshotBody screenshot,
      Boolean mobile,
      Map<String, String> headers,
      List<CookieBody> cookies) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Image(String mediaType, String data) {}

  public record Snapshot(String url, String html) {}

  public record JavascriptReturn(String type, JsonNode value) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Actions(
      List<Image> screenshots, List<Snapshot> scrapes, List<JavascriptReturn> javascriptReturns) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Timing(long queuedMs, long renderMs, long totalMs) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Response(
      String outcome,
      String message,
      String finalUrl,
      int statusCode,
      String html,
      Image screenshot,
      Actions actions,
      Timing timing,
      int attempts) {}

  /**
   * The request as the pool takes it; still to be checked with {@link
   * dev.orbweaver.scrape.render.RenderLimits#validate}.
   */
  public static RenderRequest toRequest(Request body, Duration defaultTimeout) {
    Require.present(body, "body");
    Duration timeout =
        body.timeoutMs() == null ? defaultTimeout : Duration.ofMillis(body.timeoutMs());
    Duration waitFor =
        body.waitForMs() == null ? Duration.ZERO : Duration.ofMillis(body.waitForMs());
    List<RenderAction> actions = new ArrayList<>();
    List<ActionBody> given = body.actions() == null ? List.of() : body.actions();
    Require.that(
        given.size() <= dev.orbweaver.scrape.render.RenderLimits.MAX_ACTIONS,
        "actions",
        "holds at most " + dev.orbweaver.scrape.render.RenderLimits.MAX_ACTIONS + " actions");
    for (int i = 0; i < given.size(); i++) {
      actions.add(
          action(Require.present(given.get(i), "actions[" + i + "]"), "actions[" + i + "]"));
    }
    List<Cookie> cookies = new ArrayList<>();
    if (body.cookies() != null) {
      for (int i = 0; i < body.cookies().size(); i++) {
        CookieBody cookie = Require.present(body.cookies().get(i), "cookies[" + i + "]");
        cookies.add(new Cookie(cookie.name(), cookie.value()));
      }
    }
    Map<String, String> headers = body.headers() == null ? Map.of() : body.headers();
    Require.that(
        headers.entrySet().stream().noneMatch(e -> e.getKey() == null || e.getValue() == null),
        "headers",
        "names and values must be strings");
    return new RenderRequest(
        body.url(),
        timeout,
        waitFor,
        body.waitForSelector(),
        actions,
        body.screenshot() == null ? null : screenshot(body.screenshot()),
        Boolean.TRUE.equals(body.mobile()),
        headers,
        cookies);
  }

  private static RenderAction action(ActionBody a, String field) {
    String type = Require.text(a.type(), field + ".type");
    return switch (type) {
      case "wait" ->
          new RenderAction.Wait(
              a.milliseconds() == null ? null : Duration.ofMillis(a.milliseconds()), a.selector());
      case "click" -> new RenderAction.Click(a.selector(), Boolean.TRUE.equals(a.all()));
      case "write" -> new RenderAction.Write(a.text());
      case "press" -> new RenderAction.Press(a.key());
      case "scroll" -> {
        String direction = a.direction() == null ? "down" : a.direction();
        Require.that(
            direction.equals("up") || direction.equals("down"),
            field + ".direction",
            "must be up or down");
        yield new RenderAction.Scroll(direction.equals("down"), a.selector());
      }
      case "screenshot" ->
          new RenderAction.TakeScreenshot(
              screenshot(new ScreenshotBody(a.fullPage(), a.quality(), a.viewport())));
      case "scrape" -> new RenderAction.Scrape();
      case "executeJavascript" -> new RenderAction.ExecuteJavascript(a.script());
      default ->
          throw Require.invalid(
              field + ".type",
              "must be one of wait, click, write, press, scroll, screenshot, scrape,"
                  + " executeJavascript");
    };
  }

  private static ScreenshotSpec screenshot(ScreenshotBody body) {
    Viewport viewport = null;
    if (body.viewport() != null) {
      viewport =
          new Viewport(
              Require.present(body.viewport().width(), "screenshot.viewport.width"),
              Require.present(body.viewport().height(), "screenshot.viewport.height"));
    }
    return new ScreenshotSpec(Boolean.TRUE.equals(body.fullPage()), body.quality(), viewport);
  }

  /** The wire form of a request, for the api replica's client. */
  public static Request fromRequest(RenderRequest request) {
    List<ActionBody> actions = new ArrayList<>();
    for (RenderAction action : request.actions()) {
      actions.add(
          switch (action) {
            case RenderAction.Wait w ->
                new ActionBody(
                    "wait",
                    w.duration() == null ? null : (int) w.duration().toMillis(),
                    w.selector(),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null);
            case RenderAction.Click c ->
                new ActionBody(
                    "click", null, c.selector(), c.all(), null, null, null, null, null, null, null);
            case RenderAction.Write w ->
                new ActionBody(
                    "write", null, null, null, w.text(), null, null, null, null, null, null);
            case RenderAction.Press p ->
                new ActionBody(
                    "press", null, null, null, null, p.key(), null, null, null, null, null);
            case RenderAction.Scroll s ->
                new ActionBody(
                    "scroll",
                    null,
                    s.selector(),
                    null,
                    null,
                    null,
                    s.down() ? "down" : "up",
                    null,
                    null,
                    null,
                    null);
            case RenderAction.TakeScreenshot s -> {
              ScreenshotBody spec = screenshotBody(s.spec());
              yield new ActionBody(
                  "screenshot",
                  null,
                  null,
                  null,
                  null,
                  null,
                  null,
                  null,
                  spec.fullPage(),
                  spec.quality(),
                  spec.viewport());
            }
            case RenderAction.Scrape s ->
                new ActionBody(
                    "scrape", null, null, null, null, null, null, null, null, null, null);
            case RenderAction.ExecuteJavascript js ->
                new ActionBody(
                    "executeJavascript",
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    js.script(),
                    null,
                    null,
                    null);
          });
    }
    return new Request(
        request.url(),
        (int) request.timeout().toMillis(),
        (int) request.waitFor().toMillis(),
        request.waitForSelector(),
        actions,
        request.screenshot() == null ? null : screenshotBody(request.screenshot()),
        request.mobile(),
        request.headers(),
        request.cookies().stream().map(c -> new CookieBody(c.name(), c.value())).toList());
  }

  private static ScreenshotBody screenshotBody(ScreenshotSpec spec) {
    return new ScreenshotBody(
        spec.fullPage(),
        spec.quality(),
        spec.viewport() == null
            ? null
            : new ViewportBody(spec.viewport().width(), spec.viewport().height()));
  }

  public static Response fromResult(RenderResult result) {
    ActionResults actions = result.actions() == null ? ActionResults.NONE : result.actions();
    RenderResult.Timing timing = result.timing();
    return new Response(
        result.outcome().wire(),
        result.message(),
        result.finalUrl(),
        result.status(),
        result.html(),
        image(result.screenshot()),
        new Actions(
            actions.screenshots().stream().map(RenderWire::image).toList(),
            actions.scrapes().stream().map(s -> new Snapshot(s.url(), s.html())).toList(),
            actions.javascriptReturns().stream()
                .map(r -> new JavascriptReturn(r.type(), r.value()))
                .toList()),
        timing == null ? null : new Timing(timing.queuedMs(), timing.renderMs(), timing.totalMs()),
        result.attempts());
  }

  public static RenderResult toResult(Response response) {
    Actions actions = response.actions();
    ActionResults results =
        actions == null
            ? ActionResults.NONE
            : new ActionResults(
                orEmpty(actions.screenshots()).stream().map(RenderWire::screenshot).toList(),
                orEmpty(actions.scrapes()).stream()
                    .map(s -> new ActionResults.PageSnapshot(s.url(), s.html()))
                    .toList(),
                orEmpty(actions.javascriptReturns()).stream()
                    .map(r -> new ActionResults.JavascriptReturn(r.type(), r.value()))
                    .toList());
    Timing timing = response.timing();
    return new RenderResult(
        RenderOutcome.fromWire(response.outcome()),
        response.message(),
        response.finalUrl(),
        response.statusCode(),
        response.html(),
        response.screenshot() == null ? null : screenshot(response.screenshot()),
        results,
        timing == null
            ? null
            : new RenderResult.Timing(timing.queuedMs(), timing.renderMs(), timing.totalMs()),
        response.attempts());
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  private static Image image(Screenshot screenshot) {
    return screenshot == null
        ? null
        : new Image(screenshot.mediaType(), Base64.getEncoder().encodeToString(screenshot.bytes()));
  }

  private static Screenshot screenshot(Image image) {
    return new Screenshot(image.mediaType(), Base64.getDecoder().decode(image.data()));
  }
}
