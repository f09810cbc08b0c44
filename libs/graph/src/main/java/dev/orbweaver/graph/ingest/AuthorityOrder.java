package dev.orbweaver.graph.ingest;

import dev.orbweaver.graph.domain.Authority;
import it.unimi.dsi.fastutil.ints.IntArrays;

/**
 * The store's labelling: vertices sorted by {@code cg_authority} descending (unranked last), then
 * {@code num_hosts} descending, then harmonic-centrality position, then original id. A predecessor
 * list read in id order is then already in the API's default order, so top-k is reading k ids.
 *
 * @param originalOf the original id of each store id
 * @param storeIdOf the store id of each original id
 */
public record AuthorityOrder(int[] originalOf, int[] storeIdOf) {

  public static AuthorityOrder of(int[] numHosts, int[] harmonicPosition, int lastPosition) {
    int n = numHosts.length;
    byte[] authority = new byte[n];
    for (int v = 0; v < n; v++) {
      authority[v] = (byte) Authority.of(harmonicPosition[v], lastPosition);
    }
    int[] order = new int[n];
    for (int v = 0; v < n; v++) {
      order[v] = v;
    }
    IntArrays.parallelQuickSort(
        order,
        (a, b) -> {
          int c = Integer.compare(authority[b], authority[a]);
          if (c != 0) {
            return c;
          }
          c = Integer.compare(numHosts[b], numHosts[a]);
          if (c != 0) {
            return c;
          }
          int pa = harmonicPosition[a] == 0 ? Integer.MAX_VALUE : harmonicPosition[a];
          int pb = harmonicPosition[b] == 0 ? Integer.MAX_VALUE : harmonicPosition[b];
          c = Integer.compare(pa, pb);
          return c != 0 ? c : Integer.compare(a, b);
        });
    int[] storeIdOf = new int[n];
    for (int i = 0; i < n; i++) {
      storeIdOf[order[i]] = i;
    }
    return new AuthorityOrder(order, storeIdOf);
  }
}
