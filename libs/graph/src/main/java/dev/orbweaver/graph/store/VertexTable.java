package dev.orbweaver.graph.store;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Per-vertex facts in the store's (authority) order, memory-mapped: the vertex's original Common
 * Crawl id (which indexes the name table), {@code num_hosts}, and its harmonic-centrality and
 * PageRank positions (0 where the ranks file lacks it). A second file maps original ids back to
 * store ids, so that a name found in the name table leads to its predecessor list.
 */
public final class VertexTable {
  /** Bytes per vertex in {@value StoreLayout#VERTICES}. */
  public static final int RECORD = 16;

  private final MappedFile records;
  private final MappedFile storeIds;
  private final int count;

  private VertexTable(MappedFile records, MappedFile storeIds, int count) {
    this.records = records;
    this.storeIds = storeIds;
    this.count = count;
  }

  public static VertexTable open(Path vertices, Path storeIds, int count) throws IOException {
    MappedFile records = MappedFile.map(vertices, 0);
    MappedFile ids = MappedFile.map(storeIds, 0);
    if (records.size() != (long) count * RECORD || ids.size() != (long) count * 4) {
      throw new IOException("vertex files of " + vertices.getParent() + " do not hold " + count);
    }
    return new VertexTable(records, ids, count);
  }

  public int size() {
    return count;
  }

  public int originalId(int vertex) {
    return records.getInt((long) vertex * RECORD);
  }

  public int numHosts(int vertex) {
    return records.getInt((long) vertex * RECORD + 4);
  }

  /** 1-based harmonic-centrality position, 0 when unranked. */
  public int harmonicPosition(int vertex) {
    return records.getInt((long) vertex * RECORD + 8);
  }

  /** 1-based PageRank position, 0 when unranked. */
  public int pageRankPosition(int vertex) {
    return records.getInt((long) vertex * RECORD + 12);
  }

  /** The store id of an original id. */
  public int storeId(long originalId) {
    return storeIds.getInt(originalId * 4);
  }

  /** Writes both files: records in store order, then the original-to-store map. */
  public static void write(
      Path vertices,
      Path storeIdsFile,
      int[] originalOf,
      int[] storeIdOf,
      int[] numHosts,
      int[] harmonicPosition,
      int[] pageRankPosition)
      throws IOException {
    try (DataOutputStream out =
        new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(vertices), 1 << 16))) {
      for (int v = 0; v < originalOf.length; v++) {
        int original = originalOf[v];
        out.writeInt(original);
        out.writeInt(numHosts[original]);
        out.writeInt(harmonicPosition[original]);
        out.writeInt(pageRankPosition[original]);
      }
    }
    try (DataOutputStream out =
        new DataOutputStream(
            new BufferedOutputStream(Files.newOutputStream(storeIdsFile), 1 << 16))) {
      for (int id : storeIdOf) {
        out.writeInt(id);
      }
    }
  }
}
