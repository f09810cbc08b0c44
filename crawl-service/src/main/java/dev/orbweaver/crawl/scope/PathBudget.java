package dev.orbweaver.crawl.scope;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Per-path page budgets: each URL counts against the most specific pattern that matches it (the
 * longest, wildcards aside); {@code *} is the catch-all.
 */
public final class PathBudget {
  private final List<Rule> rules;

  public PathBudget(Map<String, Integer> budget) {
    this.rules =
        budget.entrySet().stream()
            .map(e -> new Rule(PathPattern.glob(e.getKey()), e.getValue()))
            .sorted(
                Comparator.comparingInt(Rule::specificity).reversed().thenComparing(Rule::pattern))
            .toList();
  }

  public boolean empty() {
    return rules.isEmpty();
  }

  /** The rule a path counts against, if any. */
  public Optional<Rule> ruleFor(String path) {
    for (Rule rule : rules) {
      if (rule.glob().matches(path)) {
        return Optional.of(rule);
      }
    }
    return Optional.empty();
  }

  /** A glob and how many pages it may take. */
  public record Rule(PathPattern glob, int pages) {
    public String pattern() {
      return glob.source();
    }

    /** How specific the glob is: its length without wildcards (the most specific wins). */
    int specificity() {
      return pattern().replace("*", "").replace("?", "").length();
    }
  }
}
