package dev.orbweaver.scrape.changetracking;

import com.github.difflib.algorithm.Change;
import com.github.difflib.algorithm.DiffAlgorithmListener;
import com.github.difflib.algorithm.myers.MyersDiff;
import com.github.difflib.patch.DeltaType;
import com.github.difflib.patch.Patch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A line diff whose work is bounded by a {@link DiffBudget}. Myers' algorithm (java-diff-utils)
 * costs about the square of the number of differing lines: two 16,000-line texts with nothing in
 * common took 7 s. It has no way to be cancelled from outside, but it reports each step of its edit
 * distance to a listener, and the listener here stops it by throwing once the region's edit
 * distance passes the budget or the deadline has passed. The work is then done coarsely:
 *
 * <ol>
 *   <li>lines equal at both ends of a region are kept;
 *   <li>lines that occur exactly once on each side become anchors (the longest run of them in the
 *       same order, as patience diff picks them) and each gap between anchors is a region of its
 *       own, a few levels deep;
 *   <li>a region with no anchors, or reached past the deadline, is replaced as a whole.
 * </ol>
 *
 * <p>Every outcome is a correct diff (applying it to the old text gives the new one); past the
 * budget it is merely not the shortest. Lines are compared as small integers, so the exact diff
 * compares numbers, not strings.
 */
final class LineDiff {
  /** How many levels of anchors a region may be split into before it is replaced whole. */
  private static final int MAX_DEPTH = 4;

  private final int[] before;
  private final int[] after;
  private final DiffBudget budget;
  private final List<Change> changes = new ArrayList<>();

  private LineDiff(int[] before, int[] after, DiffBudget budget) {
    this.before = before;
    this.after = after;
    this.budget = budget;
  }

  static Patch<String> between(List<String> before, List<String> after, DiffBudget budget) {
    Map<String, Integer> ids = new HashMap<>();
    LineDiff diff = new LineDiff(ids(before, ids), ids(after, ids), budget);
    diff.region(0, diff.before.length, 0, diff.after.length, 0);
    return Patch.generate(before, after, diff.changes);
  }

  private static int[] ids(List<String> lines, Map<String, Integer> ids) {
    int[] out = new int[lines.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = ids.computeIfAbsent(lines.get(i), line -> ids.size());
    }
    return out;
  }

  /** Appends the changes that turn before[aFrom, aTo) into after[bFrom, bTo), in order. */
  private void region(int aFrom, int aTo, int bFrom, int bTo, int depth) {
    while (aFrom < aTo && bFrom < bTo && before[aFrom] == after[bFrom]) {
      aFrom++;
      bFrom++;
    }
    while (aTo > aFrom && bTo > bFrom && before[aTo - 1] == after[bTo - 1]) {
      aTo--;
      bTo--;
    }
    if (aFrom == aTo && bFrom == bTo) {
      return;
    }
    if (aFrom == aTo || bFrom == bTo) {
      DeltaType type = aFrom == aTo ? DeltaType.INSERT : DeltaType.DELETE;
      changes.add(new Change(type, aFrom, aTo, bFrom, bTo));
      return;
    }
    if (!budget.spent()
        && fewestEdits(aFrom, aTo, bFrom, bTo) <= budget.maxEdits()
        && exact(aFrom, aTo, bFrom, bTo)) {
      return;
    }
    if (depth < MAX_DEPTH && !budget.spent()) {
      int[][] anchors = anchors(aFrom, aTo, bFrom, bTo);
      if (anchors.length > 0) {
        int a = aFrom;
        int b = bFrom;
        for (int[] anchor : anchors) {
          region(a, anchor[0], b, anchor[1], depth + 1);
          a = anchor[0] + 1;
          b = anchor[1] + 1;
        }
        region(a, aTo, b, bTo, depth + 1);
        return;
      }
    }
    changes.add(new Change(DeltaType.CHANGE, aFrom, aTo, bFrom, bTo));
  }

