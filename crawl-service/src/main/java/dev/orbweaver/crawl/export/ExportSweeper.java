package dev.orbweaver.crawl.export;

import dev.orbweaver.storage.ObjectStore;
import dev.orbweaver.storage.ObjectSummary;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Deletes the platform's crawl exports once they are past their retention (AlterLab: 30 days),
 * judged by the objects' own age, so that an export outlives neither its promise nor a crawl row
 * purged before it. Deleting is idempotent, so any number of instances may sweep.
 */
@ApplicationScoped
public class ExportSweeper {
  private static final Logger LOG = Logger.getLogger(ExportSweeper.class);

  private final PlatformStore platform;
  private final StorageConfig config;

  @Inject
  public ExportSweeper(PlatformStore platform, StorageConfig config) {
    this.platform = platform;
    this.config = config;
  }

  @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void scheduled() {
    try {
      sweep(Instant.now());
    } catch (RuntimeException e) {
      LOG.debugf("export sweep paused: %s", e.getMessage());
    }
  }

  /** Deletes the exports last written before {@code now} minus the retention; returns how many. */
  public int sweep(Instant now) {
    Optional<ObjectStore> store = platform.get();
    if (store.isEmpty()) {
      return 0;
    }
    Instant cutoff = now.minus(config.exportRetention());
    int deleted = 0;
    for (ObjectSummary object : store.get().list(CrawlExporter.PLATFORM_PREFIX)) {
      if (object.lastModified() != null && object.lastModified().isBefore(cutoff)) {
        store.get().delete(object.key());
        deleted++;
      }
    }
    if (deleted > 0) {
      LOG.infof("Deleted %d crawl exports past their retention", deleted);
    }
    return deleted;
  }
}
