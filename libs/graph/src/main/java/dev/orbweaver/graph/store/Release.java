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
  /** From this many domains on, {@link #list} splits the work between two threads. */
  static final int PARALLEL_NAMES = 2048;

  private final Path dir;
  private final ReleaseManifest manifest;
  private final BVGraph graph;
  private final NameTable names;

  /**
   * Null in a store written before listings existed: answers then read {@link #names} and {@link
   * #vertices}.
   */
  private final DomainListing listing;

  private final VertexTable vertices;
  private final PredecessorReader.Source lists;
  private final int[] authorityRuns;

  private Release(
      Path dir,
      ReleaseManifest manifest,
      BVGraph graph,
      PredecessorReader.Source lists,
      NameTable names,
      DomainListing listing,
      VertexTable vertices) {
    this.dir = dir;
    this.manifest = manifest;
    this.graph = graph;
    this.lists = lists;
    this.names = names;
    this.listing = listing;
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
    Path listingFile = dir.resolve(StoreLayout.LISTING);
    DomainListing listing =
        manifest.files().containsKey(StoreLayout.LISTING) ? DomainListing.open(listingFile) : null;
    if (listing != null && listing.size() != manifest.vertices()) {
      throw new IOException(listingFile + " lists the wrong number of domains");
    }
    return new Release(
        dir,
        manifest,
        graph,
        PredecessorReader.Source.of(graph, basename),
        names,
        listing,
        vertices);
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
    return listing != null
        ? listing.name(vertex)
        : DomainName.flip(names.get(vertices.originalId(vertex)));
  }

  /** {@link #domain} of many store ids: {@link #list}'s names. */
  public String[] domains(int[] vertices) {
    return list(vertices).names();
  }

  /**
   * What answers list about many store ids, batched to overlap their memory accesses. A gap
   * result's thousands of names are most of a typical gap job's time, so from {@link
   * #PARALLEL_NAMES} on the second half is looked up on a pool thread.
   */
  public Listed list(int[] vertices) {
    int n = vertices.length;
    Listed out = new Listed(new String[n], new int[n], new int[n]);
    if (n < PARALLEL_NAMES || Runtime.getRuntime().availableProcessors() < 2) {
      list(vertices, 0, n, out);
      return out;
    }
    int half = n / 2;
    ForkJoinTask<?> second = ForkJoinPool.commonPool().submit(() -> list(vertices, half, n, out));
    list(vertices, 0, half, out);
    second.join();
    return out;
  }

  private void list(int[] ids, int from, int to, Listed out) {
    if (listing != null) {
      listing.getAll(ids, from, to, out.names(), out.numHosts(), out.pageRankPositions());
      return;
    }
    long[] original = new long[to - from];
    for (int i = from; i < to; i++) {
      original[i - from] = vertices.originalId(ids[i]);
      out.numHosts()[i] = vertices.numHosts(ids[i]);
      out.pageRankPositions()[i] = vertices.pageRankPosition(ids[i]);
    }
    byte[][] reversed = names.getAll(original);
    for (int i = from; i < to; i++) {
      out.names()[i] = DomainName.flip(reversed[i - from]);
    }
  }

  /**
   * {@link #list}'s answer, by the position of each store id asked about.
   *
   * @param pageRankPositions 0 where unranked
   */
  public record Listed(String[] names, int[] numHosts, int[] pageRankPositions) {}

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

  /**
   * {@link #authority} of many store ids. Ids given in ascending order, as predecessor lists and
   * gap results are, walk the authority runs instead of computing two logarithms each.
   */
  public int[] authorities(int[] vertices) {
    int[] out = new int[vertices.length];
    int k = 0;
    for (int i = 0; i < vertices.length; i++) {
      int vertex = vertices[i];
      if (vertex < 0 || vertex >= manifest.vertices()) {
        throw new IndexOutOfBoundsException(vertex);
      }
      if (vertex < authorityRuns[k]) {
        k = 0;
      }
      while (vertex >= authorityRuns[k + 1]) {
        k++;
      }
      out[i] = k <= 100 ? 100 - k : Authority.NONE;
    }
    return out;
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
