package dev.orbweaver.graph.testing;

import dev.orbweaver.graph.domain.Authority;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * A release's three Common Crawl files read the naive way (Strings, split, boxed lists), as the
 * reference the store's answers are checked against. Nothing here shares code with the ingest.
 */
public record CrawlFiles(
    List<String> reversedNames,
    int[] hosts,
    int[] harmonicPosition,
    int[] pageRankPosition,
    int lastHarmonicPosition,
    int[][] linking,
    long edges) {

  public static final String VERTICES = "domain-vertices.txt.gz";
  public static final String EDGES = "domain-edges.txt.gz";
  public static final String RANKS = "domain-ranks.txt.gz";

  public static CrawlFiles read(Path dir) throws IOException {
    List<String> names = new ArrayList<>();
    List<Integer> hosts = new ArrayList<>();
    for (String line : lines(dir.resolve(VERTICES))) {
      String[] f = line.split("\t");
      if (Integer.parseInt(f[0]) != names.size()) {
        throw new IllegalStateException("ids out of order at " + line);
      }
      names.add(f[1]);
      hosts.add(Integer.parseInt(f[2]));
    }
    Map<String, Integer> id = new HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      id.put(names.get(i), i);
    }
    int n = names.size();
    int[] hc = new int[n];
    int[] pr = new int[n];
    int last = 0;
    List<String> ranks = lines(dir.resolve(RANKS));
    for (String line : ranks.subList(1, ranks.size())) {
      String[] f = line.split("\t");
      int position = Integer.parseInt(f[0]);
      last = Math.max(last, position);
      Integer v = id.get(f[4]);
      if (v != null && hc[v] == 0) {
        hc[v] = position;
        pr[v] = Integer.parseInt(f[2]);
      }
    }
    List<List<Integer>> in = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      in.add(new ArrayList<>());
    }
    long edges = 0;
    for (String line : lines(dir.resolve(EDGES))) {
      String[] f = line.split("\t");
      int from = Integer.parseInt(f[0]);
      int to = Integer.parseInt(f[1]);
      if (from != to) {
        in.get(to).add(from);
      }
    }
    int[][] linking = new int[n][];
    for (int i = 0; i < n; i++) {
      linking[i] = in.get(i).stream().mapToInt(Integer::intValue).distinct().sorted().toArray();
      edges += linking[i].length;
    }
    return new CrawlFiles(
        names, hosts.stream().mapToInt(Integer::intValue).toArray(), hc, pr, last, linking, edges);
  }

  public static List<String> lines(Path file) throws IOException {
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.US_ASCII))) {
      return reader.lines().toList();
    }
  }

  public int size() {
    return reversedNames.size();
  }

  /** The domain of original id {@code v}, written forwards. */
  public String domain(int v) {
    List<String> labels = new ArrayList<>(Arrays.asList(reversedNames.get(v).split("\\.")));
    java.util.Collections.reverse(labels);
    return String.join(".", labels);
  }

  public int id(String domain) {
    for (int i = 0; i < size(); i++) {
      if (domain(i).equals(domain)) {
        return i;
      }
    }
    return -1;
  }

  /** cg_authority or null. */
  public Integer authority(int v) {
    return hc(v) == 0 ? null : Authority.of(hc(v), lastHarmonicPosition);
  }

  public Integer rank(int v) {
    return pageRankPosition[v] == 0 ? null : pageRankPosition[v];
  }

  private int hc(int v) {
    return harmonicPosition[v];
  }

  /**
   * The API's default order: authority desc (unranked last), hosts desc, then harmonic position,
   * then name.
   */
  public Comparator<Integer> authorityOrder() {
    return Comparator.<Integer>comparingInt(v -> authority(v) == null ? -1 : authority(v))
        .reversed()
        .thenComparing(Comparator.<Integer>comparingInt(v -> hosts[v]).reversed())
        .thenComparingInt(v -> hc(v) == 0 ? Integer.MAX_VALUE : hc(v))
        .thenComparingInt(v -> v);
  }

  /** The legacy order: hosts desc, ties in authority order. */
  public Comparator<Integer> hostsOrder() {
    return Comparator.<Integer>comparingInt(v -> hosts[v])
        .reversed()
        .thenComparing(authorityOrder());
  }

  /** Linking domains of {@code v} (original ids) sorted by {@code order}. */
  public List<Integer> linkingSorted(int v, Comparator<Integer> order) {
    return Arrays.stream(linking[v]).boxed().sorted(order).toList();
  }
}
