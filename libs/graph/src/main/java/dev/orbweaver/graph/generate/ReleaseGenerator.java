package dev.orbweaver.graph.generate;

import dev.orbweaver.graph.ingest.IngestException;
import dev.orbweaver.graph.ingest.InputSource;
import dev.orbweaver.graph.ingest.Progress;
import dev.orbweaver.graph.ingest.TsvReader;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.ints.IntArrays;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes a synthetic domain-graph release in exactly Common Crawl's file format, deterministic for
 * a seed. The shape follows the real graph: a realistic suffix mix, reversed names numbered in
 * lexicographic order, about two thirds of domains without out-links, out-degrees log-normal,
 * targets drawn by a Zipf law over popularity (so in-degrees follow a power law whose maximum is in
 * the millions at full scale) mixed with same-suffix and lexicographically near links. Ranks are
 * derived from in-degree with noise (computing true harmonic centrality would cost more than the
 * rest together).
 *
 * <p>With a previous release it writes the next quarter: about 3% of domains gone, new ones in
 * their place and more, a tenth of links lost and new ones gained, and the ids renumbered as Common
 * Crawl does.
 */
public final class ReleaseGenerator {
  public static final String VERTICES = "domain-vertices.txt.gz";
  public static final String EDGES = "domain-edges.txt.gz";
  public static final String RANKS = "domain-ranks.txt.gz";

  static final String RANKS_HEADER =
      "#harmonicc_pos\t#harmonicc_val\t#pr_pos\t#pr_val\t#host_rev\t#n_hosts";

  /** Sites that sit at the top of every real web graph, the usual outreach noise. */
  private static final String[] PLATFORMS = {
    "com.facebook",
    "com.google",
    "com.youtube",
    "com.twitter",
    "com.instagram",
    "com.linkedin",
    "org.wikipedia",
    "com.pinterest",
    "org.wordpress",
    "com.wordpress",
    "com.blogspot",
    "com.github",
    "io.github",
    "com.amazonaws",
    "com.cloudflare",
    "net.cloudfront",
    "com.tumblr",
    "com.reddit",
    "com.medium",
    "com.apple",
    "com.microsoft",
    "com.amazon",
    "com.wix",
    "com.squarespace",
    "com.shopify",
    "net.akamaized",
    "com.googleapis",
    "com.gstatic",
    "com.tiktok",
    "com.vimeo",
    "com.x"
  };

  /** Platforms that give each user a domain of their own ({@code alice.github.io}). */
  private static final String[] USER_SITE_PARENTS = {
    "com.blogspot", "io.github", "com.wordpress", "com.wixsite", "com.tumblr"
  };

  private static final double SURVIVAL = 0.97;
  private static final double LINK_KEPT = 0.90;
  private static final double LINK_GAINED = 0.12;

  private final Progress progress;

  public ReleaseGenerator(Progress progress) {
    this.progress = progress;
  }

  /**
   * @param previous an earlier generated (or Common Crawl) release to continue, or null
   * @param edgesPerDomain the average number of links per domain (all domains, linking or not)
   * @param unrankedFraction share of domains left out of the ranks file
   */
  public record Spec(
      Path out,
      int domains,
      long seed,
      Path previous,
      double edgesPerDomain,
      double unrankedFraction) {
    public Spec {
      if (domains < 2) {
        throw new IllegalArgumentException("a release needs at least 2 domains");
      }
      if (edgesPerDomain <= 0 || unrankedFraction < 0 || unrankedFraction >= 1) {
        throw new IllegalArgumentException("edgesPerDomain > 0, 0 <= unrankedFraction < 1");
      }
    }

    public Spec(Path out, int domains, long seed, Path previous) {
      this(out, domains, seed, previous, 20.0, 0.002);
    }
  }

  /** What was written. */
  public record Summary(int vertices, long edges, long linkingDomains, int maxInDegree) {}

  public Summary generate(Spec spec) throws IOException {
    Files.createDirectories(spec.out());
    SplittableRandom random = new SplittableRandom(spec.seed());
    Universe universe =
        spec.previous() == null ? fresh(spec, random) : continued(spec, random, spec.previous());
    writeVertices(spec.out().resolve(VERTICES), universe);
    int[] inDegree = new int[universe.size()];
    long[] counts = writeEdges(spec, random, universe, inDegree);
    writeRanks(spec, random, universe, inDegree, counts[0]);
    int max = 0;
    for (int d : inDegree) {
      max = Math.max(max, d);
    }
    return new Summary(universe.size(), counts[0], counts[1], max);
  }