  /**
   * A lower bound of the region's edit distance: every line occurs as often on both sides after an
   * edit script, so each surplus occurrence is an edit. Texts with little in common exceed the
   * budget here, in linear time, before Myers spends it finding that out.
   */
  private int fewestEdits(int aFrom, int aTo, int bFrom, int bTo) {
    Map<Integer, Integer> surplus = new HashMap<>();
    for (int i = aFrom; i < aTo; i++) {
      surplus.merge(before[i], 1, Integer::sum);
    }
    for (int j = bFrom; j < bTo; j++) {
      surplus.merge(after[j], -1, Integer::sum);
    }
    int edits = 0;
    for (int n : surplus.values()) {
      edits += Math.abs(n);
    }
    return edits;
  }

  /** Myers' diff of the region, unless it passes the budget; true when it finished. */
  private boolean exact(int aFrom, int aTo, int bFrom, int bTo) {
    List<Change> found;
    try {
      found =
          new MyersDiff<Integer>()
              .computeDiff(boxed(before, aFrom, aTo), boxed(after, bFrom, bTo), new Watch(budget));
    } catch (OverBudget e) {
      return false;
    }
    for (Change c : found) {
      changes.add(
          new Change(
              c.deltaType,
              c.startOriginal + aFrom,
              c.endOriginal + aFrom,
              c.startRevised + bFrom,
              c.endRevised + bFrom));
    }
    return true;
  }

  /**
   * Pairs (i, j) of lines that occur once in before[aFrom, aTo) and once in after[bFrom, bTo), the
   * longest run of them that is increasing on both sides.
   */
  private int[][] anchors(int aFrom, int aTo, int bFrom, int bTo) {
    Map<Integer, int[]> seen = new HashMap<>(); // id -> {count before, index, count after, index}
    for (int i = aFrom; i < aTo; i++) {
      int[] s = seen.computeIfAbsent(before[i], id -> new int[4]);
      s[0]++;
      s[1] = i;
    }
    for (int j = bFrom; j < bTo; j++) {
      int[] s = seen.get(after[j]);
      if (s != null) {
        s[2]++;
        s[3] = j;
      }
    }
    List<int[]> unique = new ArrayList<>();
    for (int i = aFrom; i < aTo; i++) {
      int[] s = seen.get(before[i]);
      if (s[0] == 1 && s[2] == 1) {
        unique.add(new int[] {i, s[3]});
      }
    }
    return longestIncreasing(unique);
  }

  /** The longest subsequence of pairs (already increasing in i) that increases in j too. */
  private static int[][] longestIncreasing(List<int[]> pairs) {
    int n = pairs.size();
    int[] tails = new int[n]; // index into pairs of the smallest tail of each run length
    int[] previous = new int[n];
    int length = 0;
    for (int k = 0; k < n; k++) {
      int j = pairs.get(k)[1];
      int lo = 0;
      int hi = length;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (pairs.get(tails[mid])[1] < j) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      previous[k] = lo > 0 ? tails[lo - 1] : -1;
      tails[lo] = k;
      length = Math.max(length, lo + 1);
    }
    int[][] run = new int[length][];
    for (int k = length == 0 ? -1 : tails[length - 1], at = length - 1; k >= 0; k = previous[k]) {
      run[at--] = pairs.get(k);
    }
    return run;
  }

  private static List<Integer> boxed(int[] lines, int from, int to) {
    return Arrays.stream(lines, from, to).boxed().toList();
  }

  /** Stops Myers' diff from inside: it reports each step of its edit distance here. */
  private record Watch(DiffBudget budget) implements DiffAlgorithmListener {
    @Override
    public void diffStart() {}

    @Override
    public void diffStep(int editDistance, int max) {
      if (editDistance > budget.maxEdits() || budget.spent()) {
        throw new OverBudget();
      }
    }

    @Override
    public void diffEnd() {}
  }

  private static final class OverBudget extends RuntimeException {
    OverBudget() {
      super(null, null, false, false);
    }
  }
}
