package dev.orbweaver.scrape.changetracking;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gitDiff surface: a unified diff of two Markdown texts (java-diff-utils' unified format, three
 * lines of context, over a {@link LineDiff} that bounds the work) and the same diff parsed into the
 * shape of the {@code parse-diff} npm package, which Firecrawl returns. The parsed form is read
 * back from the text, so the two never disagree.
 */
public final class GitDiff {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final Pattern HUNK =
      Pattern.compile("^@@ -(\\d+)(?:,(\\d+))? \\+(\\d+)(?:,(\\d+))? @@");
  private static final int CONTEXT = 3;

  /**
   * @param text the unified diff, complete
   * @param parsed {@code {files: [{from, to, chunks, additions, deletions}], additions, deletions}}
   * @param truncated true when {@code parsed} stopped at the change limit
   */
  public record Result(String text, ObjectNode parsed, boolean truncated) {}

  private GitDiff() {}

  /**
   * @param previous normalized Markdown of the previous snapshot
   * @param current normalized Markdown of the current content
   * @param maxChanges how many change lines the parsed form holds at most
   * @param budget the work the diff may do before it turns coarse
   */
  public static Result between(String previous, String current, int maxChanges, DiffBudget budget) {
    List<String> before = lines(previous);
    List<String> after = lines(current);
    Patch<String> patch = LineDiff.between(before, after, budget);
    List<String> unified =
        UnifiedDiffUtils.generateUnifiedDiff("previous", "current", before, patch, CONTEXT);
    String text = unified.isEmpty() ? "" : String.join("\n", unified) + "\n";
    return parse(unified, maxChanges, text);
  }

  private static Result parse(List<String> unified, int maxChanges, String text) {
    ArrayNode chunks = JSON.arrayNode();
    int additions = 0;
    int deletions = 0;
    int emitted = 0;
    boolean truncated = false;
    ObjectNode chunk = null;
    int oldLine = 0;
    int newLine = 0;
    for (String line : unified) {
      if (line.startsWith("--- ") || line.startsWith("+++ ")) {
        continue;
      }
      Matcher hunk = HUNK.matcher(line);
      if (hunk.find()) {
        if (truncated) {
          break;
        }
        oldLine = Integer.parseInt(hunk.group(1));
        newLine = Integer.parseInt(hunk.group(3));
        chunk = JSON.objectNode();
        chunk.put("content", line);
        chunk.putArray("changes");
        chunk.put("oldStart", oldLine);
        chunk.put("oldLines", count(hunk.group(2)));
        chunk.put("newStart", newLine);
        chunk.put("newLines", count(hunk.group(4)));
        chunks.add(chunk);
        continue;
      }
      if (chunk == null || line.isEmpty()) {
        continue;
      }
      if (emitted >= maxChanges) {
        truncated = true;
        continue;
      }
      ObjectNode change = JSON.objectNode();
      switch (line.charAt(0)) {
        case '+' -> {
          change.put("type", "add").put("add", true).put("ln", newLine++);
          additions++;
        }
        case '-' -> {
          change.put("type", "del").put("del", true).put("ln", oldLine++);
          deletions++;
        }
        default ->
            change
                .put("type", "normal")
                .put("normal", true)
                .put("ln1", oldLine++)
                .put("ln2", newLine++);
      }
      change.put("content", line);
      ((ArrayNode) chunk.get("changes")).add(change);
      emitted++;
    }
    ObjectNode file = JSON.objectNode();
    file.set("chunks", chunks);
    file.put("deletions", deletions);
    file.put("additions", additions);
    file.put("from", "previous");
    file.put("to", "current");
    ObjectNode parsed = JSON.objectNode();
    parsed.putArray("files").add(file);
    parsed.put("additions", additions);
    parsed.put("deletions", deletions);
    if (truncated) {
      parsed.put("truncated", true);
    }
    return new Result(text, parsed, truncated);
  }

  private static int count(String group) {
    return group == null ? 1 : Integer.parseInt(group);
  }

  private static List<String> lines(String text) {
    return text.isEmpty() ? List.of() : Arrays.asList(text.split("\n", -1));
  }
}