  /** Names (sorted), hosts, popularity, and for a continued release the links it inherits. */
  private static final class Universe {
    String[] names;
    int[] hosts;
    int[] byPopularity;
    int[] popularity;
    int[] blockStart;
    int[] blockEnd;
    int[] block;
    int[] previousId;
    int[] newIdOfPrevious;
    Path previousEdges;
    double meanDegree;

    int size() {
      return names.length;
    }
  }

  private Universe fresh(Spec spec, SplittableRandom random) {
    int n = spec.domains();
    String[] platforms = n >= 1000 ? PLATFORMS.clone() : new String[0];
    Arrays.sort(platforms);
    String[] others = uniqueNames(random, n - platforms.length, platforms, n >= 1000);
    String[] names = merge(platforms, others);
    Universe u = new Universe();
    u.names = names;
    u.hosts = new int[n];
    // Popularity: the platforms first, then everybody else in random order.
    int[] byPopularity = new int[n];
    int next = 0;
    for (String platform : platforms) {
      byPopularity[next++] = Arrays.binarySearch(names, platform);
    }
    boolean[] isPlatform = new boolean[n];
    for (int i = 0; i < next; i++) {
      isPlatform[byPopularity[i]] = true;
    }
    int[] rest = new int[n - next];
    int r = 0;
    for (int v = 0; v < n; v++) {
      if (!isPlatform[v]) {
        rest[r++] = v;
      }
    }
    shuffle(rest, random);
    System.arraycopy(rest, 0, byPopularity, next, rest.length);
    u.byPopularity = byPopularity;
    u.popularity = inverse(byPopularity);
    for (int v = 0; v < n; v++) {
      u.hosts[v] = hosts(random, u.popularity[v], n);
    }
    blocks(u);
    u.meanDegree = spec.edgesPerDomain() * n / expectedLinkers(n);
    return u;
  }

  private Universe continued(Spec spec, SplittableRandom random, Path previous) throws IOException {
    // The previous release: names, hosts, and harmonic positions as its popularity.
    List<String> oldNames = new ArrayList<>();
    IntArrayList oldHosts = new IntArrayList();
    InputSource vertices = InputSource.of(previous.resolve(VERTICES).toString());
    try (InputSource.Opened in = vertices.open()) {
      TsvReader tsv = new TsvReader(in.content(), vertices.name());
      byte[] name = new byte[1024];
      while (tsv.next()) {
        tsv.expectFields(3, "id, reversed domain, num_hosts");
        int length = tsv.copy(1, name);
        oldNames.add(new String(name, 0, length, StandardCharsets.US_ASCII));
        oldHosts.add((int) tsv.number(2, "num_hosts"));
      }
    }
    String[] before = oldNames.toArray(String[]::new);
    int[] oldPosition = new int[before.length];
    InputSource ranks = InputSource.of(previous.resolve(RANKS).toString());
    try (InputSource.Opened in = ranks.open()) {
      TsvReader tsv = new TsvReader(in.content(), ranks.name());
      tsv.next();
      byte[] name = new byte[1024];
      while (tsv.next()) {
        tsv.expectFields(6, "ranks row");
        int length = tsv.copy(4, name);
        int id =
            Arrays.binarySearch(before, new String(name, 0, length, StandardCharsets.US_ASCII));
        if (id >= 0) {
          oldPosition[id] = (int) tsv.number(0, "harmonicc_pos");
        }
      }
    }

    IntArrayList survivors = new IntArrayList();
    for (int id = 0; id < before.length; id++) {
      if (random.nextDouble() < SURVIVAL || isPlatform(before[id])) {
        survivors.add(id);
      }
    }
    int n = Math.max(spec.domains(), survivors.size());
    String[] kept = new String[survivors.size()];
    for (int i = 0; i < kept.length; i++) {
      kept[i] = before[survivors.getInt(i)];
    }
    String[] newcomers = uniqueNames(random, n - kept.length, before, before.length >= 1000);
    String[] names = merge(kept, newcomers);

    Universe u = new Universe();
    u.names = names;
    u.hosts = new int[n];
    u.previousId = new int[n];
    u.newIdOfPrevious = new int[before.length];
    Arrays.fill(u.newIdOfPrevious, -1);
    double[] score = new double[n];
    int k = 0;
    for (int v = 0; v < n; v++) {
      if (k < kept.length && names[v].equals(kept[k])) {
        int old = survivors.getInt(k++);
        u.previousId[v] = old;
        u.newIdOfPrevious[old] = v;
        int hosts = oldHosts.getInt(old);
        if (random.nextDouble() < 0.2) {
          hosts = Math.max(1, (int) Math.round(hosts * (0.9 + 0.2 * random.nextDouble())));
        }
        u.hosts[v] = hosts;
        score[v] =
            oldPosition[old] > 0
                ? (double) oldPosition[old] / before.length
                : 0.9 + 0.1 * random.nextDouble();
      } else {
        u.previousId[v] = -1;
        u.hosts[v] = 0;
        score[v] = 0.5 + 0.5 * Math.sqrt(random.nextDouble());
      }
      score[v] *= 1 + 0.05 * random.nextGaussian();
    }
    int[] byPopularity = identity(n);
    IntArrays.quickSort(
        byPopularity,
        (a, b) -> {
          int c = Double.compare(score[a], score[b]);
          return c != 0 ? c : Integer.compare(a, b);
        });
    u.byPopularity = byPopularity;
    u.popularity = inverse(byPopularity);
    for (int v = 0; v < n; v++) {
      if (u.previousId[v] < 0) {
        u.hosts[v] = hosts(random, u.popularity[v], n);
      }
    }
    blocks(u);
    u.previousEdges = previous.resolve(EDGES);
    u.meanDegree = spec.edgesPerDomain() * n / expectedLinkers(n);
    return u;
  }

