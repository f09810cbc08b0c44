package dev.orbweaver.fetch.bench;

import dev.orbweaver.fetch.fixture.FixtureServer;
import dev.orbweaver.fetch.guard.AllowedPrivateCidrs;
import dev.orbweaver.fetch.http.FetchException;
import dev.orbweaver.fetch.http.FetchRequest;
import dev.orbweaver.fetch.http.FetchSettings;
import dev.orbweaver.fetch.http.Fetcher;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Throughput sanity check, not a test: small pages from fixture servers on four loopback hosts,
 * fetched by N virtual threads through one shared {@link Fetcher}, full guard and decoding on. The
 * servers run in the same JVM on the same cores, so the number is a lower bound for the fetcher
 * alone.
 *
 * <p>Arguments: threads (64), seconds (10), hosts (4).
 */
public final class FetchThroughput {

  public static void main(String[] args) throws Exception {
    int threads = args.length > 0 ? Integer.parseInt(args[0]) : 64;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int hostCount = args.length > 2 ? Integer.parseInt(args[2]) : 4;
    List<FixtureServer> hosts = new ArrayList<>();
    for (int i = 1; i <= hostCount; i++) {
      FixtureServer host = FixtureServer.http("127.0.0." + i);
      host.document(
          "/article.html",
          "site/article.html.gz",
          "Content-Type",
          "text/html; charset=utf-8",
          "Content-Encoding",
          "gzip");
      hosts.add(host);
    }
    FetchSettings settings =
        FetchSettings.defaults().withAllowedPrivateCidrs(AllowedPrivateCidrs.parse("127.0.0.0/8"));
    try (Fetcher fetcher = new Fetcher(settings)) {
      run(fetcher, hosts, threads, 3);
      long pages = run(fetcher, hosts, threads, seconds);
      System.out.printf(
          "threads=%d hosts=%d seconds=%d pages=%d pages/s=%.0f%n",
          threads, hostCount, seconds, pages, pages / (double) seconds);
    } finally {
      hosts.forEach(FixtureServer::close);
    }
  }

  private static long run(Fetcher fetcher, List<FixtureServer> hosts, int threads, int seconds)
      throws InterruptedException {
    LongAdder pages = new LongAdder();
    LongAdder failures = new LongAdder();
    AtomicBoolean running = new AtomicBoolean(true);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      String url = hosts.get(t % hosts.size()).url("/article.html");
      workers.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    while (running.get()) {
                      try {
                        if (fetcher.fetch(FetchRequest.get(url)).body().length > 0) {
                          pages.increment();
                        }
                      } catch (FetchException e) {
                        failures.increment();
                      }
                    }
                  }));
    }
    Thread.sleep(seconds * 1000L);
    running.set(false);
    for (Thread worker : workers) {
      worker.join();
    }
    if (failures.sum() > 0) {
      System.out.println("failures: " + failures.sum());
    }
    return pages.sum();
  }
}
