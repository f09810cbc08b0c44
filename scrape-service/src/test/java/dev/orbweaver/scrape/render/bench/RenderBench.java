package dev.orbweaver.scrape.render.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orbweaver.fetch.guard.AddressGuard;
import dev.orbweaver.fetch.guard.AllowedPrivateCidrs;
import dev.orbweaver.fetch.guard.HostResolver;
import dev.orbweaver.scrape.render.RenderOutcome;
import dev.orbweaver.scrape.render.RenderPool;
import dev.orbweaver.scrape.render.RenderRequest;
import dev.orbweaver.scrape.render.RenderResult;
import dev.orbweaver.scrape.render.RenderSettings;
import dev.orbweaver.scrape.render.browser.ChromiumExecutable;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * bench/render's Orbweaver side: renders {@code warm + count} distinct URLs of a script-built page
 * through a {@link RenderPool} with {@code concurrency} renders in flight, and prints one JSON
 * line: pages/s over the renders after the warm-up, p50 and p99 latency of those renders, failures.
 *
 * <p>Usage: {@code RenderBench URL_PREFIX COUNT WARM CONCURRENCY BROWSERS PAGES_PER_BROWSER}; the
 * i-th URL is {@code URL_PREFIX + i}. Loopback is allowed through the guard (the bench pages).
 */
public final class RenderBench {
  private RenderBench() {}

  public static void main(String[] args) throws Exception {
    String prefix = args[0];
    int count = Integer.parseInt(args[1]);
    int warm = Integer.parseInt(args[2]);
    int concurrency = Integer.parseInt(args[3]);
    int browsers = Integer.parseInt(args[4]);
    int pages = Integer.parseInt(args[5]);
    RenderSettings settings =
        RenderSettings.defaults(
                ChromiumExecutable.find(
                        Optional.ofNullable(
                            System.getProperty("BENCH_BROWSER", System.getenv("BENCH_BROWSER"))))
                    .orElseThrow())
            .withBrowsers(browsers, pages)
            .withQueueCapacity(10_000);
    AddressGuard guard =
        new AddressGuard(AllowedPrivateCidrs.of("127.0.0.0/8"), HostResolver.system());
    try (RenderPool pool =
            new RenderPool(settings, guard, new ObjectMapper(), new SimpleMeterRegistry());
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      long launch = System.nanoTime();
      pool.warm();
      long launchMs = (System.nanoTime() - launch) / 1_000_000;
      int total = warm + count;
      AtomicInteger next = new AtomicInteger();
      List<long[]> done =
          Collections.synchronizedList(new ArrayList<>()); // [finish nanos, latency ms]
      AtomicInteger failures = new AtomicInteger();
      List<Future<?>> workers = new ArrayList<>();
      for (int w = 0; w < concurrency; w++) {
        workers.add(
            threads.submit(
                () -> {
                  int i;
                  while ((i = next.getAndIncrement()) < total) {
                    long start = System.nanoTime();
                    RenderResult result =
                        pool.render(RenderRequest.of(prefix + i, Duration.ofSeconds(60)));
                    long end = System.nanoTime();
                    if (result.outcome() != RenderOutcome.OK
                        || !result.html().contains("data-bench-done")) {
                      failures.incrementAndGet();
                      System.err.println(
                          "failed "
                              + prefix
                              + i
                              + ": "
                              + result.outcome()
                              + " "
                              + result.message());
                    }
                    done.add(new long[] {end, (end - start) / 1_000_000});
                  }
                }));
      }
      for (Future<?> worker : workers) {
        worker.get();
      }
      List<long[]> sorted = new ArrayList<>(done);
      sorted.sort((a, b) -> Long.compare(a[0], b[0]));
      List<long[]> measured = sorted.subList(warm, sorted.size());
      long from = sorted.get(warm - 1)[0];
      long to = sorted.getLast()[0];
      double seconds = (to - from) / 1e9;
      long[] latencies = measured.stream().mapToLong(r -> r[1]).sorted().toArray();
      System.out.printf(
          "{\"pages\": %d, \"seconds\": %.2f, \"pages_per_s\": %.1f, \"p50_ms\": %d, \"p99_ms\": %d,"
              + " \"failures\": %d, \"launch_ms\": %d, \"browser\": \"%s\"}%n",
          measured.size(),
          seconds,
          measured.size() / seconds,
          percentile(latencies, 50),
          percentile(latencies, 99),
          failures.get(),
          launchMs,
          settings.executable());
    }
  }

  static long percentile(long[] sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }
}