  private static boolean isPlatform(String reversed) {
    for (String p : PLATFORMS) {
      if (p.equals(reversed)) {
        return true;
      }
    }
    return false;
  }

  private void writeVertices(Path file, Universe u) throws IOException {
    progress.phase("vertices", u.size(), "domains");
    try (TextOut out = new TextOut(file)) {
      for (int v = 0; v < u.size(); v++) {
        out.number(v).tab().ascii(u.names[v]).tab().number(u.hosts[v]).newline();
      }
    }
    progress.finish(String.format("%,d domains", u.size()));
  }

  /** Writes the edges in (from, to) order; returns {links, linking domains}. */
  private long[] writeEdges(Spec spec, SplittableRandom random, Universe u, int[] inDegree)
      throws IOException {
    int n = u.size();
    long links = 0;
    long linkers = 0;
    int maxOut = Math.max(50, n / 4);
    double sigma = 1.7;
    double mu = Math.log(u.meanDegree) - sigma * sigma / 2;
    int[] list = new int[64];
    progress.phase("edges", n, "domains");
    try (TextOut out = new TextOut(spec.out().resolve(EDGES));
        InheritedLinks inherited = u.previousEdges == null ? null : new InheritedLinks(u)) {
      for (int s = 0; s < n; s++) {
        int count = 0;
        int wanted;
        int old = u.previousId == null ? -1 : u.previousId[s];
        if (old >= 0) {
          int[] before = inherited.linksOf(old);
          for (int t : before) {
            int mapped = u.newIdOfPrevious[t];
            if (mapped >= 0 && mapped != s && random.nextDouble() < LINK_KEPT) {
              list = IntArrays.grow(list, count + 1);
              list[count++] = mapped;
            }
          }
          wanted =
              before.length > 0
                  ? count + poisson(random, LINK_GAINED * before.length)
                  : random.nextDouble() < 0.03 ? degree(random, mu, sigma, maxOut) : 0;
        } else {
          wanted =
              random.nextDouble() < linkProbability(u.popularity[s], n)
                  ? degree(random, mu, sigma, maxOut)
                  : 0;
        }
        wanted = Math.min(wanted, n - 1);
        for (int round = 0; round < 6 && count < wanted; round++) {
          int need = wanted - count;
          list = IntArrays.grow(list, wanted);
          for (int i = 0; i < need; i++) {
            int t = target(random, u, s);
            if (t != s) {
              list[count++] = t;
            }
          }
          count = sortUnique(list, count);
        }
        count = sortUnique(list, count);
        if (count > 0) {
          linkers++;
        }
        for (int i = 0; i < count; i++) {
          out.number(s).tab().number(list[i]).newline();
          inDegree[list[i]]++;
        }
        links += count;
        if ((s & 0xffff) == 0) {
          progress.update(s, links);
        }
      }
    }
    progress.finish(String.format("%,d links from %,d linking domains", links, linkers));
    return new long[] {links, linkers};
  }

