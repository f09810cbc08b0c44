package dev.orbweaver.graph.ingest;

import dev.orbweaver.graph.domain.DomainName;
import dev.orbweaver.graph.store.DomainListing;
import dev.orbweaver.graph.store.NameTable;
import dev.orbweaver.graph.store.ReleaseManifest;
import dev.orbweaver.graph.store.ReleaseStore;
import dev.orbweaver.graph.store.StoreLayout;
import dev.orbweaver.graph.store.VertexTable;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.webgraph.BVGraph;
import it.unimi.dsi.webgraph.ImmutableGraph;
import it.unimi.dsi.webgraph.NodeIterator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Converts a Common Crawl domain-graph release into a release store: names and {@code num_hosts}
 * from the vertices file, positions from the ranks file, the authority labelling, then the links
 * relabelled, transposed and compressed. Everything is written into a pending directory that
 * becomes visible in one rename once complete; any failure leaves nothing behind.
 */
public final class ReleaseIngest {
  // 8 names per front-coded block: a name costs at most 7 decodes (about 0.5 µs), for 3% more bytes
  // than 16.
  private static final int NAME_BLOCK = 8;

  private final ReleaseStore store;
  private final Progress progress;
  private final Clock clock;

  public ReleaseIngest(ReleaseStore store, Progress progress, Clock clock) {
    this.store = store;
    this.progress = progress;
    this.clock = clock;
  }

  /** Ingests and commits a release, or throws and leaves the store as it was. */
  public ReleaseManifest ingest(IngestRequest request) throws IOException {
    try (ReleaseStore.PendingRelease pending = store.begin(request.releaseId())) {
      int[] numHosts = readVertices(request.vertices(), pending.file(StoreLayout.NAMES));
      int n = numHosts.length;
      NameTable names = NameTable.open(pending.file(StoreLayout.NAMES));
      int[] harmonic = new int[n];
      int[] pageRank = new int[n];
      RanksSummary ranks = readRanks(request.ranks(), names, harmonic, pageRank);

      progress.phase("relabel", n, "vertices");
      AuthorityOrder order = AuthorityOrder.of(numHosts, harmonic, ranks.lastPosition());
      VertexTable.write(
          pending.file(StoreLayout.VERTICES),
          pending.file(StoreLayout.STORE_IDS),
          order.originalOf(),
          order.storeIdOf(),
          numHosts,
          harmonic,
          pageRank);
      progress.finish(String.format("%,d vertices in authority order", n));
      writeListing(
          names, order.originalOf(), numHosts, pageRank, pending.file(StoreLayout.LISTING));

      long edges;
      try (PredecessorListWriter writer =
          new PredecessorListWriter(
              n, order.storeIdOf(), pending.file(".spill"), request.batchPairs())) {
        if (request.edges() != null) {
          readEdges(request.edges(), n, writer);
        } else {
          readTransposedGraph(request.transposeGraph(), n, writer);
        }
        edges = writer.store(pending.file(StoreLayout.GRAPH), request.compression(), progress);
      }

      Map<String, String> sources = new LinkedHashMap<>();
      sources.put("vertices", request.vertices().name());
      sources.put("ranks", request.ranks().name());
      sources.put(
          "edges",
          request.edges() != null
              ? request.edges().name()
              : request.transposeGraph() + ".graph (transposed BVGraph)");
      IngestRequest.Compression c = request.compression();
      Map<String, Integer> compression = new LinkedHashMap<>();
      compression.put("window_size", c.windowSize());
      compression.put("max_ref_count", c.maxRefCount());
      compression.put("min_interval_length", c.minIntervalLength());
      compression.put("zeta_k", c.zetaK());
      ReleaseManifest manifest =
          new ReleaseManifest(
              ReleaseManifest.FORMAT,
              request.releaseId(),
              request.label(),
              request.releaseDate(),
              clock.instant(),
              n,
              edges,
              ranks.ranked(),
              ranks.lastPosition(),
              sources,
              compression,
              sizes(pending.dir()));
      progress.phase("commit", -1, "");
      Path committed = pending.commit(manifest);
      progress.finish("release " + request.releaseId() + " is available at " + committed);
      return manifest;
    }
  }

