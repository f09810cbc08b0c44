package dev.orbweaver.scrape.render;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orbweaver.fetch.guard.AddressGuard;
import dev.orbweaver.scrape.render.browser.BrowserProcess;
import dev.orbweaver.scrape.render.egress.EgressProxy;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * Long-lived headless browsers that render pages, a bounded number at a time, for every tenant.
 *
 * <ul>
 *   <li>Each render gets a fresh browser context, so nothing one render leaves behind (cookies,
 *       storage, cache, service workers) is seen by the next.
 *   <li>At most {@code browsers × pagesPerBrowser} renders run; up to {@code queueCapacity} more
 *       wait (their deadline running); beyond that a render is refused at once as {@link
 *       RenderOutcome#BUSY}.
 *   <li>A browser is replaced after {@code recycleAfterRenders} renders or when its processes hold
 *       more than {@code maxBrowserResidentBytes}; one that crashed or hung is replaced and the
 *       render retried once, then failed as {@link RenderOutcome#BROWSER_FAILED}.
 *   <li>The browsers reach the network only through the {@link EgressProxy}, on the SSRF guard.
 * </ul>
 */
public final class RenderPool implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(RenderPool.class);

  private final RenderSettings settings;
  private final AddressGuard guard;
  private final ObjectMapper json;
  private final EgressProxy proxy;
  private final List<Slot> slots = new ArrayList<>();

  /** Every browser not yet closed, current and retired, for shutdown. */
  private final java.util.Set<Generation> generations = new java.util.HashSet<>();

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition freed = lock.newCondition();
  private final AtomicInteger queued = new AtomicInteger();
  private final AtomicInteger active = new AtomicInteger();
  private final MeterRegistry meters;
  private final Counter restartsCrash;
  private final Counter restartsRecycle;
  private volatile boolean closed;

  public RenderPool(
      RenderSettings settings, AddressGuard guard, ObjectMapper json, MeterRegistry meters)
      throws IOException {
    this.settings = settings;
    this.guard = guard;
    this.json = json;
    this.meters = meters;
    this.proxy = EgressProxy.start(guard, Duration.ofSeconds(10), Duration.ofSeconds(120), 1024);
    for (int i = 0; i < settings.browsers(); i++) {
      slots.add(new Slot(i));
    }
    meters.gauge("orbweaver.render.queue.depth", queued);
    meters.gauge("orbweaver.render.active", active);
    restartsCrash =
        Counter.builder("orbweaver.render.browser.restarts")
            .tag("reason", "failed")
            .description("Browsers replaced, by why")
            .register(meters);
    restartsRecycle =
        Counter.builder("orbweaver.render.browser.restarts")
            .tag("reason", "recycled")
            .register(meters);
  }

  public MeterRegistry meters() {
    return meters;
  }

  public RenderSettings settings() {
    return settings;
  }

  public EgressProxy proxy() {
    return proxy;
  }

  /** Renders waiting for a page right now. */
  public int queueDepth() {
    return queued.get();
  }

  /** Renders running right now. */
  public int activeRenders() {
    return active.get();
  }

  /** The process ids of the running browsers (for operators, and the crash test). */
  public List<Long> browserPids() {
    lock.lock();
    try {
      return slots.stream()
          .filter(s -> s.current != null && s.current.browser.alive())
          .map(s -> s.current.browser.pid())
          .toList();
    } finally {
      lock.unlock();
    }
  }

  /** Starts every browser now rather than at the first render. */
  public void warm() {
    for (Slot slot : slots) {
      try {
        lock.lock();
        try {
          slot.ensureBrowser();
        } finally {
          lock.unlock();
        }
      } catch (IOException e) {
        LOG.warnf("cannot start a browser: %s", e.getMessage());
      }
    }
  }

  /** Renders one page; never throws for the page's sake, the outcome says what happened. */
  public RenderResult render(RenderRequest request) {
    long started = System.nanoTime();
    long deadline = started + request.timeout().toNanos();
    RenderResult result = renderWithin(request, started, deadline);
    long total = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    Timer.builder("orbweaver.render.latency")
        .description("Whole renders, queue included")
        .tag("outcome", result.outcome().wire())
        .publishPercentileHistogram()
        .register(meters)
        .record(total, TimeUnit.MILLISECONDS);
    Counter.builder("orbweaver.render.renders")
        .description("Renders by outcome")
        .tag("outcome", result.outcome().wire())
        .register(meters)
        .increment();
    return result;
  }

  private RenderResult renderWithin(RenderRequest request, long started, long deadline) {
    String refusal = refusal(request.url());
    if (refusal != null) {
      return RenderResult.failed(RenderOutcome.BLOCKED, refusal, timing(started, started), 0);
    }
    int attempts = 0;
    String lastFailure = null;
    while (attempts < 2) {
      Lease lease;
      try {
        lease = acquire(deadline);
      } catch (Busy busy) {
        return RenderResult.failed(
            busy.outcome, busy.getMessage(), timing(started, started), attempts);
      }
      attempts++;
      long renderStart = System.nanoTime();
      BrowserProcess browser = lease.generation.browser;
      PageRender page =
          new PageRender(
              browser.cdp(),
              json,
              request,
              settings,
              lease.generation.version,
              deadline,
              lease.spare);
      try {
        RenderResult result = page.run();
        // The caller has its result; the context is disposed of while it goes on.
        Thread.ofVirtual().name("render-close").start(() -> closeAndRelease(page, lease));
        return result.withTiming(timing(started, renderStart), attempts);
      } catch (BrowserFailure failure) {
        lastFailure = failure.getMessage();
        LOG.warnf(
            "browser %d failed during a render (attempt %d): %s",
            browser.pid(), attempts, failure.getMessage());
        release(lease, true);
      }
      if (System.nanoTime() >= deadline) {
        return RenderResult.failed(
            RenderOutcome.TIMEOUT,
            "the deadline passed after the browser failed: " + lastFailure,
            timing(started, System.nanoTime()),
            attempts);
      }
    }
    return RenderResult.failed(
        RenderOutcome.BROWSER_FAILED,
        "the browser failed twice: " + lastFailure,
        timing(started, System.nanoTime()),
        attempts);
  }

  /** Opens the next render's page in the background (called with the lock held). */
  private void openSpare(Generation generation) {
    if (generation.spare != null || generation.retired || closed) {
      return;
    }
    CompletableFuture<BlankPage> spare = new CompletableFuture<>();
    generation.spare = spare;
    Thread.ofVirtual()
        .name("render-spare-page")
        .start(
            () -> {
              try {
                spare.complete(
                    BlankPage.open(generation.browser.cdp(), PageRender.BROWSER_COMMAND_TIMEOUT));
              } catch (BrowserFailure failure) {
                spare.completeExceptionally(failure);
              }
            });
  }

  private void closeAndRelease(PageRender page, Lease lease) {
    boolean browserFailed = false;
    try {
      page.close();
    } catch (BrowserFailure failure) {
      browserFailed = true;
      if (!closed) {
        LOG.warnf(
            "browser %d failed after a render: %s",
            lease.generation.browser.pid(), failure.getMessage());
      }
    } finally {
      release(lease, browserFailed);
    }
  }

  /** Why the guard refuses the URL's host, or null when it may be loaded. */
  private String refusal(String url) {
    try {
      String host = URI.create(url).getHost();
      guard.resolve(host);
      return null;
    } catch (dev.orbweaver.fetch.guard.BlockedAddressException e) {
      return e.getMessage();
    } catch (UnknownHostException e) {
      return null; // the browser reports the DNS failure as a navigation error
    } catch (IllegalArgumentException e) {
      return "not a URL the guard can vet: " + e.getMessage();
    }
  }

  private static RenderResult.Timing timing(long started, long renderStart) {
    long now = System.nanoTime();
    return new RenderResult.Timing(
        TimeUnit.NANOSECONDS.toMillis(renderStart - started),
        TimeUnit.NANOSECONDS.toMillis(now - renderStart),
        TimeUnit.NANOSECONDS.toMillis(now - started));
  }

  /** A page's worth of one browser, held for one render attempt. */
  private record Lease(Slot slot, Generation generation, CompletableFuture<BlankPage> spare) {}

  private static final class Busy extends Exception {
    final RenderOutcome outcome;

    Busy(RenderOutcome outcome, String message) {
      super(message);
      this.outcome = outcome;
    }
  }

  private Lease acquire(long deadline) throws Busy {
    lock.lock();
    try {
      if (closed) {
        throw new Busy(RenderOutcome.UNAVAILABLE, "the render pool is shut down");
      }
      Slot slot = freeSlot();
      if (slot == null) {
        if (queued.get() >= settings.queueCapacity()) {
          throw new Busy(
              RenderOutcome.BUSY,
              "every browser page is busy and " + queued.get() + " renders are waiting");
        }
        queued.incrementAndGet();
        try {
          while ((slot = freeSlot()) == null) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
              throw new Busy(
                  RenderOutcome.TIMEOUT, "no browser page became free before the deadline");
            }
            freed.awaitNanos(left);
            if (closed) {
              throw new Busy(RenderOutcome.UNAVAILABLE, "the render pool is shut down");
            }
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new Busy(RenderOutcome.TIMEOUT, "interrupted while waiting for a browser page");
        } finally {
          queued.decrementAndGet();
        }
      }
      Generation generation;
      try {
        generation = slot.ensureBrowser();
      } catch (IOException e) {
        throw new Busy(RenderOutcome.UNAVAILABLE, "no browser could be started: " + e.getMessage());
      }
      slot.inUse++;
      generation.inUse++;
      active.incrementAndGet();
      CompletableFuture<BlankPage> spare = generation.spare;
      generation.spare = null;
      openSpare(generation);
      return new Lease(slot, generation, spare);
    } finally {
      lock.unlock();
    }
  }

  /** The slot with the fewest renders that has room for one more, or null. */
  private Slot freeSlot() {
    Slot best = null;
    for (Slot slot : slots) {
      if (slot.inUse < settings.pagesPerBrowser() && (best == null || slot.inUse < best.inUse)) {
        best = slot;
      }
    }
    return best;
  }

  private void release(Lease lease, boolean browserFailed) {
    lock.lock();
    try {
      Slot slot = lease.slot;
      Generation generation = lease.generation;
      slot.inUse--;
      generation.inUse--;
      generation.renders++;
      active.decrementAndGet();
      if (browserFailed || !generation.browser.alive()) {
        slot.retire(generation, restartsCrash);
      } else if (!generation.retired
          && (generation.renders >= settings.recycleAfterRenders() || overMemory(generation))) {
        slot.retire(generation, restartsRecycle);
      } else if (generation.retired && generation.inUse == 0) {
        slot.retire(generation, restartsRecycle);
      }
      freed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private boolean overMemory(Generation generation) {
    // Reading /proc for every process of the browser costs about a millisecond: every 8 renders.
    if (generation.renders % 8 != 0) {
      return false;
    }
    long resident = generation.browser.residentBytes();
    if (resident > settings.maxBrowserResidentBytes()) {
      LOG.infof("browser %d holds %d MiB: recycling it", generation.browser.pid(), resident >> 20);
      return true;
    }
    return false;
  }

  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      for (Generation generation : generations) {
        generation.browser.close();
      }
      generations.clear();
      for (Slot slot : slots) {
        slot.current = null;
      }
      freed.signalAll();
    } finally {
      lock.unlock();
    }
    proxy.close();
  }

  /** One browser process and the renders it has done and is doing. */
  private static final class Generation {
    final BrowserProcess browser;
    final String version;

    /** A page opened ahead for the next render on this browser, or null. */
    CompletableFuture<BlankPage> spare;

    int inUse;
    int renders;
    boolean retired;

    Generation(BrowserProcess browser, String version) {
      this.browser = browser;
      this.version = version;
    }
  }

  /**
   * One browser's place in the pool. A retired browser finishes the renders it has and is closed
   * when none is left; new renders go to its successor, started on demand.
   */
  private final class Slot {
    final int index;
    Generation current;
    int inUse;

    Slot(int index) {
      this.index = index;
    }

    Generation ensureBrowser() throws IOException {
      if (current != null && current.browser.alive()) {
        return current;
      }
      if (current != null) {
        retire(current, restartsCrash);
      }
      long started = System.nanoTime();
      BrowserProcess browser =
          BrowserProcess.launch(
              settings.executable(),
              proxy.address(),
              settings.jsHeapMb(),
              settings.launchTimeout(),
              json);
      proxy.refusePort(browser.devtoolsPort());
      current = new Generation(browser, browserVersion(browser));
      generations.add(current);
      openSpare(current);
      LOG.infof(
          "browser %d started for slot %d in %d ms (%s)",
          browser.pid(),
          index,
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
          settings.executable());
      return current;
    }

    void retire(Generation generation, Counter reason) {
      if (!generation.retired) {
        generation.retired = true;
        reason.increment();
      }
      if (generation.spare != null) {
        generation.spare.thenAccept(page -> page.discard(generation.browser.cdp()));
        generation.spare = null;
      }
      if (current == generation) {
        current = null;
      }
      if (generation.inUse == 0 && generations.remove(generation)) {
        proxy.allowPortAgain(generation.browser.devtoolsPort());
        generation.browser.close();
      }
    }
  }

  /**
   * The browser's Chrome version ("156.0.8078.129") for a user agent that does not say Headless.
   */
  private String browserVersion(BrowserProcess browser) {
    try {
      String product =
          browser
              .cdp()
              .send("Browser.getVersion", browser.cdp().params(), Duration.ofSeconds(5))
              .path("product")
              .asText();
      int slash = product.indexOf('/');
      return slash > 0 ? product.substring(slash + 1) : product;
    } catch (Exception e) {
      return "130.0.0.0";
    }
  }
}
