package dev.orbweaver.scrape.api.v1;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orbweaver.scrape.api.ChangeTrackingWire;
import dev.orbweaver.scrape.api.ScrapeOptionsReader.Formats;
import dev.orbweaver.scrape.api.v1.ScrapeRequests.ChangeTrackingOptions;
import dev.orbweaver.scrape.api.v1.ScrapeRequests.JsonOptions;
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
 * CRW's {@code formats}: strings, with the json options in {@code jsonOptions} (Firecrawl v1's
 * older {@code extract} too) and the changeTracking options in {@code changeTracking}. {@code
 * screenshot} is a PNG of the viewport, {@code screenshot@fullPage} of the whole page.
 */
final class V1Formats {
  private V1Formats() {}

  static Formats read(
      List<String> wire,
      JsonOptions jsonOptions,
      ChangeTrackingOptions changeTracking,
      String prefix,
      SchemaValidator schemas) {
    Set<Format> formats = EnumSet.noneOf(Format.class);
    List<String> notices = new ArrayList<>();
    ScreenshotSpec screenshot = null;
    if (wire == null) {
      formats.add(Format.MARKDOWN);
    } else {
      for (int i = 0; i < wire.size(); i++) {
        String name = wire.get(i);
        String field = prefix + "formats[" + i + "]";
        Require.that(name != null, field, "must be a string");
        switch (name) {
          case "markdown" -> formats.add(Format.MARKDOWN);
          case "html" -> formats.add(Format.HTML);
          case "rawHtml" -> formats.add(Format.RAW_HTML);
          case "plainText" -> formats.add(Format.PLAIN_TEXT);
          case "links" -> formats.add(Format.LINKS);
          case "json", "extract" -> formats.add(Format.JSON);
          case "summary" -> formats.add(Format.SUMMARY);
          case "changeTracking" -> formats.add(Format.CHANGE_TRACKING);
          case "screenshot", "screenshot@fullPage" -> {
            Require.that(
                screenshot == null,
                field,
                "you may only specify either screenshot or screenshot@fullPage");
            screenshot =
                name.equals("screenshot")
                    ? ScreenshotSpec.VIEWPORT_PNG
                    : ScreenshotSpec.FULL_PAGE_PNG;
          }
          default ->
              throw Require.invalid(
                  field,
                  "'"
                      + name
                      + "' is not one of markdown, html, rawHtml, plainText, links, json, summary,"
                      + " changeTracking, screenshot, screenshot@fullPage");
        }
      }
    }
    JsonSpec json = null;
    String optionsField = prefix + "jsonOptions";
    if (formats.contains(Format.JSON)) {
      Require.that(
          jsonOptions != null, optionsField, "the json format needs a schema or a prompt here");
      json = jsonSpec(jsonOptions, optionsField, schemas);
    }
    ChangeTrackingSpec tracking = null;
    if (formats.contains(Format.CHANGE_TRACKING)) {
      String field = prefix + "changeTracking";
      ChangeTrackingOptions given =
          changeTracking != null
              ? changeTracking
              : new ChangeTrackingOptions(null, null, null, null, null, null);
      Set<Mode> modes = ChangeTrackingWire.modes(given.modes(), field + ".modes");
      JsonNode schema = ChangeTrackingWire.present(given.schema());
      if (schema != null) {
        schemas.requireSchema(schema, field + ".schema");
      }
      if (modes.contains(Mode.JSON) && schema == null && given.prompt() == null) {
        Require.that(
            json != null,
            field + ".schema",
            "json mode needs a schema or a prompt here or in jsonOptions");
        schema = json.schema();
      }
      tracking =
          new ChangeTrackingSpec(
              modes,
              schema,
              given.prompt() != null ? given.prompt() : json == null ? null : json.prompt(),
              given.previous() == null
                  ? null
                  : ChangeTrackingWire.snapshot(
                      given.previous().markdown(),
                      given.previous().json(),
                      given.previous().contentHash(),
                      given.previous().capturedAt()),
              given.tag(),
              given.contentType(),
              false);
    }
    return new Formats(formats, json, tracking, screenshot, notices);
  }

  static JsonSpec jsonSpec(JsonOptions options, String field, SchemaValidator schemas) {
    JsonNode schema = ChangeTrackingWire.present(options.schema());
    if (schema != null) {
      schemas.requireSchema(schema, field + ".schema");
    }
    Require.that(
        schema != null || (options.prompt() != null && !options.prompt().isBlank()),
        field,
        "needs a schema or a prompt");
    return new JsonSpec(schema, options.prompt(), options.systemPrompt());
  }
}
