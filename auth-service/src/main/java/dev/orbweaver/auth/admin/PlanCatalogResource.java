package dev.orbweaver.auth.admin;

import dev.orbweaver.auth.plan.Limits;
import dev.orbweaver.auth.plan.Plan;
import dev.orbweaver.auth.plan.Resources;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plans an operator can put an account on, with what each allows; the console's admin page
 * shows them next to the accounts. A limit of null is unlimited.
 */
@AdminOnly
@Path("/admin/v1/plans")
@Produces(MediaType.APPLICATION_JSON)
public class PlanCatalogResource {
  private final Limits limits;

  @Inject
  public PlanCatalogResource(Limits limits) {
    this.limits = limits;
  }

  @GET
  public Map<String, List<PlanView>> list() {
    return Map.of(
        "plans",
        Arrays.stream(Plan.values())
            .map(
                plan ->
                    new PlanView(
                        plan.wireName(),
                        limitsOf(plan, Limits.Kind.QUOTA, Resources.QUOTAS),
                        limitsOf(plan, Limits.Kind.CONCURRENCY, Resources.CONCURRENCY),
                        limits.startingCredits(plan).orElse(null)))
            .toList());
  }

  private Map<String, Long> limitsOf(Plan plan, Limits.Kind kind, List<String> resources) {
    Map<String, Long> out = new LinkedHashMap<>();
    resources.forEach(r -> out.put(r, limits.planLimit(plan, kind, r).max()));
    return out;
  }

  /** A plan's monthly quotas and concurrency limits by resource, and its starting credits. */
  public record PlanView(
      String plan, Map<String, Long> quotas, Map<String, Long> concurrency, Long credits) {}
}