  private void writeRanks(
      Spec spec, SplittableRandom random, Universe u, int[] inDegree, long links)
      throws IOException {
    int n = u.size();
    int maxIn = 1;
    for (int d : inDegree) {
      maxIn = Math.max(maxIn, d);
    }
    float[] harmonic = new float[n];
    float[] pageRank = new float[n];
    boolean[] ranked = new boolean[n];
    int rankedCount = 0;
    for (int v = 0; v < n; v++) {
      ranked[v] = random.nextDouble() >= spec.unrankedFraction();
      // Harmonic centrality grows with in-degree, sublinearly, and not in lockstep.
      double noise = Math.exp(0.1 * random.nextGaussian());
      harmonic[v] =
          inDegree[v] == 0
              ? 0f
              : (float) (0.3 * n * Math.pow((double) inDegree[v] / maxIn, 0.35) * noise);
      pageRank[v] =
          (float)
              ((0.15 / n + 0.85 * inDegree[v] / Math.max(1.0, links))
                  * Math.exp(0.5 * random.nextGaussian()));
      if (ranked[v]) {
        rankedCount++;
      }
    }
    int[] byHarmonic = new int[rankedCount];
    int k = 0;
    for (int v = 0; v < n; v++) {
      if (ranked[v]) {
        byHarmonic[k++] = v;
      }
    }
    int[] byPageRank = byHarmonic.clone();
    IntArrays.parallelQuickSort(
        byHarmonic,
        (a, b) -> {
          int c = Float.compare(harmonic[b], harmonic[a]);
          return c != 0 ? c : Integer.compare(a, b);
        });
    IntArrays.parallelQuickSort(
        byPageRank,
        (a, b) -> {
          int c = Float.compare(pageRank[b], pageRank[a]);
          return c != 0 ? c : Integer.compare(a, b);
        });
    int[] pageRankPosition = new int[n];
    for (int i = 0; i < byPageRank.length; i++) {
      pageRankPosition[byPageRank[i]] = i + 1;
    }
    progress.phase("ranks", rankedCount, "domains");
    try (TextOut out = new TextOut(spec.out().resolve(RANKS))) {
      out.ascii(RANKS_HEADER).newline();
      for (int i = 0; i < byHarmonic.length; i++) {
        int v = byHarmonic[i];
        out.number(i + 1)
            .tab()
            .ascii(Float.toString(harmonic[v]))
            .tab()
            .number(pageRankPosition[v])
            .tab()
            .ascii(Float.toString(pageRank[v]))
            .tab()
            .ascii(u.names[v])
            .tab()
            .number(u.hosts[v])
            .newline();
      }
    }
    progress.finish(String.format("%,d ranked domains", rankedCount));
  }

  /** The links of the previous release, read in order of their source as sources come up. */
  private static final class InheritedLinks implements AutoCloseable {
    private final InputSource.Opened in;
    private final TsvReader tsv;
    private final String file;
    private long from = -1;
    private long to;
    private long lastFrom = -1;
    private long lastTo = -1;
    private final IntArrayList list = new IntArrayList();

    InheritedLinks(Universe u) throws IOException {
      InputSource source = InputSource.of(u.previousEdges.toString());
      this.file = source.name();
      this.in = source.open();
      this.tsv = new TsvReader(in.content(), file);
      advance();
    }

    private void advance() throws IOException {
      if (tsv.next()) {
        tsv.expectFields(2, "from_id, to_id");
        from = tsv.number(0, "from_id");
        to = tsv.number(1, "to_id");
        if (from < lastFrom || (from == lastFrom && to <= lastTo)) {
          throw new IngestException(file, tsv.line(), "edges must be sorted to be continued");
        }
        lastFrom = from;
        lastTo = to;
      } else {
        from = Long.MAX_VALUE;
      }
    }

