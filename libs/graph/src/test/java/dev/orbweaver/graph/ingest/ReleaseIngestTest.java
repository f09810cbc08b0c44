package dev.orbweaver.graph.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orbweaver.graph.domain.DomainName;
import dev.orbweaver.graph.generate.ReleaseGenerator;
import dev.orbweaver.graph.store.Release;
import dev.orbweaver.graph.store.ReleaseManifest;
import dev.orbweaver.graph.store.ReleaseStore;
import dev.orbweaver.graph.store.StoreLayout;
import dev.orbweaver.graph.testing.CrawlFiles;
import it.unimi.dsi.webgraph.ImmutableGraph;
import it.unimi.dsi.webgraph.LazyIntIterators;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseIngestTest {
  @TempDir static Path dir;
  static Path source;
  static CrawlFiles files;
  static ReleaseStore store;
  static Release release;

  @BeforeAll
  static void ingestAGeneratedRelease() throws Exception {
    source = dir.resolve("source");
    new ReleaseGenerator(Progress.NONE)
        .generate(new ReleaseGenerator.Spec(source, 3_000, 11, null));
    files = CrawlFiles.read(source);
    store = new ReleaseStore(dir.resolve("store"));
    ingest(store, "CC-TEST-1", request("CC-TEST-1", source, null), Progress.NONE);
    release = store.open("CC-TEST-1");
  }

  static IngestRequest request(String id, Path from, Path transpose) {
    return new IngestRequest(
        id,
        "Test " + id,
        LocalDate.of(2026, 4, 15),
        InputSource.of(from.resolve(CrawlFiles.VERTICES).toString()),
        InputSource.of(from.resolve(CrawlFiles.RANKS).toString()),
        transpose == null ? InputSource.of(from.resolve(CrawlFiles.EDGES).toString()) : null,
        transpose,
        IngestRequest.Compression.STORE,
        50_000);
  }

  static ReleaseManifest ingest(
      ReleaseStore store, String id, IngestRequest request, Progress progress) throws IOException {
    return new ReleaseIngest(store, progress, Clock.systemUTC()).ingest(request);
  }

  @Test
  void everyPredecessorListHoldsExactlyTheLinkingDomainsInAuthorityOrder() {
    ImmutableGraph graph = release.linkGraph();
    assertThat(release.manifest().edges()).isEqualTo(files.edges());
    for (int v = 0; v < files.size(); v++) {
      int storeId =
          release.vertexOf(DomainName.fromReversed(files.reversedNames().get(v))).orElseThrow();
      int[] predecessors = LazyIntIterators.unwrap(graph.successors(storeId));
      List<Integer> asOriginal = new ArrayList<>();
      for (int p : predecessors) {
        asOriginal.add(release.originalId(p));
      }
      assertThat(asOriginal)
          .as("linking domains of %s", files.domain(v))
          .isEqualTo(files.linkingSorted(v, files.authorityOrder()));
    }
  }

  @Test
  void everyVertexKeepsItsNameHostsAuthorityAndRank() {
    for (int v = 0; v < files.size(); v++) {
      int storeId =
          release.vertexOf(DomainName.fromReversed(files.reversedNames().get(v))).orElseThrow();
      assertThat(release.originalId(storeId)).isEqualTo(v);
      assertThat(release.domain(storeId)).isEqualTo(files.domain(v));
      assertThat(release.numHosts(storeId)).isEqualTo(files.hosts()[v]);
      Integer authority = files.authority(v);
      assertThat(release.authority(storeId)).isEqualTo(authority == null ? -1 : authority);
      Integer rank = files.rank(v);
      assertThat(release.pageRankPosition(storeId)).isEqualTo(rank == null ? 0 : rank);
      Release.Listed listed = release.list(new int[] {storeId});
      assertThat(listed.names()).containsExactly(files.domain(v));
      assertThat(listed.numHosts()).containsExactly(files.hosts()[v]);
      assertThat(listed.pageRankPositions()).containsExactly(rank == null ? 0 : rank);
    }
    assertThat(release.manifest().rankedVertices()).isLessThan(files.size()).isGreaterThan(2_900);
  }

  @Test
  void aStoreWrittenBeforeListingsListsTheSame() throws Exception {
    Path legacyDir = dir.resolve("store-legacy/CC-TEST-1");
    Path current = store.directory("CC-TEST-1");
    Files.createDirectories(legacyDir);
    try (Stream<Path> all = Files.list(current)) {
      for (Path f : all.toList()) {
        Files.copy(f, legacyDir.resolve(f.getFileName()));
      }
    }
    Files.delete(legacyDir.resolve(StoreLayout.LISTING));
    ReleaseManifest m = release.manifest();
    Map<String, Long> files = new HashMap<>(m.files());
    files.remove(StoreLayout.LISTING);
    Files.write(
        legacyDir.resolve(StoreLayout.MANIFEST),
        new ReleaseManifest(
                m.format(),
                m.releaseId(),
                m.label(),
                m.releaseDate(),
                m.ingestedAt(),
                m.vertices(),
                m.edges(),
                m.rankedVertices(),
                m.lastHarmonicPosition(),
                m.sources(),
                m.compression(),
                files)
            .toJson());
    Release legacy = Release.open(legacyDir);

    int n = release.vertexCount();
    int[] shuffled = new int[n];
    for (int i = 0; i < n; i++) {
      shuffled[i] = (int) ((i * 7919L) % n);
    }
    // Both paths, one by one and batched (past the size split between two threads).
    Release.Listed old = legacy.list(shuffled);
    Release.Listed listed = release.list(shuffled);
    assertThat(old.names()).containsExactly(listed.names());
    assertThat(old.numHosts()).containsExactly(listed.numHosts());
    assertThat(old.pageRankPositions()).containsExactly(listed.pageRankPositions());
    for (int v = 0; v < n; v++) {
      assertThat(legacy.domain(v)).isEqualTo(release.domain(v));
    }
  }

  @Test
  void authoritiesOfManyIdsAreEachOnesAuthorityInAnyOrder() {
    int n = release.vertexCount();
    int[] ascending = new int[n];
    int[] shuffled = new int[n];
    for (int i = 0; i < n; i++) {
      ascending[i] = i;
      shuffled[i] = (int) ((i * 7919L) % n);
    }
    for (int[] ids : List.of(ascending, shuffled, new int[] {n - 1, 0, n - 1})) {
      int[] authorities = release.authorities(ids);
      for (int i = 0; i < ids.length; i++) {
        assertThat(authorities[i]).as("store id %d", ids[i]).isEqualTo(release.authority(ids[i]));
      }
    }
    assertThatThrownBy(() -> release.authorities(new int[] {0, n}))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> release.authorities(new int[] {-1}))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void storeIdsAreInAuthorityOrder() {
    for (int id = 1; id < files.size(); id++) {
      assertThat(files.authorityOrder().compare(release.originalId(id - 1), release.originalId(id)))
          .isNegative();
    }
  }

  @Test
  void thePublishedTransposeIngestsToTheSameGraph() throws Exception {
    Path transpose = dir.resolve("published/domain-t");
    try (PredecessorListWriter writer =
        new PredecessorListWriter(files.size(), null, dir.resolve("published/spill"), 10_000)) {
      for (int to = 0; to < files.size(); to++) {
        for (int from : files.linking()[to]) {
          writer.link(from, to);
        }
      }
      writer.store(transpose, IngestRequest.Compression.DEFAULT, Progress.NONE);
    }
    ReleaseStore other = new ReleaseStore(dir.resolve("store-from-graph"));
    ingest(other, "CC-TEST-1", request("CC-TEST-1", source, transpose), Progress.NONE);
    assertThat(Files.readAllBytes(other.directory("CC-TEST-1").resolve("graph-t.graph")))
        .isEqualTo(Files.readAllBytes(store.directory("CC-TEST-1").resolve("graph-t.graph")));
  }

  @Test
  void aReleaseIsInvisibleUntilItsDirectoryIsRenamedIntoPlace() throws Exception {
    ReleaseStore fresh = new ReleaseStore(dir.resolve("store-watched"));
    AtomicBoolean checked = new AtomicBoolean();
    Progress watcher =
        new Progress() {
          @Override
          public void phase(String name, long total, String unit) {
            try {
              assertThat(fresh.committed()).isEmpty();
              assertThat(pending(fresh)).hasSize(1);
              if (name.equals("commit")) {
                checked.set(true);
              }
            } catch (IOException e) {
              throw new AssertionError(e);
            }
          }
        };
    ingest(fresh, "CC-TEST-2", request("CC-TEST-2", source, null), watcher);
    assertThat(checked).isTrue();
    assertThat(fresh.committed())
        .extracting(ReleaseManifest::releaseId)
        .containsExactly("CC-TEST-2");
    assertThat(pending(fresh)).isEmpty();
  }

  @Test
  void aMalformedEdgeIsNamedByFileAndLineAndLeavesNothingBehind() throws Exception {
    Path broken = copyWith(CrawlFiles.EDGES, 5, "12\tnot-a-number");
    ReleaseStore fresh = new ReleaseStore(dir.resolve("store-broken-edges"));
    String edges = broken.resolve(CrawlFiles.EDGES).toString();
    assertThatThrownBy(() -> ingest(fresh, "X", request("X", broken, null), Progress.NONE))
        .isInstanceOf(IngestException.class)
        .hasMessage(edges + ":5: to_id 'not-a-number' is not a non-negative integer")
        .satisfies(e -> assertThat(((IngestException) e).line()).isEqualTo(5));
    assertThat(fresh.committed()).isEmpty();
    assertThat(pending(fresh)).isEmpty();
  }

  @Test
  void anEdgeToAMissingVertexIsNamedByFileAndLine() throws Exception {
    Path broken = copyWith(CrawlFiles.EDGES, 7, "1\t3000");
    assertThatThrownBy(
            () ->
                ingest(
                    new ReleaseStore(dir.resolve("store-range")),
                    "X",
                    request("X", broken, null),
                    Progress.NONE))
        .hasMessageContaining(
            CrawlFiles.EDGES + ":7: edge 1 -> 3000 names a vertex beyond the last id 2999");
  }

  @Test
  void verticesOutOfOrderAreNamedByFileAndLine() throws Exception {
    Path broken = copyWith(CrawlFiles.VERTICES, 3, "2\taaa.first\t1");
    assertThatThrownBy(
            () ->
                ingest(
                    new ReleaseStore(dir.resolve("store-order")),
                    "X",
                    request("X", broken, null),
                    Progress.NONE))
        .hasMessageContaining(
            CrawlFiles.VERTICES + ":3: vertex names must be in strictly increasing byte order");
  }

  @Test
  void aRanksFileWithoutItsHeaderIsRefused() throws Exception {
    Path broken = copyWith(CrawlFiles.RANKS, 1, "1\t2.0\t1\t0.1\tcom.example\t1");
    assertThatThrownBy(
            () ->
                ingest(
                    new ReleaseStore(dir.resolve("store-header")),
                    "X",
                    request("X", broken, null),
                    Progress.NONE))
        .hasMessageContaining(CrawlFiles.RANKS + ":1: expected the header line");
  }

  @Test
  void aReleaseIdIsIngestedOnce() {
    assertThatThrownBy(
            () -> ingest(store, "CC-TEST-1", request("CC-TEST-1", source, null), Progress.NONE))
        .isInstanceOf(FileAlreadyExistsException.class);
  }

  /** A copy of the source release with line {@code line} of {@code file} replaced. */
  private static Path copyWith(String file, int line, String replacement) throws IOException {
    Path copy = Files.createTempDirectory(dir, "broken");
    for (String name : List.of(CrawlFiles.VERTICES, CrawlFiles.EDGES, CrawlFiles.RANKS)) {
      List<String> lines = new ArrayList<>(CrawlFiles.lines(source.resolve(name)));
      if (name.equals(file)) {
        lines.set(line - 1, replacement);
      }
      try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(copy.resolve(name)))) {
        out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.US_ASCII));
      }
    }
    return copy;
  }

  private static List<Path> pending(ReleaseStore store) throws IOException {
    if (!Files.isDirectory(store.root())) {
      return List.of();
    }
    try (Stream<Path> children = Files.list(store.root())) {
      return children
          .filter(p -> p.getFileName().toString().startsWith(StoreLayout.PENDING_PREFIX))
          .toList();
    }
  }
}
