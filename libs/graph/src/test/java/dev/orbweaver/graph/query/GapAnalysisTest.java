package dev.orbweaver.graph.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orbweaver.graph.generate.ReleaseGenerator;
import dev.orbweaver.graph.ingest.IngestRequest;
import dev.orbweaver.graph.ingest.InputSource;
import dev.orbweaver.graph.ingest.Progress;
import dev.orbweaver.graph.ingest.ReleaseIngest;
import dev.orbweaver.graph.store.Release;
import dev.orbweaver.graph.store.ReleaseStore;
import it.unimi.dsi.webgraph.ImmutableGraph;
import it.unimi.dsi.webgraph.LazyIntIterators;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The merge and count against set algebra over WebGraph's own reading of the lists, on the calling
 * thread and with the lists split between two threads, listing a few gaps or all of them.
 */
class GapAnalysisTest {
  @TempDir static Path dir;
  static Release release;

  @BeforeAll
  static void ingest() throws Exception {
    Path source = dir.resolve("source");
    new ReleaseGenerator(Progress.NONE).generate(new ReleaseGenerator.Spec(source, 4_000, 3, null));
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
    release = store.open("R");
  }

  /** Vertex → mask of the competitors it links to, for the gaps, in id order. */
  private static TreeMap<Integer, Integer> expected(int mine, int[] competitors) {
    ImmutableGraph graph = release.linkGraph();
    TreeMap<Integer, Integer> gaps = new TreeMap<>();
    for (int i = 0; i < competitors.length; i++) {
      if (competitors[i] >= 0) {
        for (int v : LazyIntIterators.unwrap(graph.successors(competitors[i]))) {
          gaps.merge(v, 1 << i, (a, b) -> a | b);
        }
      }
    }
    if (mine >= 0) {
      for (int v : LazyIntIterators.unwrap(graph.successors(mine))) {
        gaps.remove(v);
      }
    }
    gaps.remove(mine);
    return gaps;
  }

  @Test
  void listsAndCountsWhatSetAlgebraGivesOnOneThreadOrTwo() {
    ImmutableGraph graph = release.linkGraph();
    int n = release.vertexCount();
    // The most linked first, so that lists overlap; then random ones, absent ones and self-links.
    Integer[] byDegree = IntStream.range(0, n).boxed().toArray(Integer[]::new);
    Arrays.sort(byDegree, (a, b) -> graph.outdegree(b) - graph.outdegree(a));
    Random random = new Random(3);
    List<int[]> cases = new ArrayList<>();
    cases.add(new int[] {byDegree[5], byDegree[0], byDegree[1], byDegree[2], byDegree[3]});
    cases.add(new int[] {byDegree[0], byDegree[1], byDegree[2]});
    cases.add(new int[] {-1, byDegree[0], -1, byDegree[7]});
    for (int c = 0; c < 40; c++) {
      int[] query = new int[1 + 1 + random.nextInt(5)];
      for (int i = 0; i < query.length; i++) {
        query[i] = byDegree[random.nextInt(Math.min(n, 300))];
      }
      cases.add(query);
    }
    for (int[] query : cases) {
      int mine = query[0];
      int[] competitors = Arrays.copyOfRange(query, 1, query.length);
      TreeMap<Integer, Integer> expected = expected(mine, competitors);
      for (long parallelFrom : new long[] {0, Long.MAX_VALUE}) {
        for (int listed : new int[] {0, 1, 7, Integer.MAX_VALUE}) {
          GapAnalysis.Result result =
              GapAnalysis.run(release, mine, competitors, listed, pct -> {}, parallelFrom);
          assertThat(result.total()).isEqualTo(expected.size());
          List<GapAnalysis.Gap> first =
              expected.entrySet().stream()
                  .limit(listed)
                  .map(e -> new GapAnalysis.Gap(e.getKey(), e.getValue()))
                  .toList();
          assertThat(result.gaps())
              .as("mine %d, competitors %s, listed %d", mine, competitors, listed)
              .isEqualTo(first);
        }
      }
    }
  }
}
