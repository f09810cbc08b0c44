package dev.orbweaver.graph.store;

import dev.orbweaver.graph.domain.Authority;
import dev.orbweaver.graph.domain.DomainName;
import it.unimi.dsi.webgraph.BVGraph;
import it.unimi.dsi.webgraph.ImmutableGraph;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * One committed release, opened for queries: the predecessor lists (the transposed graph in BVGraph
 * format, memory-mapped, vertices in authority order), the names and the per-vertex facts. Safe for
 * concurrent readers: each query takes its own {@link #linkGraph()} view.
 */
public final class Release {
  /** From this many names on, {@link #domains} splits the work between two threads. */
  static final int PARALLEL_NAMES = 2048;

  /**
   * How many of the most authoritative domains keep their names on the heap once asked for: they
   * head every predecessor list, so top-k answers and gap results are mostly theirs, and a name
   * from the mapped table costs about 0.2 µs. At most about 16 MB of heap per release.
   */
  static final int HOT_NAMES = 1 << 18;

  private final Path dir;
  private final ReleaseManifest manifest;
  private final BVGraph graph;
  private final NameTable names;
  private final VertexTable vertices;
  private final PredecessorReader.Source lists;
  private final int[] authorityRuns;

  /** Names of store ids below {@link #HOT_NAMES}, filled as they are looked up (racy, benign). */
  private final String[] hot;

  private Release(
      Path dir,
      ReleaseManifest manifest,
      BVGraph graph,
      PredecessorReader.Source lists,
      NameTable names,
      VertexTable vertices) {
    this.dir = dir;
    this.manifest = manifest;
    this.graph = graph;
    this.lists = lists;
    this.names = names;
    this.hot = new String[(int) Math.min(HOT_NAMES, names.size())];
    this.vertices = vertices;
    this.authorityRuns = authorityRuns();
  }

  /**
   * Store ids are sorted by authority, so each authority value (100 down to 0, then none) owns one
   * run of ids; entry {@code k} is where the run of authority {@code 100 - k} starts (entry 101:
   * unranked, entry 102: the end).
   */
  private int[] authorityRuns() {
    int n = manifest.vertices();
    int[] runs = new int[103];
    for (int k = 0; k <= 101; k++) {
      int floor = k == 101 ? Authority.NONE : 100 - k;
      // The first id whose authority is at most `floor`.
      int lo = 0;
      int hi = n;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (authority(mid) > floor) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      runs[k] = lo;
    }
    runs[102] = n;
    return runs;
  }

  /** See {@link #authorityRuns()}: {@code [runs[k], runs[k+1])} holds authority {@code 100 - k}. */
  public int[] authorityRunStarts() {
    return authorityRuns.clone();
  }

  /** Opens a committed release directory, refusing one whose files do not match its manifest. */
  public static Release open(Path dir) throws IOException {
    ReleaseManifest manifest = ReleaseManifest.read(dir.resolve(StoreLayout.MANIFEST));
    if (manifest.format() != ReleaseManifest.FORMAT) {
      throw new IOException(dir + " has store format " + manifest.format() + ", not 1");
    }
    for (Map.Entry<String, Long> file : manifest.files().entrySet()) {
      Path path = dir.resolve(file.getKey());
      if (!Files.isRegularFile(path) || Files.size(path) != file.getValue()) {
        throw new IOException(path + " is missing or not the size its manifest records");
      }
    }
    NameTable names = NameTable.open(dir.resolve(StoreLayout.NAMES));
    VertexTable vertices =
        VertexTable.open(
            dir.resolve(StoreLayout.VERTICES),
            dir.resolve(StoreLayout.STORE_IDS),
            manifest.vertices());
    Path basename = dir.resolve(StoreLayout.GRAPH);
    BVGraph graph = BVGraph.loadMapped(basename.toString());
    if (graph.numNodes() != manifest.vertices() || names.size() != manifest.vertices()) {
      throw new IOException(dir + " holds a graph or names of the wrong size");
    }
    return new Release(
        dir, manifest, graph, PredecessorReader.Source.of(graph, basename), names, vertices);
  }

  public Path dir() {
    return dir;
  }

  public ReleaseManifest manifest() {
    return manifest;
  }

  public String id() {
    return manifest.releaseId();
  }

  public int vertexCount() {
    return manifest.vertices();
  }

  /** A private view of the predecessor lists: BVGraph readers keep a cursor, so one per query. */
  public ImmutableGraph linkGraph() {
    return graph.copy();
  }

  /**
   * A private reader of whole predecessor lists into int arrays, several times cheaper per link
   * than {@link #linkGraph()}'s iterators: for queries that read every link of a list.
   */
  public PredecessorReader predecessorReader() {
    return PredecessorReader.of(lists, graph);
  }

  /** The store id of a domain, if the release has it. */
  public OptionalInt vertexOf(DomainName domain) {
    long original = names.find(domain.reversedBytes());
    return original < 0 ? OptionalInt.empty() : OptionalInt.of(vertices.storeId(original));
  }

  /** The domain of a store id, written forwards ({@code example.com}). */
  public String domain(int vertex) {
    String known = vertex < hot.length ? hot[vertex] : null;
    if (known != null) {
      return known;
    }
    String domain = DomainName.flip(names.get(vertices.originalId(vertex)));
    if (vertex < hot.length) {
      hot[vertex] = domain;
    }
    return domain;
  }

  /**
   * {@link #domain} of many store ids, batched to overlap their memory accesses. A gap result's
   * thousands of names are most of a typical gap job's time, so from {@link #PARALLEL_NAMES} on the
   * second half is looked up on a pool thread.
   */
  public String[] domains(int[] vertices) {
    String[] out = new String[vertices.length];
    if (vertices.length < PARALLEL_NAMES || Runtime.getRuntime().availableProcessors() < 2) {
      domains(vertices, 0, vertices.length, out);
      return out;
    }
    int half = vertices.length / 2;
    ForkJoinTask<?> second =
        ForkJoinPool.commonPool().submit(() -> domains(vertices, half, vertices.length, out));
    domains(vertices, 0, half, out);
    second.join();
    return out;
  }

  private void domains(int[] vertices, int from, int to, String[] out) {
    int[] missing = new int[to - from];
    int misses = 0;
    for (int i = from; i < to; i++) {
      int vertex = vertices[i];
      String known = vertex < hot.length ? hot[vertex] : null;
      if (known != null) {
        out[i] = known;
      } else {
        missing[misses++] = i;
      }
    }
    if (misses == 0) {
      return;
    }
    long[] original = new long[misses];
    for (int m = 0; m < misses; m++) {
      original[m] = this.vertices.originalId(vertices[missing[m]]);
    }
    byte[][] reversed = names.getAll(original);
    for (int m = 0; m < misses; m++) {
      int i = missing[m];
      out[i] = DomainName.flip(reversed[m]);
      if (vertices[i] < hot.length) {
        hot[vertices[i]] = out[i];
      }
    }
  }

  /** The Common Crawl name of a store id, reversed ({@code com.example}). */
  public byte[] reversedName(int vertex) {
    return names.get(vertices.originalId(vertex));
  }

  public int numHosts(int vertex) {
    return vertices.numHosts(vertex);
  }

  /** {@code cg_authority}, or {@link Authority#NONE}. */
  public int authority(int vertex) {
    return Authority.of(vertices.harmonicPosition(vertex), manifest.lastHarmonicPosition());
  }

  /** {@code cg_rank} (PageRank position), or 0 when unranked. */
  public int pageRankPosition(int vertex) {
    return vertices.pageRankPosition(vertex);
  }

  public int originalId(int vertex) {
    return vertices.originalId(vertex);
  }

  public NameTable names() {
    return names;
  }

  public VertexTable vertices() {
    return vertices;
  }

  @Override
  public String toString() {
    return "release " + id() + " (" + dir + ")";
  }
}
