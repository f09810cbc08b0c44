package dev.orbweaver.graph.ingest;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Objects;

/**
 * What to ingest: the release's id, label and publication date, its vertices and ranks files, and
 * its links either as the edges file or as Common Crawl's published transposed BVGraph (the faster
 * path: no text to parse).
 *
 * @param edges the edges file, or null when {@code transposeGraph} is given
 * @param transposeGraph basename of {@code …-domain-t} ({@code .graph} and {@code .properties}), or
 *     null
 * @param batchPairs how many links to sort in memory at a time while relabelling
 */
public record IngestRequest(
    String releaseId,
    String label,
    LocalDate releaseDate,
    InputSource vertices,
    InputSource ranks,
    InputSource edges,
    Path transposeGraph,
    Compression compression,
    int batchPairs) {

  public IngestRequest {
    Objects.requireNonNull(releaseId, "releaseId");
    Objects.requireNonNull(vertices, "vertices");
    Objects.requireNonNull(ranks, "ranks");
    Objects.requireNonNull(releaseDate, "releaseDate");
    if ((edges == null) == (transposeGraph == null)) {
      throw new IllegalArgumentException("give either the edges file or the transposed graph");
    }
    if (label == null || label.isBlank()) {
      label = releaseId;
    }
    if (batchPairs < 1024) {
      throw new IllegalArgumentException("batchPairs must be at least 1024");
    }
  }

  /** How many links to sort at once by default: a sixth of the heap, as two int arrays. */
  public static int defaultBatchPairs() {
    long budget = Runtime.getRuntime().maxMemory() / 6 / 8;
    return (int) Math.max(1 << 20, Math.min(1 << 28, budget));
  }

  /**
   * BVGraph's knobs: window for reference compression, longest reference chain, shortest interval
   * and the ζ code's k for residuals. WebGraph's defaults are 7, 3, 4, 3.
   */
  public record Compression(int windowSize, int maxRefCount, int minIntervalLength, int zetaK) {
    public static final Compression DEFAULT = new Compression(7, 3, 4, 3);

    /**
     * What the store uses, measured on generated releases: ζ4 suits the small gaps of
     * authority-ordered lists (2.5% smaller than ζ3), and one level of references keeps top-k reads
     * short at almost no cost in size (+0.2% against 3 levels, whose chains made p99 7× slower).
     */
    public static final Compression STORE = new Compression(7, 1, 4, 4);
  }
}
