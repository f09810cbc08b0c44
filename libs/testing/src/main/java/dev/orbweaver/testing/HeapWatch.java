package dev.orbweaver.testing;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live heap of this JVM while a test runs: a full collection, then the heap in use, sampled on
 * a schedule. What is still in use right after a full collection is what the code holds on to, so
 * the peak of these samples shows whether a 1 GiB bomb or a 50 MB page was ever held whole, which
 * the test JVM's large default heap would otherwise hide.
 */
public final class HeapWatch implements AutoCloseable {
  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final long baseline;
  private final AtomicLong peak = new AtomicLong();
  private final Thread sampler;
  private volatile boolean running = true;

  private HeapWatch(Duration every) {
    this.baseline = liveBytes();
    this.peak.set(baseline);
    this.sampler =
        Thread.ofPlatform()
            .daemon()
            .name("heap-watch")
            .start(
                () -> {
                  while (running) {
                    try {
                      Thread.sleep(every.toMillis());
                    } catch (InterruptedException e) {
                      return;
                    }
                    peak.accumulateAndGet(liveBytes(), Math::max);
                  }
                });
  }

  /** Takes the baseline now and samples every {@code every} until closed. */
  public static HeapWatch start(Duration every) {
    return new HeapWatch(every);
  }

  /** The live heap when the watch started. */
  public long baselineBytes() {
    return baseline;
  }

  /** The largest live heap seen so far, this moment included. */
  public long peakBytes() {
    return peak.accumulateAndGet(liveBytes(), Math::max);
  }

  /** How far the live heap rose above the baseline at its peak. */
  public long growthBytes() {
    return Math.max(0, peakBytes() - baseline);
  }

  @Override
  public void close() {
    running = false;
    sampler.interrupt();
  }

  private long liveBytes() {
    System.gc();
    return memory.getHeapMemoryUsage().getUsed();
  }
}
