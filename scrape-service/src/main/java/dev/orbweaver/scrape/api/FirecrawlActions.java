package dev.orbweaver.scrape.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orbweaver.scrape.render.RenderAction;
import dev.orbweaver.scrape.render.RenderLimits;
import dev.orbweaver.scrape.render.ScreenshotSpec;
import dev.orbweaver.scrape.render.Viewport;
import dev.orbweaver.scrape.scrape.PageActions;
import dev.orbweaver.scrape.web.Require;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Firecrawl's {@code actions} array and screenshot options as both dialects spell them ({@code
 * {"type": "click", "selector": "#more"}}, {@code {"type": "screenshot", "fullPage": true,
 * "quality": 80, "viewport": {"width", "height"}}}), read into render actions with every field's
 * type checked. Bounds are {@link RenderLimits}'.
 */
public final class FirecrawlActions {
  static final String TYPES =
      "wait, click, write, press, scroll, screenshot, scrape, executeJavascript";

  private FirecrawlActions() {}

  /**
   * @param field the path of the array, e.g. {@code scrapeOptions.actions}
   */
  public static List<RenderAction> read(JsonNode actions, String field) {
    if (actions == null || actions.isNull()) {
      return List.of();
    }
    Require.that(actions.isArray(), field, "must be an array");
    Require.that(
        actions.size() <= RenderLimits.MAX_ACTIONS,
        field,
        "holds at most " + RenderLimits.MAX_ACTIONS + " actions");
    List<RenderAction> out = new ArrayList<>();
    for (int i = 0; i < actions.size(); i++) {
      out.add(action(actions.get(i), field + "[" + i + "]"));
    }
    return out;
  }

  private static RenderAction action(JsonNode action, String field) {
    Require.that(action.isObject(), field, "must be an object with a type");
    String type = text(action, "type", field);
    Require.that(type != null, field + ".type", "is required: one of " + TYPES);
    return switch (type) {
      case "wait" -> {
        Integer ms = integer(action, "milliseconds", field);
        yield new RenderAction.Wait(
            ms == null ? null : Duration.ofMillis(ms), text(action, "selector", field));
      }
      case "click" ->
          new RenderAction.Click(
              text(action, "selector", field), Boolean.TRUE.equals(bool(action, "all", field)));
      case "write" -> new RenderAction.Write(text(action, "text", field));
      case "press" -> {
        String key = text(action, "key", field);
        Require.that(key != null, field + ".key", "is required");
        yield new RenderAction.Press(key);
      }
      case "scroll" -> {
        String direction = text(action, "direction", field);
        Require.that(
            direction == null || direction.equals("up") || direction.equals("down"),
            field + ".direction",
            "must be up or down");
        yield new RenderAction.Scroll(!"up".equals(direction), text(action, "selector", field));
      }
      case "screenshot" -> new RenderAction.TakeScreenshot(screenshot(action, field));
      case "scrape" -> new RenderAction.Scrape();
      case "executeJavascript" -> new RenderAction.ExecuteJavascript(text(action, "script", field));
      case "pdf" -> throw Require.invalid(field + ".type", "pdf actions are not supported");
      default -> throw Require.invalid(field + ".type", "must be one of " + TYPES);
    };
  }

  /**
   * A screenshot's options ({@code fullPage}, {@code quality}, {@code viewport}) from a format
   * object or a screenshot action, checked against {@link RenderLimits}.
   */
  public static ScreenshotSpec screenshot(JsonNode options, String field) {
    Viewport viewport = null;
    JsonNode size = options.get("viewport");
    if (size != null && !size.isNull()) {
      Require.that(size.isObject(), field + ".viewport", "must be an object with width and height");
      Integer width = integer(size, "width", field + ".viewport");
      Integer height = integer(size, "height", field + ".viewport");
      Require.that(width != null, field + ".viewport.width", "is required");
      Require.that(height != null, field + ".viewport.height", "is required");
      viewport = new Viewport(width, height);
    }
    ScreenshotSpec spec =
        new ScreenshotSpec(
            Boolean.TRUE.equals(bool(options, "fullPage", field)),
            integer(options, "quality", field),
            viewport);
    RenderLimits.screenshot(spec, field);
    return spec;
  }

  private static String text(JsonNode node, String name, String field) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    Require.that(value.isTextual(), field + "." + name, "must be a string");
    return value.asText();
  }

  private static Integer integer(JsonNode node, String name, String field) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    Require.that(
        value.isIntegralNumber() && value.canConvertToInt(),
        field + "." + name,
        "must be a whole number");
    return value.intValue();
  }

  private static Boolean bool(JsonNode node, String name, String field) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    Require.that(value.isBoolean(), field + "." + name, "must be true or false");
    return value.booleanValue();
  }

  /**
   * A document's {@code actions}: {@code {screenshots: [link], scrapes: [{url, html}],
   * javascriptReturns: [{type, value}]}}, each in the order the actions ran.
   */
  public static Map<String, Object> results(PageActions actions) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("screenshots", actions.screenshots());
    out.put(
        "scrapes",
        actions.scrapes().stream()
            .map(
                s -> {
                  Map<String, Object> scrape = new LinkedHashMap<>();
                  scrape.put("url", s.url());
                  scrape.put("html", s.html());
                  return scrape;
                })
            .toList());
    out.put(
        "javascriptReturns",
        actions.javascriptReturns().stream()
            .map(
                r -> {
                  Map<String, Object> value = new LinkedHashMap<>();
                  value.put("type", r.type());
                  value.put("value", r.value());
                  return value;
                })
            .toList());
    return out;
  }
}
