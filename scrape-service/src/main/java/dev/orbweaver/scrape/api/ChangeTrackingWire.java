package dev.orbweaver.scrape.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orbweaver.scrape.changetracking.ChangeResult;
import dev.orbweaver.scrape.changetracking.Mode;
import dev.orbweaver.scrape.changetracking.Snapshot;
import dev.orbweaver.scrape.web.Require;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * CRW's {@code ChangeTrackingResult} and {@code ChangeTrackingSnapshot} on the wire, shared by the
 * diff endpoint and the {@code changeTracking} format of {@code /v1/scrape}.
 */
public final class ChangeTrackingWire {
  private ChangeTrackingWire() {}

  /** Modes as the caller spelled them; null or empty means none given. */
  public static Set<Mode> modes(List<String> modes, String field) {
    if (modes == null) {
      return Set.of();
    }
    Set<Mode> out = EnumSet.noneOf(Mode.class);
    for (int i = 0; i < modes.size(); i++) {
      String wire = modes.get(i);
      String item = field + "[" + i + "]";
      Require.that(wire != null, item, "must be a string");
      out.add(
          Mode.of(wire)
              .orElseThrow(
                  () -> Require.invalid(item, "'" + wire + "' is not one of gitDiff, json")));
    }
    return out;
  }

  public static Snapshot snapshot(
      String markdown, JsonNode json, String contentHash, String capturedAt) {
    return new Snapshot(markdown, present(json), contentHash, capturedAt);
  }

  /** JSON null counts as absent. */
  public static JsonNode present(JsonNode node) {
    return node == null || node.isNull() || node.isMissingNode() ? null : node;
  }

  public static Map<String, Object> result(ChangeResult result) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("status", result.status().name().toLowerCase(Locale.ROOT));
    out.put("firstObservation", result.firstObservation());
    out.put("contentHash", result.contentHash());
    out.put("snapshot", snapshot(result.snapshot()));
    if (result.diff() != null) {
      Map<String, Object> diff = new LinkedHashMap<>();
      if (result.diff().text() != null) {
        diff.put("text", result.diff().text());
      }
      if (result.diff().json() != null) {
        diff.put("json", result.diff().json());
      }
      out.put("diff", diff);
    }
    if (result.tag() != null) {
      out.put("tag", result.tag());
    }
    out.put("truncated", result.truncated());
    return out;
  }

  public static Map<String, Object> snapshot(Snapshot snapshot) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (snapshot.markdown() != null) {
      out.put("markdown", snapshot.markdown());
    }
    if (snapshot.json() != null) {
      out.put("json", snapshot.json());
    }
    out.put("contentHash", snapshot.contentHash());
    if (snapshot.capturedAt() != null) {
      out.put("capturedAt", snapshot.capturedAt());
    }
    return out;
  }
}
