package dev.orbweaver.scrape.changetracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * Compares a page's current content with the snapshot a caller kept: same or changed, the
 * mode-aware hash (normalized Markdown in gitDiff and mixed modes, canonical JSON in json-only
 * mode), the snapshot to keep for next time, and the diff surfaces asked for. Pure: no storage, no
 * network, no LLM.
 */
public final class ChangeTracker {
  /** Change lines the parsed diff holds at most before it is marked truncated. */
  public static final int MAX_DIFF_CHANGES = 5000;

  private ChangeTracker() {}

  public static ChangeResult compare(ChangeRequest request) {
    return compare(request, DiffBudget.standard());
  }

  /** As {@link #compare(ChangeRequest)}, the text diff within {@code budget}. */
  public static ChangeResult compare(ChangeRequest request, DiffBudget budget) {
    boolean git = request.modes().contains(Mode.GIT_DIFF);
    boolean json = request.modes().contains(Mode.JSON);
    Snapshot previous = request.previous();

    if (!isText(request.contentType())) {
      // A PDF or an image cannot be diffed line by line: its extracted text is hashed instead.
      String hash = Fingerprints.sha256(request.currentMarkdown());
      Snapshot snapshot = new Snapshot(null, null, hash, request.capturedAt());
      boolean same = previous != null && hash.equals(previous.contentHash());
      return new ChangeResult(
          same ? ChangeResult.Status.SAME : ChangeResult.Status.CHANGED,
          previous == null,
          hash,
          snapshot,
          null,
          request.tag(),
          false);
    }

    String currentMarkdown = Fingerprints.normalizeMarkdown(request.currentMarkdown());
    String hash =
        git
            ? Fingerprints.sha256(currentMarkdown)
            : request.currentJson() == null
                ? Fingerprints.sha256("")
                : Fingerprints.jsonHash(request.currentJson());
    Snapshot snapshot =
        new Snapshot(
            git ? request.currentMarkdown() : null,
            json ? request.currentJson() : null,
            hash,
            request.capturedAt());

    if (previous == null) {
      return new ChangeResult(
          ChangeResult.Status.CHANGED, true, hash, snapshot, null, request.tag(), false);
    }

    boolean markdownKnown = previous.markdown() != null;
    String previousMarkdown =
        markdownKnown ? Fingerprints.normalizeMarkdown(previous.markdown()) : null;
    boolean markdownChanged;
    if (!git) {
      markdownChanged = false;
    } else if (markdownKnown) {
      markdownChanged = !previousMarkdown.equals(currentMarkdown);
    } else {
      // A caller that keeps only the hash still learns same or changed, but gets no text diff.
      markdownChanged = !hash.equals(previous.contentHash());
    }
    ObjectNode fieldChanges =
        json ? JsonFieldDiff.between(previous.json(), request.currentJson()) : null;
    boolean jsonChanged = json && !fieldChanges.isEmpty();

    if (!markdownChanged && !jsonChanged) {
      return new ChangeResult(
          ChangeResult.Status.SAME, false, hash, snapshot, null, request.tag(), false);
    }

    String text = null;
    JsonNode parsed = null;
    boolean truncated = false;
    if (git && markdownKnown) {
      GitDiff.Result diff =
          GitDiff.between(previousMarkdown, currentMarkdown, MAX_DIFF_CHANGES, budget);
      text = diff.text();
      truncated = diff.truncated();
      parsed = diff.parsed();
    }
    ChangeResult.Diff diff =
        text == null && fieldChanges == null
            ? null
            : new ChangeResult.Diff(text, parsed, fieldChanges);
    return new ChangeResult(
        ChangeResult.Status.CHANGED, false, hash, snapshot, diff, request.tag(), truncated);
  }

  /** No content type means text (the usual HTML → Markdown case). */
  static boolean isText(String contentType) {
    if (contentType == null || contentType.isBlank()) {
      return true;
    }
    String type = contentType.toLowerCase(Locale.ROOT);
    return type.startsWith("text/")
        || type.contains("json")
        || type.contains("xml")
        || type.contains("html")
        || type.contains("markdown")
        || type.contains("javascript")
        || type.contains("csv")
        || type.contains("yaml");
  }
}
