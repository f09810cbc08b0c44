package dev.orbweaver.graph.query;

import dev.orbweaver.graph.store.Release;
import it.unimi.dsi.webgraph.ImmutableGraph;
import it.unimi.dsi.webgraph.LazyIntIterator;
import it.unimi.dsi.webgraph.LazyIntIterators;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Who links to a domain. In authority order the answer is the first {@code limit} ids of the
 * predecessor list. In hosts order the list is read whole and cut at its authority runs (each run
 * is already sorted by hosts), and the runs are merged.
 */
public final class Backlinks {
  private Backlinks() {}

  /** The linking domains of {@code vertex}, at most {@code limit}, and how many there are. */
  public static Page top(Release release, int vertex, int limit, BacklinkOrder order) {
    ImmutableGraph graph = release.linkGraph();
    int total = graph.outdegree(vertex);
    int[] ids =
        order == BacklinkOrder.AUTHORITY
            ? first(graph.successors(vertex), Math.min(limit, total))
            : byHosts(release, graph, vertex, total, limit);
    return new Page(total, LinkingDomain.all(release, ids));
  }

  private static int[] first(LazyIntIterator successors, int count) {
    int[] out = new int[count];
    for (int i = 0; i < count; i++) {
      out[i] = successors.nextInt();
    }
    return out;
  }

  private static int[] byHosts(
      Release release, ImmutableGraph graph, int vertex, int total, int limit) {
    int[] all = new int[total];
    LazyIntIterators.unwrap(graph.successors(vertex), all);
    int[] runs = release.authorityRunStarts();
    // One cursor per authority run inside the list: [start, end) positions in `all`.
    record Cursor(int[] at, int end) {}
    PriorityQueue<Cursor> heads =
        new PriorityQueue<>(
            (a, b) -> {
              int va = all[a.at[0]];
              int vb = all[b.at[0]];
              int c = Integer.compare(release.numHosts(vb), release.numHosts(va));
              return c != 0 ? c : Integer.compare(va, vb);
            });
    int from = 0;
    for (int k = 0; k + 1 < runs.length && from < total; k++) {
      int to = lowerBound(all, from, total, runs[k + 1]);
      if (to > from) {
        heads.add(new Cursor(new int[] {from}, to));
      }
      from = to;
    }
    int count = Math.min(limit, total);
    int[] out = new int[count];
    for (int i = 0; i < count; i++) {
      Cursor head = heads.poll();
      out[i] = all[head.at[0]++];
      if (head.at[0] < head.end) {
        heads.add(head);
      }
    }
    return out;
  }

  private static int lowerBound(int[] sorted, int from, int to, int key) {
    int at = Arrays.binarySearch(sorted, from, to, key);
    return at >= 0 ? at : -at - 1;
  }

  /** One answer: the in-degree and the first results. */
  public record Page(int total, List<LinkingDomain> results) {}
}
