package dev.orbweaver.backlink.outreach;

import dev.orbweaver.backlink.release.ReleaseCatalog;
import dev.orbweaver.graph.domain.DomainName;
import dev.orbweaver.graph.query.GapAnalysis;
import dev.orbweaver.graph.query.LinkingDomain;
import dev.orbweaver.graph.query.OutreachTargets;
import dev.orbweaver.graph.store.Release;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/**
 * The warm-outreach list: domains linking to at least {@code minOverlap} competitors but not to my
 * domain, minus the deny list, ranked by authority.
 */
@ApplicationScoped
public class OutreachPlanner {
  private final ReleaseCatalog catalog;
  private final DenyList denyList;

  @Inject
  public OutreachPlanner(ReleaseCatalog catalog, DenyList denyList) {
    this.catalog = catalog;
    this.denyList = denyList;
  }

  public Plan plan(
      DomainName myDomain,
      List<DomainName> competitors,
      int minOverlap,
      int limit,
      String releaseId) {
    Release release = catalog.resolve("release_id", releaseId);
    int[] ids = new int[competitors.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = release.vertexOf(competitors.get(i)).orElse(-1);
    }
    OutreachTargets.Result result =
        OutreachTargets.run(
            release,
            release.vertexOf(myDomain).orElse(-1),
            ids,
            minOverlap,
            denyList.of(release),
            limit);
    List<LinkingDomain> domains =
        LinkingDomain.all(
            release, result.targets().stream().mapToInt(GapAnalysis.Gap::vertex).toArray());
    List<Target> targets = new ArrayList<>(result.targets().size());
    for (int t = 0; t < domains.size(); t++) {
      GapAnalysis.Gap gap = result.targets().get(t);
      List<DomainName> foundOn = new ArrayList<>();
      for (int i = 0; i < competitors.size(); i++) {
        if ((gap.competitors() & (1 << i)) != 0) {
          foundOn.add(competitors.get(i));
        }
      }
      targets.add(new Target(domains.get(t), foundOn));
    }
    return new Plan(release, result.total(), targets, denyList.version());
  }

  public record Target(LinkingDomain domain, List<DomainName> foundOn) {}

  public record Plan(Release release, long total, List<Target> targets, String denyListVersion) {}
}
