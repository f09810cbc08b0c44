package dev.orbweaver.crawl.worker;

import dev.orbweaver.crawl.config.CrawlConfig;
import dev.orbweaver.crawl.frontier.FrontierItem;
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
  private static final int MIN_CLAIM = 8;
  private static final long FLUSH_EVERY_MS = 20;

  private final Claims claims;
  private final WorkerRoster roster;
  private final PageProcessor processor;
  private final ResultWriter writer;
  private final Finisher finisher;
  private final CrawlConfig config;
  private final dev.orbweaver.crawl.metrics.CrawlMetrics metrics;
  private final String workerId;
  private final Semaphore permits;

  /** Results waiting to be written, per crawl; guarded by its own monitor. */
  private final Map<Long, List<Outcome>> pending = new java.util.HashMap<>();

  private final Object flushSignal = new Object();
  private final Object changeSignal = new Object();

  private ExecutorService work;
  private Thread claimer;
  private Thread flusher;
  private volatile boolean running;

  @Inject
  public CrawlWorker(
      Claims claims,
      WorkerRoster roster,
      PageProcessor processor,
      ResultWriter writer,
      Finisher finisher,
      CrawlConfig config,
      dev.orbweaver.crawl.metrics.CrawlMetrics metrics) {
    this.claims = claims;
    this.roster = roster;
    this.processor = processor;
    this.writer = writer;
    this.finisher = finisher;
    this.config = config;
    this.metrics = metrics;
    this.workerId =
        ManagementFactory.getRuntimeMXBean().getName() + ":" + Long.toHexString(System.nanoTime());
    this.permits = new Semaphore(config.workerConcurrency());
  }

  void start(@Observes StartupEvent event) {
    if (!"worker".equals(config.role()) && !"all".equals(config.role())) {
      return;
    }
    running = true;
    roster.join(workerId);
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
    roster.leave();
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
    long idleMs = 20;
    while (running) {
      try {
        int free = permits.availablePermits();
        if (free < Math.min(MIN_CLAIM, config.workerConcurrency())) {
          // A claim is one transaction over several crawls: run it for a handful of free slots,
          // not for each fetch that ends. Each flush wakes us, and with it leases come back.
          awaitChange(100);
          free = permits.availablePermits();
          if (free == 0) {
            continue;
          }
        }
        List<Claims.Claimed> batch = claims.claim(workerId, roster.share(), free);
        if (batch.isEmpty()) {
          // With work in flight, a slot opens the moment a result is written: wait for that.
          // With nothing in flight, the frontier is empty for us: back off up to half a second.
          if (permits.availablePermits() < config.workerConcurrency()) {
            awaitChange(50);
          } else {
            Thread.sleep(idleMs);
            idleMs = Math.min(500, idleMs * 2);
          }
          continue;
        }
        idleMs = 20;
        for (Claims.Claimed claimed : batch) {
          permits.acquire();
          work.submit(() -> work(claimed));
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

  private void work(Claims.Claimed claimed) {
    try {
      FrontierItem item = claimed.item();
      Outcome outcome =
          item.exhausted(config.maxAttempts())
              ? Outcome.Failure.gaveUp(item, config.maxAttempts())
              : processor.process(claimed.crawl(), item);
      int waiting;
      synchronized (pending) {
        List<Outcome> list = pending.computeIfAbsent(claimed.crawl().id(), k -> new ArrayList<>());
        list.add(outcome);
        waiting = list.size();
      }
      if (waiting >= FLUSH_AT) {
        flushSoon();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.errorf(
          e, "Working on %s failed; its lease will expire and it comes back", claimed.item().url());
      writer.noteFailure(workerId, List.of(claimed.item()), "working on it failed: " + e);
    } finally {
      permits.release();
    }
  }

  private void flushLoop() {
    while (running) {
      synchronized (flushSignal) {
        try {
          flushSignal.wait(FLUSH_EVERY_MS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      flushAll();
      signalChange();
    }
  }

  private void flushSoon() {
    synchronized (flushSignal) {
      flushSignal.notifyAll();
    }
  }

  /** Leases are given back when results are written: that is when claims can find more work. */
  private void signalChange() {
    synchronized (changeSignal) {
      changeSignal.notifyAll();
    }
  }

  private void awaitChange(long ms) throws InterruptedException {
    synchronized (changeSignal) {
      changeSignal.wait(ms);
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
          boolean finished = writer.write(batch.getKey(), workerId, chunk);
          metrics.written(chunk);
          if (finished) {
            finisher.settle(batch.getKey());
          }
        } catch (RuntimeException e) {
          // The leases run out and the items come back to the queue: nothing is lost.
          LOG.warnf(
              "Writing %d results of crawl %d failed: %s",
              chunk.size(), batch.getKey(), e.getMessage());
          writer.noteFailure(
              workerId,
              chunk.stream().map(Outcome::item).toList(),
              "its result could not be written: " + e.getMessage());
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
