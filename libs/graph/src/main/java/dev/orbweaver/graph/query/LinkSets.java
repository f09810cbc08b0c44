package dev.orbweaver.graph.query;

import it.unimi.dsi.webgraph.ImmutableGraph;
import it.unimi.dsi.webgraph.LazyIntIterators;
import java.util.function.IntConsumer;

/**
 * Set algebra over predecessor lists. Lists are sorted by store id, i.e. by authority, so the union
 * of the competitors' lists minus the caller's own is one k-way merge, and its output comes out
 * ranked.
 */
final class LinkSets {
  private LinkSets() {}

  /** What the merge reports for each linking domain of at least one competitor. */
  interface Visitor {
    /**
     * @param mask bit {@code i} set when the domain links to competitor {@code i}
     * @return false to stop early
     */
    boolean visit(int vertex, int mask);
  }

  /** The whole predecessor list of {@code vertex}, or an empty one for -1. */
  static int[] list(ImmutableGraph graph, int vertex) {
    if (vertex < 0) {
      return new int[0];
    }
    int[] out = new int[graph.outdegree(vertex)];
    LazyIntIterators.unwrap(graph.successors(vertex), out);
    return out;
  }

  /**
   * Visits, in id order, every vertex in some {@code lists[i]} but not in {@code excluded}, with
   * the set of lists it is in. Reports the percentage of list entries consumed to {@code progress}.
   */
  static void unionMinus(int[][] lists, int[] excluded, Visitor visitor, IntConsumer progress) {
    int k = lists.length;
    int[] at = new int[k];
    long total = 0;
    for (int[] list : lists) {
      total += list.length;
    }
    long consumed = 0;
    long nextReport = Math.max(1, total / 20);
    int ex = 0;
    while (true) {
      int min = Integer.MAX_VALUE;
      for (int i = 0; i < k; i++) {
        if (at[i] < lists[i].length && lists[i][at[i]] < min) {
          min = lists[i][at[i]];
        }
      }
      if (min == Integer.MAX_VALUE) {
        break;
      }
      int mask = 0;
      for (int i = 0; i < k; i++) {
        if (at[i] < lists[i].length && lists[i][at[i]] == min) {
          mask |= 1 << i;
          at[i]++;
          consumed++;
        }
      }
      while (ex < excluded.length && excluded[ex] < min) {
        ex++;
      }
      boolean isExcluded = ex < excluded.length && excluded[ex] == min;
      if (!isExcluded && !visitor.visit(min, mask)) {
        return;
      }
      if (consumed >= nextReport) {
        progress.accept((int) (consumed * 100 / total));
        nextReport += Math.max(1, total / 20);
      }
    }
  }
}
