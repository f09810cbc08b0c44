package dev.orbweaver.graph.query;

import dev.orbweaver.graph.store.PredecessorReader;
import dev.orbweaver.graph.store.Release;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.function.IntConsumer;

/**
 * Set algebra over predecessor lists. Lists are sorted by store id, i.e. by authority, so the union
 * of the competitors' lists minus the caller's own is one k-way merge, and its output comes out
 * ranked.
 */
final class LinkSets {
  /**
   * Below this many links in all, lists are decoded on the calling thread: at about 25 ns a link
   * they take about a millisecond, little to gain from handing half to another thread.
   */
  static final long PARALLEL_FROM = 50_000;

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
  static int[] list(Release release, int vertex) {
    if (vertex < 0) {
      return new int[0];
    }
    IntArrayList list = new IntArrayList();
    release.predecessorReader().read(vertex, list);
    return list.toIntArray();
  }

  /**
   * The predecessor lists of {@code vertices} (empty for -1), each decoded once into an int array.
   * Large lists are split between the calling thread and one pool thread, largest first, so that a
   * gap job over long lists uses a second core when there is one. Reports each decoded list's share
   * of all links, as a percentage of {@code share}, to {@code progress}.
   */
  static IntArrayList[] read(
      Release release, int[] vertices, IntConsumer progress, int share, long parallelFrom) {
    int k = vertices.length;
    IntArrayList[] lists = new IntArrayList[k];
    PredecessorReader reader = release.predecessorReader();
    long[] degree = new long[k];
    long total = 0;
    for (int i = 0; i < k; i++) {
      lists[i] = new IntArrayList();
      degree[i] = vertices[i] < 0 ? 0 : reader.outdegree(vertices[i]);
      total += degree[i];
    }
    boolean parallel =
        total >= parallelFrom && Runtime.getRuntime().availableProcessors() > 1 && k > 1;
    if (!parallel) {
      long done = 0;
      for (int i = 0; i < k; i++) {
        if (vertices[i] >= 0) {
          reader.read(vertices[i], lists[i]);
        }
        done += degree[i];
        progress.accept((int) (done * share / Math.max(1, total)));
      }
      return lists;
    }
    // Longest processing time first: each list goes to the side with less work so far.
    boolean[] mine = new boolean[k];
    long here = 0;
    long there = 0;
    Integer[] order = new Integer[k];
    for (int i = 0; i < k; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Long.compare(degree[b], degree[a]));
    for (int i : order) {
      if (here <= there) {
        mine[i] = true;
        here += degree[i];
      } else {
        there += degree[i];
      }
    }
    // The common pool: on two cores it has one thread, which is the second core's share.
    ForkJoinTask<?> other =
        ForkJoinPool.commonPool()
            .submit(
                () -> {
                  PredecessorReader second = release.predecessorReader();
                  for (int i = 0; i < k; i++) {
                    if (!mine[i] && vertices[i] >= 0) {
                      second.read(vertices[i], lists[i]);
                    }
                  }
                });
    long done = 0;
    for (int i = 0; i < k; i++) {
      if (mine[i] && vertices[i] >= 0) {
        reader.read(vertices[i], lists[i]);
        done += degree[i];
        progress.accept((int) (done * share / Math.max(1, total)));
      }
    }
    other.join();
    progress.accept(share);
    return lists;
  }

