package dev.orbweaver.auth.plan;

import io.smallrye.config.ConfigMapping;
import java.util.Map;
import java.util.Optional;

/**
 * Limits per plan, e.g. {@code orbweaver.plans.lifetime.quotas.backlinks=1000}. A resource that a
 * plan does not name is unlimited on that plan.
 */
@ConfigMapping(prefix = "orbweaver.plans")
public interface PlanConfig {
  PlanLimits free();

  PlanLimits lifetime();

  PlanLimits selfhost();

  default PlanLimits of(Plan plan) {
    return switch (plan) {
      case FREE -> free();
      case LIFETIME -> lifetime();
      case SELFHOST -> selfhost();
    };
  }

  interface PlanLimits {
    /** Monthly quota per metered resource (calls, or jobs for gap). */
    Map<String, Long> quotas();

    /** How many of a thing may run at once (e.g. crawls). */
    Map<String, Long> concurrency();

    /** Credits granted when an account starts on this plan; absent means unlimited. */
    Optional<Long> credits();
  }
}
