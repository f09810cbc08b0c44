package dev.orbweaver.crawl.metrics;

import dev.orbweaver.common.sql.Jdbc;
import dev.orbweaver.crawl.worker.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * What operators and autoscalers watch: the frontier's depth (URLs waiting, leases that ran out
 * included; KEDA scales workers on it) and pages by result.
 */
@ApplicationScoped
public class CrawlMetrics {
  private final Jdbc jdbc;
  private final AtomicLong frontierDepth = new AtomicLong();
  private final Counter pages;
  private final Counter failures;
  private final Counter blocked;

  @Inject
  public CrawlMetrics(DataSource dataSource, MeterRegistry registry) {
    this.jdbc = new Jdbc(dataSource);
    registry.gauge("orbweaver.crawl.frontier.depth", frontierDepth);
    this.pages = registry.counter("orbweaver.crawl.pages", "result", "page");
    this.failures = registry.counter("orbweaver.crawl.pages", "result", "failure");
    this.blocked = registry.counter("orbweaver.crawl.pages", "result", "blocked_by_robots");
  }

  /** Counts written outcomes (after their transaction committed). */
  public void written(List<Outcome> outcomes) {
    for (Outcome o : outcomes) {
      switch (o) {
        case Outcome.Page p -> pages.increment();
        case Outcome.Failure f -> failures.increment();
        case Outcome.Blocked b -> blocked.increment();
        case Outcome.Expanded e -> {
          // discovery steps are not pages
        }
      }
    }
  }

  @Scheduled(every = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void refreshDepth() {
    try {
      frontierDepth.set(
          jdbc.withConnection(
              c ->
                  Jdbc.one(
                          c,
                          "select count(*) from frontier f join crawl c on c.id = f.crawl_id"
                              + " where c.status in ('queued', 'running') and (f.state = 'queued'"
                              + " or (f.state = 'leased' and f.lease_until < now()))",
                          rs -> rs.getLong(1))
                      .orElse(0L)));
    } catch (RuntimeException e) {
      // a missed refresh keeps the last value; the next one corrects it
    }
  }
}
