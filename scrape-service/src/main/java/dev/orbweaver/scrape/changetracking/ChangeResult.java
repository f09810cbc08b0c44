package dev.orbweaver.scrape.changetracking;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The verdict on one page: same or changed, the hash and snapshot to keep for the next check, and
 * the diff when something changed.
 *
 * @param firstObservation true when there was no previous snapshot (the caller's "new")
 * @param truncated true when the parsed diff stopped at the change limit (the text is complete)
 */
public record ChangeResult(
    Status status,
    boolean firstObservation,
    String contentHash,
    Snapshot snapshot,
    Diff diff,
    String tag,
    boolean truncated) {

  /** Per-page status; "new" and "removed" are for a caller that reconciles sets of pages. */
  public enum Status {
    SAME,
    CHANGED
  }

  /**
   * @param text the unified Markdown diff (gitDiff and mixed modes)
   * @param json the parsed diff in gitDiff-only mode, else the per-field {previous, current} map
   */
  public record Diff(String text, JsonNode json) {}
}
