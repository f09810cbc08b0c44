package dev.orbweaver.scrape.api.v2;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orbweaver.scrape.api.ChangeTrackingWire;
import dev.orbweaver.scrape.api.FirecrawlActions;
import dev.orbweaver.scrape.api.ScrapeOptionsReader.Formats;
import dev.orbweaver.scrape.changetracking.Mode;
import dev.orbweaver.scrape.extract.SchemaValidator;
import dev.orbweaver.scrape.render.ScreenshotSpec;
import dev.orbweaver.scrape.scrape.ChangeTrackingSpec;
import dev.orbweaver.scrape.scrape.Format;
import dev.orbweaver.scrape.scrape.JsonSpec;
import dev.orbweaver.scrape.web.Require;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Firecrawl v2's {@code formats}: names, or objects whose {@code type} names them and that carry
 * their options ({@code {"type": "screenshot", "fullPage", "quality", "viewport"}}). Formats that
 * need Firecrawl's cloud models are accepted with a notice; a name no Firecrawl client sends is a
 * 400.
 */
final class V2Formats {
  private static final Set<String> NOT_AVAILABLE =
      Set.of(
          "images",
          "attributes",
          "branding",
          "product",
          "menu",
          "audio",
          "video",
          "question",
          "highlights",
          "query");

  private V2Formats() {}

  static Formats read(List<JsonNode> wire, String prefix, SchemaValidator schemas) {
    Set<Format> formats = EnumSet.noneOf(Format.class);
    List<String> notices = new ArrayList<>();
    JsonSpec json = null;
    ChangeTrackingSpec tracking = null;
    ScreenshotSpec screenshot = null;
    if (wire == null) {
      formats.add(Format.MARKDOWN);
      return new Formats(formats, null, null, null, notices);
    }
    for (int i = 0; i < wire.size(); i++) {
      JsonNode item = wire.get(i);
      String field = prefix + "formats[" + i + "]";
      String type;
      if (item != null && item.isTextual()) {
        type = item.asText();
      } else if (item != null && item.isObject() && item.path("type").isTextual()) {
        type = item.get("type").asText();
      } else {
        throw Require.invalid(field, "must be a format name or an object with a type");
      }
      switch (type) {
        case "markdown" -> formats.add(Format.MARKDOWN);
        case "html" -> formats.add(Format.HTML);
        case "rawHtml" -> formats.add(Format.RAW_HTML);
        case "plainText" -> formats.add(Format.PLAIN_TEXT);
        case "links" -> formats.add(Format.LINKS);
        case "summary" -> formats.add(Format.SUMMARY);
        case "json" -> {
          Require.that(
              item.isObject(), field, "the json format is an object with a schema or a prompt");
          json = jsonSpec(item, field, schemas);
          formats.add(Format.JSON);
        }
        case "changeTracking" -> {
          tracking = changeTracking(item, field, schemas);
          formats.add(Format.CHANGE_TRACKING);
        }
        case "screenshot" -> {
          Require.that(screenshot == null, field, "screenshot may be asked for once");
          screenshot =
              item.isObject()
                  ? FirecrawlActions.screenshot(item, field)
                  : ScreenshotSpec.VIEWPORT_PNG;
        }
        default -> {
          Require.that(NOT_AVAILABLE.contains(type), field, "'" + type + "' is not a known format");
          notices.add("The " + type + " format is not available in this installation.");
        }
      }
    }
    return new Formats(formats, json, tracking, screenshot, notices);
  }

  private static JsonSpec jsonSpec(JsonNode item, String field, SchemaValidator schemas) {
    JsonNode schema = ChangeTrackingWire.present(item.get("schema"));
    if (schema != null) {
      schemas.requireSchema(schema, field + ".schema");
    }
    String prompt = text(item, "prompt", field);
    Require.that(schema != null || prompt != null, field, "needs a schema or a prompt");
    return new JsonSpec(schema, prompt, text(item, "systemPrompt", field));
  }

  private static ChangeTrackingSpec changeTracking(
      JsonNode item, String field, SchemaValidator schemas) {
    Set<Mode> modes = EnumSet.noneOf(Mode.class);
    JsonNode schema = null;
    String prompt = null;
    String tag = null;
    if (item.isObject()) {
      JsonNode wireModes = item.get("modes");
      if (wireModes != null && !wireModes.isNull()) {
        Require.that(wireModes.isArray(), field + ".modes", "must be an array");
        List<String> names = new ArrayList<>();
        for (int m = 0; m < wireModes.size(); m++) {
          Require.that(
              wireModes.get(m).isTextual(), field + ".modes[" + m + "]", "must be a string");
          names.add(wireModes.get(m).asText());
        }
        modes.addAll(ChangeTrackingWire.modes(names, field + ".modes"));
      }
      schema = ChangeTrackingWire.present(item.get("schema"));
      if (schema != null) {
        schemas.requireSchema(schema, field + ".schema");
      }
      prompt = text(item, "prompt", field);
      tag = text(item, "tag", field);
    }
    if (modes.contains(Mode.JSON)) {
      Require.that(schema != null || prompt != null, field, "json mode needs a schema or a prompt");
    }
    return new ChangeTrackingSpec(modes, schema, prompt, null, tag, null, true);
  }

  private static String text(JsonNode item, String name, String field) {
    JsonNode value = item.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    Require.that(value.isTextual(), field + "." + name, "must be a string");
    return value.asText();
  }
}
