package dev.orbweaver.backlink.gap;

import dev.orbweaver.backlink.BacklinkConfig;
import dev.orbweaver.backlink.release.ReleaseCatalog;
import dev.orbweaver.common.error.ApiException;
import dev.orbweaver.common.sql.Jdbc;
import dev.orbweaver.graph.domain.DomainName;
import dev.orbweaver.graph.query.GapAnalysis;
import dev.orbweaver.graph.store.Release;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Computes queued gap jobs. Any replica's worker may take any job: claiming is a lease in the
 * database, renewed while the job runs, so a job whose replica died (or restarted) is taken over
 * when its lease runs out. Jobs submitted here start at once; others are found by polling.
 */
@ApplicationScoped
public class GapJobWorker {
  private static final Logger LOG = Logger.getLogger(GapJobWorker.class);
  private static final long PROGRESS_EVERY_MS = 250;

  private final Jdbc jdbc;
  private final GapJobRepository repository;
  private final ReleaseCatalog catalog;
  private final BacklinkConfig.Gap config;
  private final Clock clock;
  private final ExecutorService executor;
  private final Semaphore slots;

  @Inject
  public GapJobWorker(
      DataSource dataSource,
      GapJobRepository repository,
      ReleaseCatalog catalog,
      BacklinkConfig config,
      Clock clock) {
    this.jdbc = new Jdbc(dataSource);
    this.repository = repository;
    this.catalog = catalog;
    this.config = config.gap();
    this.clock = clock;
    this.executor =
        Executors.newFixedThreadPool(
            this.config.workers(), Thread.ofPlatform().name("gap-worker-", 0).daemon().factory());
    this.slots = new Semaphore(this.config.workers());
  }

  void onStop(@Observes ShutdownEvent event) {
    // Running jobs keep their lease; whoever runs next takes them over when it expires.
    executor.shutdownNow();
  }

  @Scheduled(
      every = "${orbweaver.backlink.gap.poll-interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void poll() {
    wake();
  }

  /** Starts a worker if one is free; each worker that finds a job wakes the next. */
  public void wake() {
    if (executor.isShutdown() || !slots.tryAcquire()) {
      return;
    }
    try {
      executor.execute(
          () -> {
            try {
              drain();
            } catch (RuntimeException e) {
              LOG.errorf(e, "Gap worker stopped on an error; the next poll restarts it");
            } finally {
              slots.release();
            }
          });
    } catch (RuntimeException e) {
      slots.release();
    }
  }

  private void drain() {
    while (!Thread.currentThread().isInterrupted()) {
      Instant now = clock.instant();
      Optional<GapJob> claimed =
          jdbc.inTransaction(c -> repository.claim(c, now, now.plus(config.lease())));
      if (claimed.isEmpty()) {
        return;
      }
      wake();
      run(claimed.get());
    }
  }

  private void run(GapJob job) {
    if (job.attempts() > config.maxAttempts()) {
      finishFailed(job, "internal_error", "Gave up after " + config.maxAttempts() + " attempts.");
      return;
    }
    try {
      Release release;
      try {
        release = catalog.resolve("release_id", job.releaseId());
      } catch (ApiException e) {
        finishFailed(job, "not_found", "Release " + job.releaseId() + " is no longer available.");
        return;
      }
      GapOutcome outcome = compute(job, release);
      Instant now = clock.instant();
      if (!jdbc.inTransaction(
          c -> repository.complete(c, job.id(), job.attempts(), outcome, now))) {
        LOG.warnf("Gap job %s was taken over before it completed here", job.id());
      }
    } catch (RuntimeException e) {
      LOG.errorf(e, "Gap job %s failed on attempt %d", job.id(), job.attempts());
      if (job.attempts() >= config.maxAttempts()) {
        finishFailed(job, "internal_error", "Gap analysis failed; quote " + job.id() + ".");
      } else {
        jdbc.inTransaction(c -> repository.requeue(c, job.id(), job.attempts()));
      }
    }
  }

  private GapOutcome compute(GapJob job, Release release) {
    List<String> competitors = job.competitorDomains();
    int[] ids = new int[competitors.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = release.vertexOf(new DomainName(competitors.get(i))).orElse(-1);
    }
    int mine = release.vertexOf(new DomainName(job.myDomain())).orElse(-1);
    long[] lastWrite = {System.currentTimeMillis()};
    GapAnalysis.Result result =
        GapAnalysis.run(
            release,
            mine,
            ids,
            config.maxListedGaps(),
            pct -> {
              long now = System.currentTimeMillis();
              if (now - lastWrite[0] >= PROGRESS_EVERY_MS) {
                lastWrite[0] = now;
                Instant lease = clock.instant().plus(config.lease());
                jdbc.inTransaction(
                    c ->
                        repository.progress(c, job.id(), job.attempts(), Math.min(99, pct), lease));
              }
            });
    String[] names =
        release.domains(result.gaps().stream().mapToInt(GapAnalysis.Gap::vertex).toArray());
    List<GapOutcome.Gap> gaps = new ArrayList<>(result.gaps().size());
    for (int g = 0; g < names.length; g++) {
      GapAnalysis.Gap gap = result.gaps().get(g);
      List<String> foundOn = new ArrayList<>();
      for (int i = 0; i < competitors.size(); i++) {
        if ((gap.competitors() & (1 << i)) != 0) {
          foundOn.add(competitors.get(i));
        }
      }
      gaps.add(new GapOutcome.Gap(names[g], foundOn));
    }
    return new GapOutcome(job.myDomain(), competitors, release.id(), result.total(), gaps);
  }

  private void finishFailed(GapJob job, String code, String message) {
    Instant now = clock.instant();
    jdbc.inTransaction(c -> repository.fail(c, job.id(), job.attempts(), code, message, now));
  }
}
