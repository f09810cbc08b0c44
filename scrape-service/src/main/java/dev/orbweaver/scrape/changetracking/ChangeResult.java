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
   * @param parsed the same diff in parse-diff's shape (gitDiff and mixed modes)
   * @param fields the per-field {previous, current} map (json and mixed modes)
   */
  public record Diff(String text, JsonNode parsed, JsonNode fields) {
    /** CRW's {@code diff.json}: the field map when there is one, else the parsed diff. */
    public JsonNode json() {
      return fields != null ? fields : parsed;
    }
  }
}
