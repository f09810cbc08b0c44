package dev.orbweaver.scrape.api.v1;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orbweaver.common.error.Dialect;
import dev.orbweaver.common.web.SpeaksDialect;
import dev.orbweaver.scrape.api.ChangeTrackingWire;
import dev.orbweaver.scrape.api.v1.ChangeTrackingRequests.Current;
import dev.orbweaver.scrape.api.v1.ChangeTrackingRequests.DiffItem;
import dev.orbweaver.scrape.api.v1.ChangeTrackingRequests.DiffRequest;
import dev.orbweaver.scrape.api.v1.ChangeTrackingRequests.SnapshotBody;
import dev.orbweaver.scrape.changetracking.ChangeRequest;
import dev.orbweaver.scrape.changetracking.ChangeResult;
import dev.orbweaver.scrape.changetracking.ChangeTracker;
import dev.orbweaver.scrape.changetracking.DiffBudget;
import dev.orbweaver.scrape.changetracking.Mode;
import dev.orbweaver.scrape.changetracking.Snapshot;
import dev.orbweaver.scrape.config.ScrapeConfig;
import dev.orbweaver.scrape.web.Require;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /v1/change-tracking/diff}: the stateless diff of CRW. The caller brings both sides,
 * so nothing is fetched or stored. The presence of {@code batch} selects batch mode.
 *
 * <p>Each side's Markdown is bounded in bytes and lines ({@code orbweaver.scrape.diff.*}; a larger
 * one is a 413), and all diffs of one request share one {@link DiffBudget}, past which they turn
 * coarse: a request's work is bounded whatever its texts.
 */
@Path("/v1/change-tracking/diff")
@SpeaksDialect(Dialect.FIRECRAWL)
@RolesAllowed("user")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ChangeTrackingResource {
  /** Pages one batch may hold; each may carry a whole page twice. */
  static final int MAX_BATCH = 1000;

  private final ScrapeConfig.Diff limits;

  @Inject
  public ChangeTrackingResource(ScrapeConfig config) {
    this.limits = config.diff();
  }

  @POST
  public Map<String, Object> diff(DiffRequest request) {
    Require.present(request, "body");
    DiffBudget budget = DiffBudget.startingNow(limits.maxEdits(), limits.time());
    Object data;
    if (request.batch() != null) {
      List<DiffItem> items = request.batch();
      Require.that(!items.isEmpty(), "batch", "must hold at least one item");
      Require.that(items.size() <= MAX_BATCH, "batch", "holds at most " + MAX_BATCH + " items");
      Set<Mode> sharedModes = ChangeTrackingWire.modes(request.modes(), "modes");
      List<Map<String, Object>> results = new ArrayList<>(items.size());
      for (int i = 0; i < items.size(); i++) {
        String prefix = "batch[" + i + "]";
        DiffItem item = Require.present(items.get(i), prefix);
        Set<Mode> modes = ChangeTrackingWire.modes(item.modes(), prefix + ".modes");
        results.add(
            compare(
                item.current(),
                item.previous(),
                modes.isEmpty() ? sharedModes : modes,
                item.contentType() != null ? item.contentType() : request.contentType(),
                item.tag(),
                prefix,
                budget));
      }
      data = results;
    } else {
      data =
          compare(
              request.current(),
              request.previous(),
              ChangeTrackingWire.modes(request.modes(), "modes"),
              request.contentType(),
              request.tag(),
              "",
              budget);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("success", true);
    body.put("data", data);
    return body;
  }

  private Map<String, Object> compare(
      Current current,
      SnapshotBody previous,
      Set<Mode> modes,
      String contentType,
      String tag,
      String prefix,
      DiffBudget budget) {
    String at = prefix.isEmpty() ? "" : prefix + ".";
    Require.present(current, at + "current");
    bounded(current.markdown(), at + "current.markdown");
    if (previous != null) {
      bounded(previous.markdown(), at + "previous.markdown");
    }
    JsonNode currentJson = ChangeTrackingWire.present(current.json());
    Snapshot before =
        previous == null
            ? null
            : ChangeTrackingWire.snapshot(
                previous.markdown(),
                previous.json(),
                previous.contentHash(),
                previous.capturedAt());
    ChangeResult result =
        ChangeTracker.compare(
            new ChangeRequest(
                modes, before, current.markdown(), currentJson, contentType, tag, null),
            budget);
    return ChangeTrackingWire.result(result);
  }

  /** A 413 for a side larger than a page this endpoint is meant for. */
  private void bounded(String markdown, String field) {
    if (markdown == null) {
      return;
    }
    long bytes = 0;
    int lines = 1;
    for (int i = 0; i < markdown.length(); i++) {
      char c = markdown.charAt(i);
      if (c == '\n') {
        lines++;
      }
      bytes += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
    }
    if (bytes > limits.maxBytes() || lines > limits.maxLines()) {
      throw new WebApplicationException(
          "Field '"
              + field
              + "' is too large to diff: one side may hold at most "
              + limits.maxBytes()
              + " bytes and "
              + limits.maxLines()
              + " lines, this one has "
              + bytes
              + " bytes and "
              + lines
              + " lines.",
          413);
    }
  }
}
