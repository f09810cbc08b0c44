package dev.orbweaver.backlink.gap;

import dev.orbweaver.backlink.BacklinkConfig;
import dev.orbweaver.backlink.release.ReleaseCatalog;
import dev.orbweaver.common.error.ApiException;
import dev.orbweaver.common.id.Ids;
import dev.orbweaver.common.principal.Principal;
import dev.orbweaver.common.sql.Jdbc;
import dev.orbweaver.graph.domain.DomainName;
import dev.orbweaver.graph.store.Release;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Gap-analysis jobs as the API sees them: submitted by an account against a release (the latest
 * unless named), polled by that account alone, forgotten after the retention period.
 */
@ApplicationScoped
public class GapJobs {
  private static final Logger LOG = Logger.getLogger(GapJobs.class);

  private final Jdbc jdbc;
  private final GapJobRepository repository;
  private final GapJobWorker worker;
  private final ReleaseCatalog catalog;
  private final BacklinkConfig.Gap config;
  private final Clock clock;

  @Inject
  public GapJobs(
      DataSource dataSource,
      GapJobRepository repository,
      GapJobWorker worker,
      ReleaseCatalog catalog,
      BacklinkConfig config,
      Clock clock) {
    this.jdbc = new Jdbc(dataSource);
    this.repository = repository;
    this.worker = worker;
    this.catalog = catalog;
    this.config = config.gap();
    this.clock = clock;
  }

  public GapJob submit(
      Principal caller, DomainName myDomain, List<DomainName> competitors, String releaseId) {
    Release release = catalog.resolve("release_id", releaseId);
    GapJob job =
        new GapJob(
            Ids.prefixed("gap", 16),
            caller.accountId(),
            caller.projectId(),
            release.id(),
            myDomain.name(),
            competitors.stream().map(DomainName::name).toList(),
            GapStatus.QUEUED,
            0,
            0,
            null,
            null,
            null,
            clock.instant(),
            null,
            null);
    jdbc.inTransaction(
        c -> {
          repository.insert(c, job);
          return null;
        });
    worker.wake();
    return job;
  }

  /** The caller's job; 404 for another account's, an unknown or an expired one. */
  public GapJob find(Principal caller, String id) {
    Instant notBefore = clock.instant().minus(config.retention());
    return jdbc.withConnection(c -> repository.find(c, caller.accountId(), id, notBefore))
        .orElseThrow(() -> ApiException.notFound("No gap-analysis job '" + id + "'."));
  }

  /** Drops jobs older than the retention period. */
  @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  public void purge() {
    Instant cutoff = clock.instant().minus(config.retention());
    int purged = jdbc.inTransaction(c -> repository.purge(c, cutoff));
    if (purged > 0) {
      LOG.infof("Purged %d gap jobs submitted before %s", purged, cutoff);
    }
  }
}
