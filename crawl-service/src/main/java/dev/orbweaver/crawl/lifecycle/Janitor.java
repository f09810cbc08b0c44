package dev.orbweaver.crawl.lifecycle;

import dev.orbweaver.common.sql.Jdbc;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
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

  /** Crawls looked at per pass. */
  static final int PAGE = 100;

  private final Jdbc jdbc;
  private final Finisher finisher;

  /** Where the next pass of each sweep starts: after the last crawl id the previous one read. */
  private final AtomicLong idleCursor = new AtomicLong();

  private final AtomicLong settleCursor = new AtomicLong();

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

  /**
   * Finishes running crawls that have nothing left, a page of them per pass. Pages follow the crawl
   * ids (keyset), so with more running crawls than fit in a page every one is looked at within a
   * few passes; picking any 100 unordered returned the same busy ones every time. Returns the
   * crawls looked at.
   */
  List<Long> finishIdleCrawls() {
    List<Long> running =
        jdbc.withConnection(
            c ->
                Jdbc.list(
                    c,
                    "select c.id from crawl c where c.status = 'running' and c.id > ? and not exists"
                        + " (select 1 from frontier f where f.crawl_id = c.id and f.state = 'leased' and f.lease_until > now())"
                        + " order by c.id limit ?",
                    rs -> rs.getLong(1),
                    idleCursor.get(),
                    PAGE));
    idleCursor.set(running.size() < PAGE ? 0 : running.get(running.size() - 1));
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
    return running;
  }

  /** Settles terminal crawls whose settlement failed, a page per pass in id order (as above). */
  List<Long> settleFinished() {
    List<Long> unsettled =
        jdbc.withConnection(
            c ->
                Jdbc.list(
                    c,
                    "select id from crawl where status in ('completed', 'failed', 'cancelled')"
                        + " and not settled and id > ? order by id limit ?",
                    rs -> rs.getLong(1),
                    settleCursor.get(),
                    PAGE));
    settleCursor.set(unsettled.size() < PAGE ? 0 : unsettled.get(unsettled.size() - 1));
    unsettled.forEach(finisher::settle);
    return unsettled;
  }
}
