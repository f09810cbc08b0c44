package dev.orbweaver.graph.query;

import dev.orbweaver.graph.store.Release;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The warm-outreach list: domains that link to at least {@code minOverlap} of the competitors but
 * not to my domain, minus denied ones (platforms, CDNs, hosting, social networks), ranked by
 * authority.
 */
public final class OutreachTargets {
  private OutreachTargets() {}

  /**
   * @param denied store ids never to propose
   */
  public static Result run(
      Release release, int myDomain, int[] competitors, int minOverlap, BitSet denied, int limit) {
    int k = competitors.length;
    int[] vertices = new int[k + 1];
    System.arraycopy(competitors, 0, vertices, 0, k);
    vertices[k] = myDomain;
    IntArrayList[] read = LinkSets.read(release, vertices, pct -> {}, 100, LinkSets.PARALLEL_FROM);
    IntArrayList[] lists = new IntArrayList[k];
    System.arraycopy(read, 0, lists, 0, k);
    IntArrayList mine = read[k];
    List<GapAnalysis.Gap> targets = new ArrayList<>(Math.min(limit, 1024));
    long[] total = new long[1];
    LinkSets.unionMinus(
        lists,
        mine,
        (vertex, mask) -> {
          if (Integer.bitCount(mask) >= minOverlap && vertex != myDomain && !denied.get(vertex)) {
            total[0]++;
            if (targets.size() < limit) {
              targets.add(new GapAnalysis.Gap(vertex, mask));
            }
          }
          return true;
        },
        pct -> {});
    return new Result(total[0], targets);
  }

  public record Result(long total, List<GapAnalysis.Gap> targets) {}
}
