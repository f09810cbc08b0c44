package dev.orbweaver.graph.query;

import dev.orbweaver.graph.store.Release;
import it.unimi.dsi.fastutil.ints.IntArrayList;
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
   * @param progress receives 0–100: decoding the lists is most of the work
   */
  public static Result run(
      Release release, int myDomain, int[] competitors, int maxListed, IntConsumer progress) {
    return run(release, myDomain, competitors, maxListed, progress, LinkSets.PARALLEL_FROM);
  }

  /** {@link #run} with lists split between two threads from {@code parallelFrom} links on. */
  static Result run(
      Release release,
      int myDomain,
      int[] competitors,
      int maxListed,
      IntConsumer progress,
      long parallelFrom) {
    int k = competitors.length;
    int[] vertices = new int[k + 1];
    System.arraycopy(competitors, 0, vertices, 0, k);
    vertices[k] = myDomain;
    IntArrayList[] read = LinkSets.read(release, vertices, progress, 90, parallelFrom);
    IntArrayList[] lists = new IntArrayList[k];
    System.arraycopy(read, 0, lists, 0, k);
    IntArrayList listed = new IntArrayList(2 * Math.min(maxListed, 1024));
    long total = LinkSets.gaps(lists, read[k], myDomain, maxListed, listed);
    List<Gap> gaps = new ArrayList<>(listed.size() / 2);
    for (int i = 0; i < listed.size(); i += 2) {
      gaps.add(new Gap(listed.getInt(i), listed.getInt(i + 1)));
    }
    progress.accept(100);
    return new Result(total, gaps);
  }

  /** A linking domain and the competitors (bit i = competitor i) it links to. */
  public record Gap(int vertex, int competitors) {}

  public record Result(long total, List<Gap> gaps) {}
}
