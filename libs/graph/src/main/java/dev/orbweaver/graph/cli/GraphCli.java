package dev.orbweaver.graph.cli;

import dev.orbweaver.graph.generate.ReleaseGenerator;
import dev.orbweaver.graph.ingest.ConsoleProgress;
import dev.orbweaver.graph.ingest.IngestException;
import dev.orbweaver.graph.ingest.IngestRequest;
import dev.orbweaver.graph.ingest.InputSource;
import dev.orbweaver.graph.ingest.Progress;
import dev.orbweaver.graph.ingest.ReleaseIngest;
import dev.orbweaver.graph.store.ReleaseManifest;
import dev.orbweaver.graph.store.ReleaseStore;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The batch side of the backlink graph, run by {@code ./orbweaver ingest|generate-release|releases}
 * and by the Kubernetes ingest Job. Exits 0 on success, 2 on a usage error, 1 on a failure.
 */
public final class GraphCli {
  /** Where releases live unless {@code --store} says otherwise. */
  static final String STORE_ENV = "ORBWEAVER_BACKLINK_STORE_DIR";

  private final PrintStream out;
  private final PrintStream err;
  private final Map<String, String> env;
  private final Progress progress;

  GraphCli(PrintStream out, PrintStream err, Map<String, String> env, Progress progress) {
    this.out = out;
    this.err = err;
    this.env = env;
    this.progress = progress;
  }

  public static void main(String[] args) {
    GraphCli cli =
        new GraphCli(
            System.out,
            System.err,
            System.getenv(),
            new ConsoleProgress(System.err, System.console() != null));
    System.exit(cli.run(args));
  }

  int run(String[] args) {
    if (args.length == 0) {
      err.println(USAGE);
      return 2;
    }
    String command = args[0];
    try {
      Map<String, String> options = options(args);
      return switch (command) {
        case "ingest" -> ingest(options);
        case "generate-release" -> generate(options);
        case "releases" -> releases(options);
        case "help", "--help", "-h" -> {
          out.println(USAGE);
          yield 0;
        }
        default -> throw new UsageException("unknown command '" + command + "'");
      };
    } catch (UsageException e) {
      err.println("orbweaver " + command + ": " + e.getMessage());
      err.println(USAGE);
      return 2;
    } catch (IngestException e) {
      err.println("orbweaver " + command + ": " + e.getMessage());
      return 1;
    } catch (FileAlreadyExistsException e) {
      err.println("orbweaver " + command + ": " + e.getReason());
      return 1;
    } catch (IOException | RuntimeException e) {
      err.println("orbweaver " + command + ": " + e);
      return 1;
    }
  }

  private int ingest(Map<String, String> o) throws IOException {
    allow(
        o,
        "release",
        "label",
        "date",
        "vertices",
        "edges",
        "transpose",
        "ranks",
        "store",
        "batch",
        "window-size",
        "max-ref-count",
        "min-interval-length",
        "zeta-k");
    String release = required(o, "release");
    LocalDate date;
    try {
      date =
          o.containsKey("date") ? LocalDate.parse(o.get("date")) : LocalDate.now(Clock.systemUTC());
    } catch (DateTimeParseException e) {
      throw new UsageException("--date must look like 2026-04-15");
    }
    if (o.containsKey("edges") == o.containsKey("transpose")) {
      throw new UsageException("give --edges FILE or --transpose BASENAME (not both)");
    }
    IngestRequest.Compression defaults = IngestRequest.Compression.STORE;
    IngestRequest request =
        new IngestRequest(
            release,
            o.getOrDefault("label", release),
            date,
            InputSource.of(required(o, "vertices")),
            InputSource.of(required(o, "ranks")),
            o.containsKey("edges") ? InputSource.of(o.get("edges")) : null,
            o.containsKey("transpose") ? Path.of(o.get("transpose")) : null,
            new IngestRequest.Compression(
                integer(o, "window-size", defaults.windowSize()),
                integer(o, "max-ref-count", defaults.maxRefCount()),
                integer(o, "min-interval-length", defaults.minIntervalLength()),
                integer(o, "zeta-k", defaults.zetaK())),
            integer(o, "batch", IngestRequest.defaultBatchPairs()));
    ReleaseStore store = store(o);
    for (Path stale : store.sweepAbandoned(Duration.ofHours(24))) {
      err.println("removed an abandoned ingest: " + stale);
    }
    long started = System.nanoTime();
    ReleaseManifest manifest =
        new ReleaseIngest(store, progress, Clock.systemUTC()).ingest(request);
    double seconds = (System.nanoTime() - started) / 1e9;
    out.printf(
        "release %s (%s): %,d domains, %,d links, %,d bytes (%.2f bytes/link) in %.1f s"
            + " (%,.0f links/s)%n",
        manifest.releaseId(),
        manifest.label(),
        manifest.vertices(),
        manifest.edges(),
        manifest.bytes(),
        manifest.edges() == 0 ? 0.0 : (double) manifest.bytes() / manifest.edges(),
        seconds,
        manifest.edges() / Math.max(seconds, 1e-9));
    return 0;
  }

