package dev.orbweaver.crawl.worker;

import dev.orbweaver.crawl.config.CrawlConfig;
import dev.orbweaver.crawl.lifecycle.Finisher;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * A worker process: claims batches from the shared frontier, works each item on its own virtual
 * thread (at most {@code worker-concurrency} at once), and writes results back in small per-crawl
 * batches. Runs when the service's role is {@code worker} or {@code all}; any number of them on any
 * number of machines share the work.
 */
@ApplicationScoped
public class CrawlWorker {
  private static final Logger LOG = Logger.getLogger(CrawlWorker.class);
  private static final int FLUSH_AT = 64;
  private static final long FLUSH_EVERY_MS = 50;

  private final Claims claims;
  private final PageProcessor processor;
  private final ResultWriter writer;
  private final Finisher finisher;
  private final CrawlConfig config;
  private final String workerId;
  private final Semaphore permits;

  /** Results waiting to be written, per crawl; guarded by its own monitor. */
  private final Map<Long, List<Outcome>> pending = new java.util.HashMap<>();

  private ExecutorService work;
  private Thread claimer;
  private Thread flusher;
  private volatile boolean running;

  @Inject
  public CrawlWorker(
      Claims claims,
      PageProcessor processor,
      ResultWriter writer,
      Finisher finisher,
      CrawlConfig config) {
    this.claims = claims;
    this.processor = processor;
    this.writer = writer;
    this.finisher = finisher;
    this.config = config;
    this.workerId =
        ManagementFactory.getRuntimeMXBean().getName() + ":" + Long.toHexString(System.nanoTime());
    this.permits = new Semaphore(config.workerConcurrency());
  }

  void start(@Observes StartupEvent event) {
    if (!"worker".equals(config.role()) && !"all".equals(config.role())) {
      return;
    }
    running = true;
    work = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("crawl-fetch-", 0).factory());
    claimer = Thread.ofPlatform().name("crawl-claimer").daemon().start(this::claimLoop);
    flusher = Thread.ofPlatform().name("crawl-flusher").daemon().start(this::flushLoop);
    LOG.infof("Crawl worker %s started: %d pages at once", workerId, config.workerConcurrency());
  }

  void stop(@Observes ShutdownEvent event) {
    if (!running) {
      return;
    }
    running = false;
    claimer.interrupt();
    work.shutdown();
    try {
      work.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    flushAll();
  }

  private void claimLoop() {
    long idleMs = 50;
    while (running) {
      try {
        int free = permits.availablePermits();
        List<Claims.Claimed> batch = free == 0 ? List.of() : claims.claim(workerId, free);
        if (batch.isEmpty()) {
          Thread.sleep(idleMs);
          idleMs = Math.min(1000, idleMs * 2);
          continue;
        }
        idleMs = 50;
        for (Claims.Claimed claimed : batch) {
          permits.acquire();
          work.submit(
              () -> {
                try {
                  Outcome outcome = processor.process(claimed.crawl(), claimed.item());
                  synchronized (pending) {
                    pending
                        .computeIfAbsent(claimed.crawl().id(), k -> new ArrayList<>())
                        .add(outcome);
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                  LOG.errorf(
                      e,
                      "Working on %s failed; its lease will expire and it comes back",
                      claimed.item().url());
                } finally {
                  permits.release();
                }
              });
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.warnf("Claiming failed (%s); retrying", e.getMessage());
        sleepQuietly(1000);
      }
    }
  }

  private void flushLoop() {
    while (running) {
      sleepQuietly(FLUSH_EVERY_MS);
      flushAll();
    }
  }

  private void flushAll() {
    List<Map.Entry<Long, List<Outcome>>> batches = new ArrayList<>();
    synchronized (pending) {
      for (var entry : pending.entrySet()) {
        if (!entry.getValue().isEmpty()) {
          batches.add(Map.entry(entry.getKey(), new ArrayList<>(entry.getValue())));
          entry.getValue().clear();
        }
      }
      pending.values().removeIf(List::isEmpty);
    }
    for (var batch : batches) {
      List<Outcome> outcomes = batch.getValue();
      for (int from = 0; from < outcomes.size(); from += FLUSH_AT) {
        List<Outcome> chunk = outcomes.subList(from, Math.min(outcomes.size(), from + FLUSH_AT));
        try {
          if (writer.write(batch.getKey(), workerId, chunk)) {
            finisher.settle(batch.getKey());
          }
        } catch (RuntimeException e) {
          // The leases run out and the items come back to the queue: nothing is lost.
          LOG.warnf(
              "Writing %d results of crawl %d failed: %s",
              chunk.size(), batch.getKey(), e.getMessage());
        }
      }
    }
  }

  private static void sleepQuietly(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public String workerId() {
    return workerId;
  }
}
