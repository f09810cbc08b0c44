package dev.orbweaver.graph.ingest;

import it.unimi.dsi.fastutil.objects.ObjectArrayList;
import it.unimi.dsi.webgraph.BVGraph;
import it.unimi.dsi.webgraph.ImmutableGraph;
import it.unimi.dsi.webgraph.ImmutableSequentialGraph;
import it.unimi.dsi.webgraph.LazyIntIterator;
import it.unimi.dsi.webgraph.NodeIterator;
import it.unimi.dsi.webgraph.Transform;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Turns links given in any order into predecessor lists stored as a BVGraph, relabelling both ends
 * on the way. Links are collected in batches, each sorted and spilled to disk by WebGraph's {@link
 * Transform#processBatch}; WebGraph's batch graph merges them (dropping duplicates) into the
 * sequential graph that {@link BVGraph#store} compresses. Memory is two int arrays of the batch
 * size, whatever the size of the graph.
 */
public final class PredecessorListWriter implements AutoCloseable {
  private final int vertices;
  private final int[] relabel;
  private final Path spill;
  private final int[] targets;
  private final int[] sources;
  private final ObjectArrayList<File> batches = new ObjectArrayList<>();
  private int filled;
  private long pairs;
  private long links;

  /**
   * @param relabel new id of each original id, or null to keep the original labelling
   * @param spill an empty directory for the sorted batches (deleted on {@link #close})
   */
  public PredecessorListWriter(int vertices, int[] relabel, Path spill, int batchPairs)
      throws IOException {
    this.vertices = vertices;
    this.relabel = relabel;
    this.spill = Files.createDirectories(spill);
    int size = (int) Math.min(batchPairs, Math.max(1024L, (long) vertices * 64));
    this.targets = new int[size];
    this.sources = new int[size];
  }

  /** Records that {@code from} links to {@code to} (original ids, both checked by the caller). */
  public void link(int from, int to) throws IOException {
    if (filled == targets.length) {
      flush();
    }
    targets[filled] = relabel == null ? to : relabel[to];
    sources[filled] = relabel == null ? from : relabel[from];
    filled++;
    links++;
  }

  /** Links recorded, duplicates included. */
  public long links() {
    return links;
  }

  private void flush() throws IOException {
    if (filled > 0) {
      pairs += Transform.processBatch(filled, targets, sources, spill.toFile(), batches);
      filled = 0;
    }
  }

  /**
   * Compresses the predecessor lists to {@code basename}{@code .graph/.offsets/.properties}.
   *
   * @return the number of distinct links stored
   */
  public long store(Path basename, IngestRequest.Compression compression, Progress progress)
      throws IOException {
    flush();
    ImmutableGraph merged = new Transform.BatchGraph(vertices, pairs, batches);
    progress.phase("compress", vertices, "vertices");
    BVGraph.store(
        new Reporting(merged, progress),
        basename.toString(),
        compression.windowSize(),
        compression.maxRefCount(),
        compression.minIntervalLength(),
        compression.zetaK(),
        0,
        1,
        null);
    Properties properties = new Properties();
    try (InputStream in = Files.newInputStream(Path.of(basename + ".properties"))) {
      properties.load(in);
    }
    long arcs = Long.parseLong(properties.getProperty("arcs"));
    progress.finish(String.format("%,d predecessor links", arcs));
    return arcs;
  }

  @Override
  public void close() throws IOException {
    for (File batch : batches) {
      Files.deleteIfExists(batch.toPath());
    }
    batches.clear();
    try (var left = Files.list(spill)) {
      for (Path p : left.toList()) {
        Files.deleteIfExists(p);
      }
    }
    Files.deleteIfExists(spill);
  }

  /** Passes a sequential graph through, reporting every 64K vertices. */
  private static final class Reporting extends ImmutableSequentialGraph {
    private final ImmutableGraph graph;
    private final Progress progress;

    Reporting(ImmutableGraph graph, Progress progress) {
      this.graph = graph;
      this.progress = progress;
    }

    @Override
    public int numNodes() {
      return graph.numNodes();
    }

    @Override
    public long numArcs() {
      return graph.numArcs();
    }

    @Override
    public NodeIterator nodeIterator() {
      NodeIterator inner = graph.nodeIterator();
      return new NodeIterator() {
        private long done;

        @Override
        public boolean hasNext() {
          return inner.hasNext();
        }

        @Override
        public int nextInt() {
          if ((++done & 0xffff) == 0) {
            progress.update(done, 0);
          }
          return inner.nextInt();
        }

        @Override
        public int outdegree() {
          return inner.outdegree();
        }

        @Override
        public int[] successorArray() {
          return inner.successorArray();
        }

        @Override
        public LazyIntIterator successors() {
          return inner.successors();
        }
      };
    }
  }
}
