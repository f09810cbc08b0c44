package dev.orbweaver.graph.query;

import dev.orbweaver.graph.store.Release;
import it.unimi.dsi.webgraph.ImmutableGraph;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Domains that link to at least one competitor but not to my domain (and are not my domain), ranked
 * by authority, each with the competitors it links to.
 */
public final class GapAnalysis {
  private GapAnalysis() {}

  /**
   * @param myDomain store id of my domain, -1 when the release lacks it
   * @param competitors store ids, -1 for a competitor the release lacks
   * @param maxListed how many gaps to list; all are counted
   * @param progress receives 0–100 as the merge advances
   */
  public static Result run(
      Release release, int myDomain, int[] competitors, int maxListed, IntConsumer progress) {
    ImmutableGraph graph = release.linkGraph();
    int[][] lists = new int[competitors.length][];
    for (int i = 0; i < competitors.length; i++) {
      lists[i] = LinkSets.list(graph, competitors[i]);
    }
    int[] mine = LinkSets.list(graph, myDomain);
    List<Gap> gaps = new ArrayList<>(Math.min(maxListed, 1024));
    long[] total = new long[1];
    LinkSets.unionMinus(
        lists,
        mine,
        (vertex, mask) -> {
          if (vertex != myDomain) {
            total[0]++;
            if (gaps.size() < maxListed) {
              gaps.add(new Gap(vertex, mask));
            }
          }
          return true;
        },
        progress);
    return new Result(total[0], gaps);
  }

  /** A linking domain and the competitors (bit i = competitor i) it links to. */
  public record Gap(int vertex, int competitors) {}

  public record Result(long total, List<Gap> gaps) {}
}
