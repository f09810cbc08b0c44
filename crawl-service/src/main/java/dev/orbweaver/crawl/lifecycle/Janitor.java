package dev.orbweaver.crawl.lifecycle;

import dev.orbweaver.common.sql.Jdbc;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Keeps the engine honest when processes die: finishes running crawls whose work is all done (the
 * worker that would have noticed died), settles terminal crawls whose settlement failed, and purges
 * results past their retention. Every step is idempotent, so any number of instances may run it.
 */
@ApplicationScoped
public class Janitor {
  private static final Logger LOG = Logger.getLogger(Janitor.class);

  private final Jdbc jdbc;
  private final Finisher finisher;

  @Inject
  public Janitor(DataSource dataSource, Finisher finisher) {
    this.jdbc = new Jdbc(dataSource);
    this.finisher = finisher;
  }

  @Scheduled(every = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void sweep() {
    try {
      finishIdleCrawls();
      settleFinished();
    } catch (RuntimeException e) {
      LOG.debugf("janitor paused: %s", e.getMessage());
    }
  }

  @Scheduled(every = "10m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void purge() {
    try {
      int crawls =
          jdbc.withConnection(
              c ->
                  Jdbc.update(
                      c, "delete from crawl where expires_at < ? and settled", Instant.now()));
      jdbc.withConnection(
          c -> Jdbc.update(c, "delete from page_cache where expires_at < ?", Instant.now()));
      if (crawls > 0) {
        LOG.infof("Purged %d crawls past their retention", crawls);
      }
    } catch (RuntimeException e) {
      LOG.debugf("purge paused: %s", e.getMessage());
    }
  }

  void finishIdleCrawls() {
    List<Long> running =
        jdbc.withConnection(
            c ->
                Jdbc.list(
                    c,
                    "select c.id from crawl c where c.status = 'running' and not exists"
                        + " (select 1 from frontier f where f.crawl_id = c.id and f.state = 'leased' and f.lease_until > now())"
                        + " limit 100",
                    rs -> rs.getLong(1)));
    for (long id : running) {
      boolean finished =
          jdbc.inTransaction(
              c -> {
                boolean locked =
                    Jdbc.one(
                            c,
                            "select id from crawl where id = ? for update skip locked",
                            rs -> rs.getLong(1),
                            id)
                        .isPresent();
                return locked && finisher.finishIfDone(c, id, Instant.now());
              });
      if (finished) {
        finisher.settle(id);
      }
    }
  }

  void settleFinished() {
    List<Long> unsettled =
        jdbc.withConnection(
            c ->
                Jdbc.list(
                    c,
                    "select id from crawl where status in ('completed', 'failed', 'cancelled') and not settled limit 100",
                    rs -> rs.getLong(1)));
    unsettled.forEach(finisher::settle);
  }
}
