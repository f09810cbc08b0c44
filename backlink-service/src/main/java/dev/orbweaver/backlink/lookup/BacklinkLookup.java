package dev.orbweaver.backlink.lookup;

import dev.orbweaver.backlink.release.ReleaseCatalog;
import dev.orbweaver.graph.domain.DomainName;
import dev.orbweaver.graph.query.BacklinkOrder;
import dev.orbweaver.graph.query.Backlinks;
import dev.orbweaver.graph.query.LinkingDomain;
import dev.orbweaver.graph.store.Release;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.OptionalInt;

/** Who links to a domain in a release. A domain the release lacks has no linking domains. */
@ApplicationScoped
public class BacklinkLookup {
  /** The contract's cap: the API is for programmatic use, not bulk export. */
  public static final int MAX_LIMIT = 10_000;

  public static final int DEFAULT_LIMIT = 1_000;

  private final ReleaseCatalog catalog;

  @Inject
  public BacklinkLookup(ReleaseCatalog catalog) {
    this.catalog = catalog;
  }

  public Answer backlinks(DomainName domain, String releaseId, int limit, BacklinkOrder order) {
    Release release = catalog.resolve("release_id", releaseId);
    OptionalInt vertex = release.vertexOf(domain);
    if (vertex.isEmpty()) {
      return new Answer(domain, release, 0, List.of());
    }
    Backlinks.Page page = Backlinks.top(release, vertex.getAsInt(), limit, order);
    return new Answer(domain, release, page.total(), page.results());
  }

  /** The answer: in-degree ({@code total}) and the first linking domains in the asked order. */
  public record Answer(
      DomainName domain, Release release, int total, List<LinkingDomain> results) {}
}
