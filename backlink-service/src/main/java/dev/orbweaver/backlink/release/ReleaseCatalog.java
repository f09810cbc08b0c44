package dev.orbweaver.backlink.release;

import dev.orbweaver.backlink.BacklinkConfig;
import dev.orbweaver.common.error.ApiException;
import dev.orbweaver.common.error.ErrorKind;
import dev.orbweaver.graph.store.Release;
import dev.orbweaver.graph.store.ReleaseManifest;
import dev.orbweaver.graph.store.ReleaseStore;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The releases this replica serves: it reads the shared store directory at start and then on a
 * schedule, opens releases that appeared (committed by an ingest anywhere), and drops the ones that
 * were removed. A release whose files do not open is listed as unavailable, never half-served.
 */
@ApplicationScoped
public class ReleaseCatalog {
  private static final Logger LOG = Logger.getLogger(ReleaseCatalog.class);

  private final ReleaseStore store;
  private volatile List<Entry> entries = List.of();

  @Inject
  public ReleaseCatalog(BacklinkConfig config) {
    this.store = new ReleaseStore(config.storeDir());
  }

  /** A committed release, open when {@code release} is set. */
  public record Entry(ReleaseManifest manifest, Release release) {
    public boolean available() {
      return release != null;
    }

    public String id() {
      return manifest.releaseId();
    }
  }

  void onStart(@Observes StartupEvent event) {
    refresh();
    LOG.infof("Serving %d releases from %s", entries.size(), store.root().toAbsolutePath());
  }

  /** Picks up releases committed or removed since the last look. */
  @Scheduled(
      every = "${orbweaver.backlink.scan-interval}",
      delayed = "${orbweaver.backlink.scan-interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  public synchronized void refresh() {
    List<ReleaseManifest> committed;
    try {
      committed = store.committed();
    } catch (IOException e) {
      LOG.errorf(e, "Cannot read the release store %s; keeping what is open", store.root());
      return;
    }
    Map<String, Entry> open = new HashMap<>();
    for (Entry entry : entries) {
      open.put(key(entry.manifest()), entry);
    }
    List<Entry> next = new ArrayList<>();
    for (ReleaseManifest manifest : committed) {
      Entry known = open.get(key(manifest));
      if (known != null) {
        next.add(known);
        continue;
      }
      try {
        next.add(new Entry(manifest, store.open(manifest.releaseId())));
        LOG.infof("Opened release %s (%s)", manifest.releaseId(), manifest.label());
      } catch (IOException | RuntimeException e) {
        LOG.errorf("Release %s cannot be opened: %s", manifest.releaseId(), e.getMessage());
        next.add(new Entry(manifest, null));
      }
    }
    entries = List.copyOf(next);
  }

  /** The same id ingested again after a removal is another release. */
  private static String key(ReleaseManifest manifest) {
    return manifest.releaseId() + "@" + manifest.ingestedAt();
  }

  /** Every committed release, newest first. */
  public List<Entry> entries() {
    return entries;
  }

  /** The newest available release; 503 while none has been ingested. */
  public Release latest() {
    return entries.stream()
        .filter(Entry::available)
        .findFirst()
        .map(Entry::release)
        .orElseThrow(
            () ->
                new ApiException(
                    ErrorKind.UNAVAILABLE,
                    "No release has been ingested yet; run ./orbweaver ingest first."));
  }

  /** The release the caller named, or the latest when {@code id} is null. */
  public Release resolve(String field, String id) {
    if (id == null) {
      return latest();
    }
    for (Entry entry : entries) {
      if (entry.id().equals(id)) {
        if (!entry.available()) {
          throw ApiException.validation(
              field + " '" + id + "' is not available right now; see GET /api/v1/releases.");
        }
        return entry.release();
      }
    }
    throw ApiException.validation(
        field + " '" + id + "' is not a known release; see GET /api/v1/releases.");
  }

  /** The newest available release older than {@code release}. */
  public Optional<Release> previous(Release release) {
    boolean seen = false;
    for (Entry entry : entries) {
      if (seen && entry.available()) {
        return Optional.of(entry.release());
      }
      if (entry.release() == release) {
        seen = true;
      }
    }
    return Optional.empty();
  }

  /** Whether {@code a} is older than {@code b} in the catalogue's order. */
  public boolean isOlder(Release a, Release b) {
    return ReleaseStore.newestFirst().compare(a.manifest(), b.manifest()) > 0;
  }
}
