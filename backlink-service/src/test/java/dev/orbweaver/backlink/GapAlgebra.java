package dev.orbweaver.backlink;

import dev.orbweaver.graph.testing.CrawlFiles;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Gap and outreach answers computed with plain sets from the source files. */
public final class GapAlgebra {
  private GapAlgebra() {}

  public static Set<Integer> linking(CrawlFiles files, int v) {
    Set<Integer> out = new HashSet<>();
    if (v >= 0) {
      for (int from : files.linking()[v]) {
        out.add(from);
      }
    }
    return out;
  }

  /**
   * (∪ linking(competitor)) \ linking(mine) \ {mine}, with at least {@code minOverlap} competitors
   * each, not in {@code denied}, in authority order.
   */
  public static List<Integer> gaps(
      CrawlFiles files,
      int mine,
      List<Integer> competitors,
      int minOverlap,
      Collection<Integer> denied) {
    Set<Integer> union = new HashSet<>();
    for (int c : competitors) {
      union.addAll(linking(files, c));
    }
    union.removeAll(linking(files, mine));
    union.remove(mine);
    union.removeAll(denied);
    TreeSet<Integer> ranked = new TreeSet<>(files.authorityOrder());
    for (int v : union) {
      if (foundOn(files, v, competitors).size() >= minOverlap) {
        ranked.add(v);
      }
    }
    return new ArrayList<>(ranked);
  }

  public static List<String> foundOn(CrawlFiles files, int v, List<Integer> competitors) {
    List<String> out = new ArrayList<>();
    for (int c : competitors) {
      if (linking(files, c).contains(v)) {
        out.add(files.domain(c));
      }
    }
    return out;
  }

  /** The API's gap entries for the first {@code limit} gaps. */
  public static List<Map<String, Object>> gapEntries(
      CrawlFiles files, List<Integer> gaps, List<Integer> competitors, int limit) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (int v : gaps.subList(0, Math.min(limit, gaps.size()))) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("linking_domain", files.domain(v));
      entry.put("found_on", foundOn(files, v, competitors));
      out.add(entry);
    }
    return out;
  }
}
