package dev.orbweaver.scrape.batch;

import dev.orbweaver.common.error.ApiException;
import dev.orbweaver.common.principal.Principal;
import dev.orbweaver.scrape.config.ScrapeConfig;
import dev.orbweaver.scrape.llm.LlmCredentials;
import dev.orbweaver.scrape.scrape.ScrapeService;
import dev.orbweaver.scrape.scrape.ScrapeSpec;
import dev.orbweaver.scrape.scrape.ScrapedPage;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Works batch jobs on virtual threads: claims pages from PostgreSQL as slots free up, scrapes each,
 * stores the document or the failure, and ends a job when its last page is done. A new job wakes it
 * at once; otherwise it looks every poll interval for work other replicas queued or left behind
 * (expired leases), so jobs survive restarts. Expired jobs are deleted once a minute.
 */
@ApplicationScoped
public class BatchRunner {
  private static final Logger LOG = Logger.getLogger(BatchRunner.class);
  private static final Duration EXPIRY_SWEEP = Duration.ofMinutes(1);

  private final BatchRepository repository;
  private final ScrapeService scrapes;
  private final BatchSecrets secrets;
  private final ScrapeConfig.Batch config;
  private final Semaphore slots;
  private final LinkedBlockingQueue<Boolean> wakeUps = new LinkedBlockingQueue<>();
  private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
  private volatile boolean running;
  private Thread loop;

  @Inject
  public BatchRunner(
      BatchRepository repository,
      ScrapeService scrapes,
      BatchSecrets secrets,
      ScrapeConfig config) {
    this.repository = repository;
    this.scrapes = scrapes;
    this.secrets = secrets;
    this.config = config.batch();
    this.slots = new Semaphore(this.config.concurrency());
  }

  void start(@Observes StartupEvent event) {
    running = true;
    loop = Thread.ofVirtual().name("batch-runner").start(this::run);
  }

  void stop(@Observes ShutdownEvent event) {
    running = false;
    if (loop != null) {
      loop.interrupt();
    }
    workers.shutdownNow();
  }

  /** There is new work: claim it now rather than at the next poll. */
  public void wake() {
    wakeUps.offer(Boolean.TRUE);
  }

  private void run() {
    Instant nextSweep = Instant.now();
    while (running) {
      try {
        if (Instant.now().isAfter(nextSweep)) {
          repository.expire();
          nextSweep = Instant.now().plus(EXPIRY_SWEEP);
        }
        int free = slots.availablePermits();
        List<BatchRepository.Claim> claims =
            free == 0 ? List.of() : repository.claim(free, config.lease(), config.maxAttempts());
        for (BatchRepository.Claim claim : claims) {
          slots.acquire();
          workers.execute(() -> work(claim));
        }
        if (claims.isEmpty() || claims.size() < free) {
          wakeUps.poll(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
          wakeUps.clear();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.warnf(e, "batch runner: %s; retrying", e.getMessage());
        sleep(config.pollInterval());
      }
    }
  }

  private void work(BatchRepository.Claim claim) {
    try {
      ScrapeSpec spec = claim.spec();
      LlmCredentials llm = secrets.of(claim.jobId());
      if (llm == null) {
        llm = LlmCredentials.NONE;
      }
      Principal owner =
          new Principal(
              claim.accountId(), claim.projectId(), null, null, Set.of(Principal.ROLE_USER));
      try {
        ScrapedPage page =
            scrapes.scrape(owner, claim.url(), spec, llm, "urls[" + claim.position() + "]");
        repository.succeed(claim.jobId(), claim.position(), page);
      } catch (ApiException e) {
        repository.fail(
            claim.jobId(),
            claim.position(),
            e.code() != null ? e.code() : e.kind().name().toLowerCase(java.util.Locale.ROOT),
            e.getMessage());
      }
      if (repository.finishIfDone(claim.jobId())) {
        secrets.forget(claim.jobId());
      }
    } catch (RuntimeException e) {
      // The lease runs out and the page is claimed again (up to maxAttempts).
      LOG.warnf(e, "batch job %s page %d: %s", claim.jobId(), claim.position(), e.getMessage());
    } finally {
      slots.release();
      wake();
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
