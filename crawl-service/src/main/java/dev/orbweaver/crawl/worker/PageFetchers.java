package dev.orbweaver.crawl.worker;

import dev.orbweaver.crawl.model.Tier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The page fetchers this installation runs, one per tier it serves. A renderer for tier 4 joins by
 * being one more {@link PageFetcher} bean, with its price in {@code
 * orbweaver.crawl.tier-credits.4}.
 */
@ApplicationScoped
public class PageFetchers {
  private final Map<Tier, PageFetcher> byTier = new EnumMap<>(Tier.class);

  @Inject
  public PageFetchers(@Any Instance<PageFetcher> fetchers) {
    for (PageFetcher fetcher : fetchers) {
      PageFetcher other = byTier.putIfAbsent(fetcher.tier(), fetcher);
      if (other != null) {
        throw new IllegalStateException(
            "two page fetchers serve tier "
                + fetcher.tier().wire()
                + ": "
                + other.getClass().getName()
                + " and "
                + fetcher.getClass().getName());
      }
    }
  }

  /** The tiers served, cheapest first. */
  public Set<Tier> served() {
    return Collections.unmodifiableSet(byTier.keySet());
  }

  public Optional<PageFetcher> forTier(Tier tier) {
    return Optional.ofNullable(byTier.get(tier));
  }
}