  private int generate(Map<String, String> o) throws IOException {
    allow(o, "out", "domains", "seed", "previous", "edges-per-domain", "unranked-fraction");
    Path dir = Path.of(required(o, "out"));
    int domains = integer(o, "domains", -1);
    if (domains < 2) {
      throw new UsageException("--domains N (at least 2) is required");
    }
    long seed;
    try {
      seed = Long.parseLong(required(o, "seed"));
    } catch (NumberFormatException e) {
      throw new UsageException("--seed must be an integer");
    }
    ReleaseGenerator.Spec spec =
        new ReleaseGenerator.Spec(
            dir,
            domains,
            seed,
            o.containsKey("previous") ? Path.of(o.get("previous")) : null,
            decimal(o, "edges-per-domain", 20.0),
            decimal(o, "unranked-fraction", 0.002));
    ReleaseGenerator.Summary summary = new ReleaseGenerator(progress).generate(spec);
    out.printf(
        "wrote %s: %,d domains, %,d links from %,d linking domains, max in-degree %,d%n",
        dir, summary.vertices(), summary.edges(), summary.linkingDomains(), summary.maxInDegree());
    return 0;
  }

  private int releases(Map<String, String> o) throws IOException {
    allow(o, "store");
    List<ReleaseManifest> committed = store(o).committed();
    for (ReleaseManifest m : committed) {
      out.printf(
          "%-28s %-14s %s %,14d domains %,16d links%n",
          m.releaseId(), m.label(), m.releaseDate(), m.vertices(), m.edges());
    }
    return 0;
  }

  private ReleaseStore store(Map<String, String> o) {
    String dir = o.getOrDefault("store", env.getOrDefault(STORE_ENV, ".orbweaver/releases"));
    return new ReleaseStore(Path.of(dir));
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 1; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw new UsageException("unexpected argument '" + arg + "'");
      }
      String name = arg.substring(2);
      String value;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new UsageException("--" + name + " needs a value");
      }
      if (options.put(name, value) != null) {
        throw new UsageException("--" + name + " given twice");
      }
    }
    return options;
  }

  private static void allow(Map<String, String> options, String... names) {
    Set<String> allowed = Set.of(names);
    for (String name : options.keySet()) {
      if (!allowed.contains(name)) {
        throw new UsageException("unknown option --" + name);
      }
    }
  }

  private static String required(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null || value.isBlank()) {
      throw new UsageException("--" + name + " is required");
    }
    return value;
  }

  private static int integer(Map<String, String> options, String name, int fallback) {
    String value = options.get(name);
    if (value == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.replace("_", ""));
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + " must be an integer");
    }
  }

  private static double decimal(Map<String, String> options, String name, double fallback) {
    String value = options.get(name);
    if (value == null) {
      return fallback;
    }
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + " must be a number");
    }
  }

  private static final class UsageException extends RuntimeException {
    UsageException(String message) {
      super(message, null, false, false);
    }
  }

  static final String USAGE =
      """
      Usage:
        ingest --release ID --label "Apr 2026" [--date YYYY-MM-DD]
               --vertices F --ranks F (--edges F | --transpose BASENAME)
               [--store DIR] [--batch PAIRS] [--window-size 7] [--max-ref-count 1]
               [--min-interval-length 4] [--zeta-k 4]
            Ingests a Common Crawl domain-graph release (files as paths or http(s) URLs, plain or
            gzipped; --transpose takes the published ...-domain-t BVGraph instead of the edges).
            --date is the release's publication day and orders releases (default: today).
        generate-release --out DIR --domains N --seed S [--previous DIR]
               [--edges-per-domain 20] [--unranked-fraction 0.002]
            Writes a synthetic release in Common Crawl's format; with --previous, the next quarter.
        releases [--store DIR]
            Lists the committed releases, newest first.
      The store is --store, else $ORBWEAVER_BACKLINK_STORE_DIR, else ./.orbweaver/releases.
      """;
}
