package dev.orbweaver.fetch.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;

/**
 * Cancels calls that outlive their fetch's total time limit. One sweep every few milliseconds for
 * all calls of a fetcher: OkHttp's own call timeout is an okio AsyncTimeout per call, entered and
 * left under one lock every call of the process shares, which a crawl worker with a hundred calls
 * in flight paid for on every page.
 */
final class CallDeadlines implements AutoCloseable {
  /** How late past its deadline a call may be cancelled. */
  static final long SWEEP_MS = 25;

  private static final ScheduledExecutorService SWEEPER =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("fetch-deadlines").daemon().factory());

  private final Map<Call, Long> deadlines = new ConcurrentHashMap<>();
  private final ScheduledFuture<?> sweep;

  CallDeadlines() {
    this.sweep =
        SWEEPER.scheduleWithFixedDelay(this::sweep, SWEEP_MS, SWEEP_MS, TimeUnit.MILLISECONDS);
  }

  /** Watches a call until {@link #forget}: cancelled once {@code System.nanoTime()} passes it. */
  void watch(Call call, long deadlineNanos) {
    deadlines.put(call, deadlineNanos);
  }

  void forget(Call call) {
    deadlines.remove(call);
  }

  private void sweep() {
    if (deadlines.isEmpty()) {
      return;
    }
    long now = System.nanoTime();
    deadlines.forEach(
        (call, deadline) -> {
          if (now - deadline >= 0) {
            call.cancel();
          }
        });
  }

  @Override
  public void close() {
    sweep.cancel(false);
    deadlines.keySet().forEach(Call::cancel);
    deadlines.clear();
  }
}