  /**
   * Visits, in id order, every vertex in some {@code lists[i]} but not in {@code excluded}, with
   * the set of lists it is in. Reports the percentage of list entries consumed to {@code progress}.
   */
  static void unionMinus(
      IntArrayList[] lists, IntArrayList excluded, Visitor visitor, IntConsumer progress) {
    int k = lists.length;
    int[][] heads = new int[k][];
    int[] sizes = new int[k];
    int[] at = new int[k];
    long total = 0;
    for (int i = 0; i < k; i++) {
      heads[i] = lists[i].elements();
      sizes[i] = lists[i].size();
      total += sizes[i];
    }
    int[] ex = excluded.elements();
    int exSize = excluded.size();
    long consumed = 0;
    long nextReport = Math.max(1, total / 20);
    int e = 0;
    while (true) {
      int min = Integer.MAX_VALUE;
      for (int i = 0; i < k; i++) {
        if (at[i] < sizes[i] && heads[i][at[i]] < min) {
          min = heads[i][at[i]];
        }
      }
      if (min == Integer.MAX_VALUE) {
        break;
      }
      int mask = 0;
      for (int i = 0; i < k; i++) {
        if (at[i] < sizes[i] && heads[i][at[i]] == min) {
          mask |= 1 << i;
          at[i]++;
          consumed++;
        }
      }
      while (e < exSize && ex[e] < min) {
        e++;
      }
      boolean isExcluded = e < exSize && ex[e] == min;
      if (!isExcluded && !visitor.visit(min, mask)) {
        return;
      }
      if (consumed >= nextReport) {
        progress.accept((int) (consumed * 100 / total));
        nextReport += Math.max(1, total / 20);
      }
    }
  }

  /**
   * Gap analysis's merge: the first {@code maxListed} vertices of (∪ lists) \ excluded \ {self}, in
   * id order with their masks, into {@code listed}, and how many there are in all. Past the listed
   * ones only the count is needed: a bit set over the remaining id range counts the union's rest in
   * one pass per list, a few times cheaper per link than the k-way merge. The set holds at most one
   * bit per vertex of the release (15 MB at Common Crawl's 121M domains) and only for the job.
   */
  static long gaps(
      IntArrayList[] lists, IntArrayList excluded, int self, int maxListed, IntArrayList listed) {
    int k = lists.length;
    int[][] heads = new int[k][];
    int[] sizes = new int[k];
    int[] at = new int[k];
    for (int i = 0; i < k; i++) {
      heads[i] = lists[i].elements();
      sizes[i] = lists[i].size();
    }
    int[] ex = excluded.elements();
    int exSize = excluded.size();
    int e = 0;
    long count = 0;
    while (count < maxListed) {
      int min = Integer.MAX_VALUE;
      for (int i = 0; i < k; i++) {
        if (at[i] < sizes[i] && heads[i][at[i]] < min) {
          min = heads[i][at[i]];
        }
      }
      if (min == Integer.MAX_VALUE) {
        return count;
      }
      int mask = 0;
      for (int i = 0; i < k; i++) {
        if (at[i] < sizes[i] && heads[i][at[i]] == min) {
          mask |= 1 << i;
          at[i]++;
        }
      }
      while (e < exSize && ex[e] < min) {
        e++;
      }
      if ((e < exSize && ex[e] == min) || min == self) {
        continue;
      }
      listed.add(min);
      listed.add(mask);
      count++;
    }
    // The rest: every remaining entry is at least `from`.
    int from = Integer.MAX_VALUE;
    int to = -1;
    for (int i = 0; i < k; i++) {
      if (at[i] < sizes[i]) {
        from = Math.min(from, heads[i][at[i]]);
        to = Math.max(to, heads[i][sizes[i] - 1]);
      }
    }
    if (to < 0) {
      return count;
    }
    long[] bits = new long[((to - from) >>> 6) + 1];
    for (int i = 0; i < k; i++) {
      int[] list = heads[i];
      for (int j = at[i], n = sizes[i]; j < n; j++) {
        int offset = list[j] - from;
        bits[offset >>> 6] |= 1L << offset;
      }
    }
    for (; e < exSize && ex[e] <= to; e++) {
      if (ex[e] >= from) {
        int offset = ex[e] - from;
        bits[offset >>> 6] &= ~(1L << offset);
      }
    }
    if (self >= from && self <= to) {
      int offset = self - from;
      bits[offset >>> 6] &= ~(1L << offset);
    }
    for (long word : bits) {
      count += Long.bitCount(word);
    }
    return count;
  }
}
