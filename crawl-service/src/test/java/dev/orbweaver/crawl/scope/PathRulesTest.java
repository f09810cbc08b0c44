package dev.orbweaver.crawl.scope;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orbweaver.crawl.model.CrawlSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PathRulesTest {

  @Test
  void globsTakeWholeSubtreesAndMatchAnywhereWithoutALeadingSlash() {
    assertThat(PathPattern.glob("/products/*").matches("/products/shoes/red")).isTrue();
    assertThat(PathPattern.glob("/products/*").matches("/product")).isFalse();
    assertThat(PathPattern.glob("/pricing*").matches("/pricing?plan=pro")).isTrue();
    assertThat(PathPattern.glob("tag/*").matches("/blog/tag/java")).isTrue();
    assertThat(PathPattern.glob("/a?c").matches("/abc")).isTrue();
    assertThat(PathPattern.glob("/a.c").matches("/abc")).isFalse();
    // Everything but * and ? is itself, regex syntax included.
    assertThat(PathPattern.glob("/p/(a|b)+[x]").matches("/p/(a|b)+[x]")).isTrue();
    assertThat(PathPattern.glob("/p/(a|b)+[x]").matches("/p/a")).isFalse();
    assertThat(PathPattern.glob("/caf\u00e9/*").matches("/caf\u00e9/menu")).isTrue();
  }

  @Test
  void theMostSpecificBudgetPatternWinsAndStarCatchesTheRest() {
    PathBudget budget =
        new PathBudget(Map.of("/products/*", 100, "/products/sale/*", 10, "/blog/*", 50, "*", 5));
    assertThat(budget.ruleFor("/products/sale/hat").map(PathBudget.Rule::pattern))
        .contains("/products/sale/*");
    assertThat(budget.ruleFor("/products/hat").map(PathBudget.Rule::pattern))
        .contains("/products/*");
    assertThat(budget.ruleFor("/about").map(PathBudget.Rule::pattern)).contains("*");
    assertThat(new PathBudget(Map.of("/blog/*", 1)).ruleFor("/about")).isEmpty();
  }

  @Test
  void priorityRewardsKeywordsAndBoostsAndPunishesDemotions() {
    PriorityScorer scorer =
        new PriorityScorer(
            new CrawlSpec.PriorityRules(
                List.of("pricing", "product"), List.of("/products/*"), List.of("/blog/tag/*")));
    double product = scorer.score("/products/pricing", 1);
    double plain = scorer.score("/about", 1);
    double demoted = scorer.score("/blog/tag/java", 1);
    assertThat(product).isGreaterThan(plain).isLessThanOrEqualTo(1.0);
    assertThat(demoted).isLessThan(plain).isGreaterThanOrEqualTo(0.0);
    assertThat(scorer.score("/about", 1)).isGreaterThan(scorer.score("/about", 5));
  }
}
