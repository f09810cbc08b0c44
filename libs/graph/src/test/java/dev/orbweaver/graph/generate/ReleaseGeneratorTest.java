package dev.orbweaver.graph.generate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orbweaver.graph.ingest.Progress;
import dev.orbweaver.graph.testing.CrawlFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseGeneratorTest {
  @TempDir static Path dir;
  static Path first;
  static ReleaseGenerator.Summary summary;

  @BeforeAll
  static void generate() throws Exception {
    first = dir.resolve("q1");
    summary = generator().generate(new ReleaseGenerator.Spec(first, 5_000, 42, null));
  }

  private static ReleaseGenerator generator() {
    return new ReleaseGenerator(Progress.NONE);
  }

  @Test
  void theSameSeedWritesTheSameBytes() throws Exception {
    Path again = dir.resolve("q1-again");
    generator().generate(new ReleaseGenerator.Spec(again, 5_000, 42, null));
    for (String file : List.of(CrawlFiles.VERTICES, CrawlFiles.EDGES, CrawlFiles.RANKS)) {
      assertThat(sha256(again.resolve(file))).as(file).isEqualTo(sha256(first.resolve(file)));
    }
  }

  @Test
  void anotherSeedWritesAnotherRelease() throws Exception {
    Path other = dir.resolve("q1-other");
    generator().generate(new ReleaseGenerator.Spec(other, 5_000, 43, null));
    assertThat(sha256(other.resolve(CrawlFiles.EDGES)))
        .isNotEqualTo(sha256(first.resolve(CrawlFiles.EDGES)));
  }

  @Test
  void writesCommonCrawlsFormat() throws Exception {
    List<String> vertices = CrawlFiles.lines(first.resolve(CrawlFiles.VERTICES));
    assertThat(vertices).hasSize(5_000);
    String previous = "";
    for (int i = 0; i < vertices.size(); i++) {
      String[] f = vertices.get(i).split("\t");
      assertThat(f).hasSize(3);
      assertThat(f[0]).isEqualTo(Integer.toString(i));
      assertThat(f[1].compareTo(previous)).as("names sorted").isPositive();
      assertThat(f[1]).matches("[a-z]+(\\.[a-z0-9-]+)+");
      assertThat(Integer.parseInt(f[2])).isPositive();
      previous = f[1];
    }
    long lastEdge = -1;
    for (String line : CrawlFiles.lines(first.resolve(CrawlFiles.EDGES))) {
      String[] f = line.split("\t");
      long from = Long.parseLong(f[0]);
      long to = Long.parseLong(f[1]);
      assertThat(from).isNotEqualTo(to);
      assertThat(from * 10_000 + to).as("sorted, no duplicates").isGreaterThan(lastEdge);
      lastEdge = from * 10_000 + to;
    }
    List<String> ranks = CrawlFiles.lines(first.resolve(CrawlFiles.RANKS));
    assertThat(ranks.get(0))
        .isEqualTo("#harmonicc_pos\t#harmonicc_val\t#pr_pos\t#pr_val\t#host_rev\t#n_hosts");
    for (int i = 1; i < ranks.size(); i++) {
      String[] f = ranks.get(i).split("\t");
      assertThat(f).hasSize(6);
      assertThat(f[0]).isEqualTo(Integer.toString(i));
      Double.parseDouble(f[1]);
      Double.parseDouble(f[3]);
    }
    assertThat(ranks.size() - 1).isBetween(4_950, 5_000);
  }

  @Test
  void hasTheRealGraphsShape() throws Exception {
    CrawlFiles files = CrawlFiles.read(first);
    Set<Integer> linkers = new HashSet<>();
    for (String line : CrawlFiles.lines(first.resolve(CrawlFiles.EDGES))) {
      linkers.add(Integer.parseInt(line.substring(0, line.indexOf('\t'))));
    }
    double withoutOutLinks = 1.0 - (double) linkers.size() / files.size();
    assertThat(withoutOutLinks).isBetween(0.55, 0.78);
    assertThat((double) files.edges() / files.size()).isBetween(14.0, 24.0);
    // Power law: the most linked domain has far more links than the average one.
    assertThat(summary.maxInDegree()).isGreaterThan(30 * (int) (files.edges() / files.size()));
    long comTld = files.reversedNames().stream().filter(n -> n.startsWith("com.")).count();
    assertThat((double) comTld / files.size()).isBetween(0.35, 0.55);
  }

  @Test
  void theNextQuarterRenumbersKeepsMostAndChangesSome() throws Exception {
    Path second = dir.resolve("q2");
    generator().generate(new ReleaseGenerator.Spec(second, 5_200, 99, first));
    CrawlFiles before = CrawlFiles.read(first);
    CrawlFiles after = CrawlFiles.read(second);
    assertThat(after.size()).isEqualTo(5_200);

    Set<String> oldNames = new HashSet<>(before.reversedNames());
    Set<String> newNames = new HashSet<>(after.reversedNames());
    long kept = oldNames.stream().filter(newNames::contains).count();
    assertThat((double) kept / oldNames.size()).isBetween(0.94, 0.995);
    assertThat(newNames.size() - kept).isGreaterThan(200);

    Set<String> oldLinks = links(before);
    Set<String> newLinks = links(after);
    long shared = oldLinks.stream().filter(newLinks::contains).count();
    assertThat((double) shared / oldLinks.size()).isBetween(0.75, 0.92);
    assertThat(newLinks.size() - shared).isGreaterThan(oldLinks.size() / 20);
    // Same names, other ids: the numbering is the new release's own.
    assertThat(after.reversedNames()).isNotEqualTo(before.reversedNames());
  }

  private static Set<String> links(CrawlFiles files) {
    Set<String> out = new HashSet<>();
    for (int to = 0; to < files.size(); to++) {
      for (int from : files.linking()[to]) {
        out.add(files.reversedNames().get(from) + ">" + files.reversedNames().get(to));
      }
    }
    return out;
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }
}