    int[] linksOf(int source) throws IOException {
      while (from < source) {
        advance();
      }
      list.clear();
      while (from == source) {
        list.add((int) to);
        advance();
      }
      return list.toIntArray();
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  // ------------------------------------------------------------------ sampling

  /**
   * A link target: by popularity (Zipf), within the suffix, lexicographically near, or anywhere.
   */
  private static int target(SplittableRandom random, Universe u, int source) {
    int n = u.size();
    double kind = random.nextDouble();
    if (kind < 0.55) {
      double x = Math.exp(random.nextDouble() * Math.log(n + 1.0));
      int rank = Math.min(n - 1, (int) x - 1);
      return u.byPopularity[rank];
    }
    if (kind < 0.80) {
      int b = u.block[source];
      return u.blockStart[b] + random.nextInt(u.blockEnd[b] - u.blockStart[b]);
    }
    if (kind < 0.90) {
      int step = 1 + (int) (-300 * Math.log(1 - random.nextDouble()));
      int t = random.nextBoolean() ? source + step : source - step;
      return Math.floorMod(t, n);
    }
    return random.nextInt(n);
  }

  /** Popular domains link out more often; on average about a third of domains link at all. */
  private static double linkProbability(int popularity, int n) {
    return 0.30 + 0.6 * Math.exp(-popularity / (0.01 * n));
  }

  private static double expectedLinkers(int n) {
    double sum = 0;
    for (int r = 0; r < n; r++) {
      sum += linkProbability(r, n);
    }
    return Math.max(1, sum);
  }

  private static int degree(SplittableRandom random, double mu, double sigma, int max) {
    double d = Math.exp(mu + sigma * random.nextGaussian());
    return (int) Math.max(1, Math.min(max, Math.round(d)));
  }

  private static int poisson(SplittableRandom random, double mean) {
    if (mean > 30) {
      return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
    }
    double limit = Math.exp(-mean);
    double p = random.nextDouble();
    int k = 0;
    while (p > limit) {
      p *= random.nextDouble();
      k++;
    }
    return k;
  }

  /** Hosts per domain: mostly one, a heavy tail, more for popular domains. */
  private static int hosts(SplittableRandom random, int popularity, int n) {
    double base =
        random.nextDouble() < 0.6 ? 1 : 1 + Math.floor(Math.pow(1 - random.nextDouble(), -1 / 1.3));
    double boost = 1 + 30 * Math.exp(-popularity / (0.001 * n));
    return (int) Math.min(5_000_000, Math.round(base * boost));
  }

  // ------------------------------------------------------------------ names

  /** {@code count} distinct reversed names, sorted, none of them in {@code taken} (sorted). */
  private static String[] uniqueNames(
      SplittableRandom random, int count, String[] taken, boolean userSites) {
    String[] names = new String[count];
    int have = 0;
    while (have < count) {
      for (int i = have; i < count; i++) {
        names[i] = name(random, userSites);
      }
      Arrays.parallelSort(names, 0, count);
      int unique = 0;
      for (int i = 0; i < count; i++) {
        if ((unique == 0 || !names[i].equals(names[unique - 1]))
            && Arrays.binarySearch(taken, names[i]) < 0) {
          names[unique++] = names[i];
        }
      }
      have = unique;
    }
    return names;
  }

  private static String name(SplittableRandom random, boolean userSites) {
    if (userSites && random.nextDouble() < 0.005) {
      return USER_SITE_PARENTS[random.nextInt(USER_SITE_PARENTS.length)]
          + "."
          + NameMaker.label(random);
    }
    return TldMix.pick(random) + "." + NameMaker.label(random);
  }

  private static String[] merge(String[] a, String[] b) {
    String[] out = new String[a.length + b.length];
    int i = 0;
    int j = 0;
    int k = 0;
    while (i < a.length || j < b.length) {
      if (j == b.length || (i < a.length && a[i].compareTo(b[j]) < 0)) {
        out[k++] = a[i++];
      } else {
        out[k++] = b[j++];
      }
    }
    return out;
  }

  /** Groups ids by top-level label: names sort by it, so each group is one run of ids. */
  private static void blocks(Universe u) {
    int n = u.size();
    u.block = new int[n];
    IntArrayList starts = new IntArrayList();
    IntArrayList ends = new IntArrayList();
    String current = null;
    for (int v = 0; v < n; v++) {
      String name = u.names[v];
      int dot = name.indexOf('.');
      String top = dot < 0 ? name : name.substring(0, dot);
      if (!top.equals(current)) {
        if (current != null) {
          ends.add(v);
        }
        starts.add(v);
        current = top;
      }
      u.block[v] = starts.size() - 1;
    }
    ends.add(n);
    u.blockStart = starts.toIntArray();
    u.blockEnd = ends.toIntArray();
  }

  private static void shuffle(int[] a, SplittableRandom random) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  private static int[] identity(int n) {
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = i;
    }
    return out;
  }

  private static int[] inverse(int[] permutation) {
    int[] out = new int[permutation.length];
    for (int i = 0; i < permutation.length; i++) {
      out[permutation[i]] = i;
    }
    return out;
  }

  private static int sortUnique(int[] a, int count) {
    if (count == 0) {
      return 0;
    }
    Arrays.sort(a, 0, count);
    int unique = 1;
    for (int i = 1; i < count; i++) {
      if (a[i] != a[unique - 1]) {
        a[unique++] = a[i];
      }
    }
    return unique;
  }
}