  private static Map<String, Long> sizes(Path dir) throws IOException {
    Map<String, Long> sizes = new TreeMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.toList()) {
        String name = f.getFileName().toString();
        if (Files.isRegularFile(f) && !name.startsWith(StoreLayout.MANIFEST)) {
          sizes.put(name, Files.size(f));
        }
      }
    }
    return sizes;
  }

  /** The names again, forwards and in store order with what answers list beside them. */
  private void writeListing(
      NameTable names, int[] originalOf, int[] numHosts, int[] pageRank, Path file)
      throws IOException {
    int n = originalOf.length;
    progress.phase("listing", n, "vertices");
    try (DomainListing.Writer out = new DomainListing.Writer(file, n)) {
      long[] batch = new long[4096];
      for (int from = 0; from < n; from += batch.length) {
        int k = Math.min(batch.length, n - from);
        long[] ids = k == batch.length ? batch : new long[k];
        for (int i = 0; i < k; i++) {
          ids[i] = originalOf[from + i];
        }
        byte[][] reversed = names.getAll(ids);
        for (int i = 0; i < k; i++) {
          byte[] forward = DomainName.flipBytes(reversed[i]);
          int original = originalOf[from + i];
          out.add(forward, forward.length, numHosts[original], pageRank[original]);
        }
        progress.update(from + k, 0);
      }
    }
    progress.finish(String.format("%,d domains listed in store order", n));
  }

  /** Reads {@code id, reversed name, num_hosts}; writes the names; returns num_hosts by id. */
  private int[] readVertices(InputSource source, Path namesFile) throws IOException {
    IntArrayList hosts = new IntArrayList();
    byte[] name = new byte[NameTable.MAX_NAME];
    try (InputSource.Opened in = source.open();
        NameTable.Writer names = new NameTable.Writer(namesFile, NAME_BLOCK)) {
      progress.phase("vertices", in.size(), "bytes");
      TsvReader tsv = new TsvReader(in.content(), source.name());
      while (tsv.next()) {
        tsv.expectFields(3, "id, reversed domain, num_hosts");
        long id = tsv.number(0, "vertex id");
        if (id != hosts.size()) {
          throw tsv.error(
              "vertex id "
                  + id
                  + " out of sequence: ids must run 0, 1, 2, … and this is line "
                  + tsv.line());
        }
        if (id >= Integer.MAX_VALUE - 8) {
          throw tsv.error("more vertices than a BVGraph can hold");
        }
        int length = tsv.length(1);
        if (length == 0 || length > NameTable.MAX_NAME) {
          throw tsv.error("a domain name must have 1 to " + NameTable.MAX_NAME + " bytes");
        }
        tsv.copy(1, name);
        try {
          names.add(name, length);
        } catch (IllegalArgumentException e) {
          throw tsv.error(e.getMessage());
        }
        long numHosts = tsv.number(2, "num_hosts");
        hosts.add((int) Math.min(numHosts, Integer.MAX_VALUE));
        if ((tsv.line() & 0xffff) == 0) {
          progress.update(in.rawBytes(), tsv.line());
        }
      }
      if (hosts.isEmpty()) {
        throw new IngestException(source.name(), 0, "has no vertices");
      }
      progress.finish(String.format("%,d vertices", hosts.size()));
    }
    return hosts.toIntArray();
  }

  record RanksSummary(int ranked, int lastPosition, long unknown) {}

  /**
   * Reads {@code #harmonicc_pos #harmonicc_val #pr_pos #pr_val #host_rev #n_hosts} rows; domains
   * the vertices file lacks are counted and skipped, a domain's second row is ignored.
   */
  private RanksSummary readRanks(
      InputSource source, NameTable names, int[] harmonic, int[] pageRank) throws IOException {
    int ranked = 0;
    long lastPosition = 0;
    long unknown = 0;
    byte[] name = new byte[NameTable.MAX_NAME];
    try (InputSource.Opened in = source.open()) {
      progress.phase("ranks", in.size(), "bytes");
      TsvReader tsv = new TsvReader(in.content(), source.name());
      if (!tsv.next() || !tsv.startsWith('#')) {
        throw new IngestException(
            source.name(),
            1,
            "expected the header line '#harmonicc_pos #harmonicc_val #pr_pos #pr_val #host_rev"
                + " #n_hosts'");
      }
      tsv.expectFields(6, "the ranks header");
      while (tsv.next()) {
        tsv.expectFields(6, "harmonicc_pos, harmonicc_val, pr_pos, pr_val, host_rev, n_hosts");
        long position = tsv.number(0, "harmonicc_pos");
        tsv.decimal(1, "harmonicc_val");
        long pr = tsv.number(2, "pr_pos");
        tsv.decimal(3, "pr_val");
        tsv.number(5, "n_hosts");
        if (position < 1 || position > Integer.MAX_VALUE || pr < 1 || pr > Integer.MAX_VALUE) {
          throw tsv.error("positions start at 1 and must fit in 31 bits");
        }
        lastPosition = Math.max(lastPosition, position);
        int length = tsv.length(4);
        if (length == 0 || length > NameTable.MAX_NAME) {
          throw tsv.error("a domain name must have 1 to " + NameTable.MAX_NAME + " bytes");
        }
        tsv.copy(4, name);
        long id = names.find(java.util.Arrays.copyOf(name, length));
        if (id < 0) {
          unknown++;
        } else if (harmonic[(int) id] == 0) {
          harmonic[(int) id] = (int) position;
          pageRank[(int) id] = (int) pr;
          ranked++;
        }
        if ((tsv.line() & 0xffff) == 0) {
          progress.update(in.rawBytes(), tsv.line());
        }
      }
      progress.finish(
          String.format(
              "%,d ranked vertices%s",
              ranked, unknown > 0 ? String.format(" (%,d rows name no vertex)", unknown) : ""));
    }
    return new RanksSummary(ranked, (int) lastPosition, unknown);
  }

  /** Reads {@code from_id, to_id} rows; self-loops are dropped, duplicates merged. */
  private void readEdges(InputSource source, int n, PredecessorListWriter writer)
      throws IOException {
    try (InputSource.Opened in = source.open()) {
      progress.phase("edges", in.size(), "bytes");
      TsvReader tsv = new TsvReader(in.content(), source.name());
      while (tsv.next()) {
        tsv.expectFields(2, "from_id, to_id");
        long from = tsv.number(0, "from_id");
        long to = tsv.number(1, "to_id");
        if (from >= n || to >= n) {
          throw tsv.error(
              "edge " + from + " -> " + to + " names a vertex beyond the last id " + (n - 1));
        }
        if (from != to) {
          writer.link((int) from, (int) to);
        }
        if ((tsv.line() & 0xffff) == 0) {
          progress.update(in.rawBytes(), tsv.line());
        }
      }
      progress.finish(String.format("%,d links read", writer.links()));
    }
  }

  /** Reads Common Crawl's published transpose: each vertex's successors are its linking domains. */
  private void readTransposedGraph(Path basename, int n, PredecessorListWriter writer)
      throws IOException {
    String name = basename + ".graph";
    if (!Files.isRegularFile(Path.of(name))
        || !Files.isRegularFile(Path.of(basename + ".properties"))) {
      throw new IngestException(name, 0, "needs " + name + " and " + basename + ".properties");
    }
    ImmutableGraph graph = BVGraph.loadOffline(basename.toString());
    if (graph.numNodes() != n) {
      throw new IngestException(
          name, 0, "has " + graph.numNodes() + " vertices, the vertices file " + n);
    }
    progress.phase("edges", n, "vertices");
    NodeIterator nodes = graph.nodeIterator();
    while (nodes.hasNext()) {
      int target = nodes.nextInt();
      int degree = nodes.outdegree();
      int[] linking = nodes.successorArray();
      for (int i = 0; i < degree; i++) {
        if (linking[i] != target) {
          writer.link(linking[i], target);
        }
      }
      if ((target & 0xffff) == 0) {
        progress.update(target, writer.links());
      }
    }
    progress.finish(String.format("%,d links read", writer.links()));
  }
}
