package dev.orbweaver.scrape.changetracking;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * One page to compare: its current Markdown and JSON against the previous snapshot, if any.
 *
 * @param modes the surfaces to diff; empty means gitDiff
 * @param contentType the page's media type; content that is not text is hashed, never diffed
 * @param tag an opaque caller tag echoed on the result
 * @param capturedAt when the current content was captured (stamped into the new snapshot), or null
 */
public record ChangeRequest(
    Set<Mode> modes,
    Snapshot previous,
    String currentMarkdown,
    JsonNode currentJson,
    String contentType,
    String tag,
    String capturedAt) {

  public ChangeRequest {
    modes = modes == null || modes.isEmpty() ? Set.of(Mode.GIT_DIFF) : Set.copyOf(modes);
    currentMarkdown = currentMarkdown == null ? "" : currentMarkdown;
  }
}
