package dev.orbweaver.crawl.billing;

import dev.orbweaver.common.error.ApiException;
import dev.orbweaver.crawl.config.CrawlConfig;
import dev.orbweaver.crawl.model.CrawlSpec;
import dev.orbweaver.crawl.model.Tier;
import dev.orbweaver.crawl.worker.PageFetchers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which tier fetches a crawl's pages, and what a page costs there. The tiers on offer are those a
 * page fetcher serves (today tier 1, plain HTTP); a crawl gets the tier it forces, or else the
 * cheapest served within its max_tier, or tier 4 when it asks for JavaScript rendering and a
 * renderer is there. What cannot be served is refused, never quietly swapped for another tier.
 */
@ApplicationScoped
public class Tiers {
  private final Set<Tier> served;
  private final Map<String, Integer> prices;

  @Inject
  public Tiers(PageFetchers fetchers, CrawlConfig config) {
    this.served = fetchers.served();
    this.prices = config.tierCredits();
    for (Tier tier : served) {
      Integer price = prices.get(tier.wire());
      if (price == null || price < 0) {
        throw new IllegalStateException(
            "tier "
                + tier.wire()
                + " is served but has no price: set orbweaver.crawl.tier-credits."
                + tier.wire());
      }
    }
  }

  /** The tier a crawl's pages are fetched at, with what its choice leaves to say. */
  public record Choice(Tier tier, int credits, List<String> warnings) {}

  /**
   * Chooses the tier for cost controls that are valid on their own (force_tier within max_tier,
   * rendering not capped below tier 4); throws a 400 for a tier this installation does not serve.
   */
  public Choice choose(CrawlSpec.CostControls costs) {
    List<String> warnings = new ArrayList<>();
    Tier tier;
    if (costs.forceTier() != null) {
      if (!served.contains(costs.forceTier())) {
        throw ApiException.validation(
            "cost_controls.force_tier "
                + costs.forceTier().wire()
                + " is not available in this installation: it fetches pages at "
                + offer()
                + ". Headless rendering (tier 4) is not available yet.");
      }
      tier = costs.forceTier();
    } else {
      Tier ceiling = costs.maxTier() == null ? Tier.T4 : costs.maxTier();
      if (costs.rendering() && served.contains(Tier.T4) && ceiling == Tier.T4) {
        tier = Tier.T4;
      } else {
        tier =
            served.stream()
                .filter(t -> t.compareTo(ceiling) <= 0)
                .findFirst()
                .orElseThrow(
                    () ->
                        ApiException.validation(
                            "cost_controls.max_tier "
                                + ceiling.wire()
                                + " is below every tier this installation serves: "
                                + offer()));
        if (costs.rendering()) {
          warnings.add(
              "JavaScript rendering (tier 4) is not available yet; pages are fetched at tier "
                  + tier.wire()
                  + " and billed as such.");
        }
      }
    }
    return new Choice(tier, prices.get(tier.wire()), List.copyOf(warnings));
  }

  private String offer() {
    return "tier "
        + served.stream().map(Tier::wire).collect(Collectors.joining(", "))
        + (served.equals(Set.of(Tier.T1)) ? " (plain HTTP) only" : "");
  }
}
