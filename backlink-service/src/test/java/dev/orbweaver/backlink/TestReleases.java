package dev.orbweaver.backlink;

import dev.orbweaver.graph.generate.ReleaseGenerator;
import dev.orbweaver.graph.ingest.IngestRequest;
import dev.orbweaver.graph.ingest.InputSource;
import dev.orbweaver.graph.ingest.Progress;
import dev.orbweaver.graph.ingest.ReleaseIngest;
import dev.orbweaver.graph.store.ReleaseStore;
import dev.orbweaver.graph.testing.CrawlFiles;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Two quarters of a generated release, ingested into a fresh store before the service starts: the
 * fixture every backlink test checks the service against, with the source files kept next to it for
 * brute-force answers.
 */
public class TestReleases implements QuarkusTestResourceLifecycleManager {
  public static final Path ROOT = Path.of("target/backlink-test").toAbsolutePath();
  public static final Path STORE = ROOT.resolve("store");
  public static final String OLDER = "CC-TEST-2026-01";
  public static final String LATEST = "CC-TEST-2026-04";
  public static final Path OLDER_SOURCE = ROOT.resolve("source-" + OLDER);
  public static final Path LATEST_SOURCE = ROOT.resolve("source-" + LATEST);
  public static final LocalDate OLDER_DATE = LocalDate.of(2026, 1, 15);

  @Override
  public Map<String, String> start() {
    try {
      deleteTree(ROOT);
      ReleaseGenerator generator = new ReleaseGenerator(Progress.NONE);
      generator.generate(new ReleaseGenerator.Spec(OLDER_SOURCE, 4_000, 101, null));
      generator.generate(new ReleaseGenerator.Spec(LATEST_SOURCE, 4_200, 202, OLDER_SOURCE));
      ingest(OLDER, "Jan 2026", OLDER_DATE, OLDER_SOURCE);
      ingest(LATEST, "Apr 2026", LocalDate.of(2026, 4, 15), LATEST_SOURCE);
      return Map.of("orbweaver.backlink.store-dir", STORE.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void stop() {}

  /** Ingests a generated release into the test store. */
  public static void ingest(String id, String label, LocalDate date, Path source)
      throws IOException {
    new ReleaseIngest(new ReleaseStore(STORE), Progress.NONE, Clock.systemUTC())
        .ingest(
            new IngestRequest(
                id,
                label,
                date,
                InputSource.of(source.resolve(CrawlFiles.VERTICES).toString()),
                InputSource.of(source.resolve(CrawlFiles.RANKS).toString()),
                InputSource.of(source.resolve(CrawlFiles.EDGES).toString()),
                null,
                IngestRequest.Compression.STORE,
                100_000));
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
