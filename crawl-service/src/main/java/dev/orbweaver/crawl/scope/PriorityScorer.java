package dev.orbweaver.crawl.scope;

import dev.orbweaver.crawl.model.CrawlSpec;
import java.util.List;
import java.util.Locale;

/**
 * Scores a discovered URL 0.0–1.0 so that the frontier hands out the most wanted pages first: 0.5
 * to start, +0.15 per keyword found among the path segments (at most +0.3), +0.3 for a boost
 * pattern, −0.3 for a demote pattern, and a small penalty per level of depth so that ties favour
 * shallow pages.
 */
public final class PriorityScorer {
  private final List<String> keywords;
  private final List<PathPattern> boost;
  private final List<PathPattern> demote;

  public PriorityScorer(CrawlSpec.PriorityRules rules) {
    this.keywords = rules.keywords().stream().map(k -> k.toLowerCase(Locale.ROOT)).toList();
    this.boost = rules.boostPatterns().stream().map(PathPattern::glob).toList();
    this.demote = rules.demotePatterns().stream().map(PathPattern::glob).toList();
  }

  public double score(String path, int depth) {
    double score = 0.5;
    String lower = path.toLowerCase(Locale.ROOT);
    int hits = 0;
    for (String keyword : keywords) {
      for (String segment : lower.split("[/\\-_.?=&]")) {
        if (segment.equals(keyword) || segment.contains(keyword)) {
          hits++;
          break;
        }
      }
    }
    score += Math.min(0.3, 0.15 * hits);
    if (boost.stream().anyMatch(g -> g.matches(path))) {
      score += 0.3;
    }
    if (demote.stream().anyMatch(g -> g.matches(path))) {
      score -= 0.3;
    }
    score -= Math.min(0.1, 0.01 * depth);
    return Math.max(0.0, Math.min(1.0, score));
  }
}
