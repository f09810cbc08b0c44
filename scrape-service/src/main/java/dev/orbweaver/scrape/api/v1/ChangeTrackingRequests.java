package dev.orbweaver.scrape.api.v1;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Wire records of {@code POST /v1/change-tracking/diff}, as CRW's OpenAPI document names them. */
public final class ChangeTrackingRequests {
  private ChangeTrackingRequests() {}

  /** {@code ChangeTrackingSnapshot}. */
  public record SnapshotBody(
      String markdown, JsonNode json, String contentHash, String capturedAt) {}

  /** The current scrape content of one page. */
  public record Current(String markdown, JsonNode json) {}

  /** {@code ChangeTrackingDiffItem}: one page of a batch. */
  public record DiffItem(
      String url,
      Current current,
      SnapshotBody previous,
      List<String> modes,
      JsonNode schema,
      String prompt,
      String contentType,
      String tag) {}

  /**
   * {@code ChangeTrackingDiffRequest}: a single page (current, previous) or a batch; in batch mode
   * the top-level modes, schema, prompt and contentType are defaults each item may override. {@code
   * goal} and {@code judgeEnabled} are accepted: this endpoint never calls an LLM.
   */
  public record DiffRequest(
      List<DiffItem> batch,
      Current current,
      SnapshotBody previous,
      List<String> modes,
      JsonNode schema,
      String prompt,
      String contentType,
      String tag,
      String goal,
      Boolean judgeEnabled) {}
}
