package dev.orbweaver.graph.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orbweaver.graph.generate.ReleaseGenerator;
import dev.orbweaver.graph.ingest.IngestRequest;
import dev.orbweaver.graph.ingest.InputSource;
import dev.orbweaver.graph.ingest.Progress;
import dev.orbweaver.graph.ingest.ReleaseIngest;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.webgraph.ArrayListMutableGraph;
import it.unimi.dsi.webgraph.BVGraph;
import it.unimi.dsi.webgraph.ImmutableGraph;
import it.unimi.dsi.webgraph.LazyIntIterators;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredecessorReaderTest {
  @TempDir Path dir;

  /** Every list of {@code graph}, read by the reader and by WebGraph's iterators. */
  private static void assertSameLists(PredecessorReader reader, ImmutableGraph graph) {
    IntArrayList list = new IntArrayList();
    for (int v = 0; v < graph.numNodes(); v++) {
      reader.read(v, list);
      assertThat(list.toIntArray())
          .as("list of %d", v)
          .isEqualTo(LazyIntIterators.unwrap(graph.successors(v)));
      assertThat(reader.outdegree(v)).isEqualTo(graph.outdegree(v));
      int[] whole = list.toIntArray();
      for (int limit : new int[] {0, 1, 3, 17, whole.length - 1}) {
        if (limit >= 0) {
          reader.readFirst(v, limit, list);
          assertThat(list.toIntArray())
              .as("first %d of %d", limit, v)
              .isEqualTo(Arrays.copyOf(whole, Math.min(limit, whole.length)));
        }
      }
    }
  }

  @Test
  void readsEveryListOfAnIngestedReleaseAsWebGraphDoes() throws Exception {
    Path source = dir.resolve("source");
    new ReleaseGenerator(Progress.NONE).generate(new ReleaseGenerator.Spec(source, 3_000, 5, null));
    ReleaseStore store = new ReleaseStore(dir.resolve("store"));
    new ReleaseIngest(store, Progress.NONE, Clock.systemUTC())
        .ingest(
            new IngestRequest(
                "R",
                "R",
                LocalDate.of(2026, 1, 1),
                InputSource.of(source.resolve(ReleaseGenerator.VERTICES).toString()),
                InputSource.of(source.resolve(ReleaseGenerator.RANKS).toString()),
                InputSource.of(source.resolve(ReleaseGenerator.EDGES).toString()),
                null,
                IngestRequest.Compression.STORE,
                50_000));
    Release release = store.open("R");
    assertSameLists(release.predecessorReader(), release.linkGraph());
  }

  /**
   * Dense runs (intervals), lists that repeat their neighbours' (references, chained three deep),
   * long gaps, empty lists and a last list that ends in the file's final bytes: each coding path of
   * BVGraph, compressed with several windows, reference depths, interval lengths and ζ codes.
   */
  @Test
  void readsReferencesIntervalsAndResidualsOfEveryCodingAsWebGraphDoes() throws Exception {
    Random random = new Random(7);
    int n = 5_000;
    List<TreeSet<Integer>> lists = new ArrayList<>();
    for (int v = 0; v < n; v++) {
      TreeSet<Integer> list = new TreeSet<>();
      lists.add(list);
      int kind = v % 5;
      if (kind == 0) {
        continue;
      }
      if (kind == 1) {
        int start = random.nextInt(n - 50);
        for (int j = 0; j < 10 + random.nextInt(40); j++) {
          list.add(start + j);
        }
      }
      if (kind == 2 && v > 3) {
        for (int s : lists.get(v - 1)) {
          if (random.nextInt(4) != 0) {
            list.add(s);
          }
        }
      }
      for (int j = random.nextInt(30); j > 0; j--) {
        list.add(random.nextInt(n));
      }
    }
    lists.get(n - 1).add(0);
    List<int[]> arcs = new ArrayList<>();
    for (int v = 0; v < n; v++) {
      for (int s : lists.get(v)) {
        arcs.add(new int[] {v, s});
      }
    }
    ArrayListMutableGraph mutable = new ArrayListMutableGraph(n, arcs.toArray(int[][]::new));
    ImmutableGraph graph = mutable.immutableView();
    int[][] codings = {{7, 1, 4, 4}, {7, 3, 2, 3}, {3, 8, 2, 1}, {0, 0, 0, 5}, {7, 3, 4, 2}};
    for (int[] c : codings) {
      Path basename = dir.resolve("g-" + c[0] + "-" + c[1] + "-" + c[2] + "-" + c[3]);
      BVGraph.store(graph, basename.toString(), c[0], c[1], c[2], c[3], 0, 1, null);
      BVGraph loaded = BVGraph.loadMapped(basename.toString());
      PredecessorReader.Source source = PredecessorReader.Source.of(loaded, basename);
      assertThat(source).as("coding %s is decoded by the reader", c).isNotNull();
      assertSameLists(PredecessorReader.of(source, loaded), graph);
    }
  }

  @Test
  void fallsBackToWebGraphForAnotherCoding() throws Exception {
    ArrayListMutableGraph mutable = new ArrayListMutableGraph(4);
    mutable.addArc(0, 1);
    mutable.addArc(0, 3);
    mutable.addArc(2, 0);
    Path basename = dir.resolve("delta");
    BVGraph.store(
        mutable.immutableView(),
        basename.toString(),
        7,
        1,
        4,
        3,
        BVGraph.RESIDUALS_DELTA | BVGraph.OUTDEGREES_DELTA,
        1,
        null);
    BVGraph loaded = BVGraph.loadMapped(basename.toString());
    assertThat(PredecessorReader.Source.of(loaded, basename)).isNull();
    assertSameLists(PredecessorReader.of(null, loaded), mutable.immutableView());
    assertThat(Files.exists(Path.of(basename + ".graph"))).isTrue();
  }
}
