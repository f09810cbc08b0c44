package dev.orbweaver.crawl.lifecycle;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orbweaver.common.sql.Jdbc;
import dev.orbweaver.crawl.billing.AccountLimits;
import dev.orbweaver.crawl.events.Bodies;
import dev.orbweaver.crawl.events.Outbox;
import dev.orbweaver.crawl.model.Crawl;
import dev.orbweaver.crawl.store.CrawlRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Moves a crawl into its terminal state exactly once — the transition is a conditional update under
 * the crawl's row lock, whoever gets there first — and settles what the crawl held: its
 * running-crawl slot and the credits it was pre-debited and did not use.
 */
@ApplicationScoped
public class Finisher {
  private static final Logger LOG = Logger.getLogger(Finisher.class);

  private final Jdbc jdbc;
  private final CrawlRepository crawls;
  private final Outbox outbox;
  private final Bodies bodies;
  private final AccountLimits limits;

  @Inject
  public Finisher(
      DataSource dataSource,
      CrawlRepository crawls,
      Outbox outbox,
      Bodies bodies,
      AccountLimits limits) {
    this.jdbc = new Jdbc(dataSource);
    this.crawls = crawls;
    this.outbox = outbox;
    this.bodies = bodies;
    this.limits = limits;
  }

  /**
   * With the crawl row locked: finishes the crawl if nothing is left to do. Pages still queued when
   * max_pages is spent, or when the next page could cost more than is left of max_credits, are
   * dropped. Returns whether this call finished it.
   */
  public boolean finishIfDone(Connection c, long crawlId, Instant now) throws SQLException {
    // Asked after every batch of results: one statement, each part answered from an index.
    boolean busy =
        Jdbc.one(
                c,
                "select c.status <> 'running'"
                    + " or exists (select 1 from frontier f where f.crawl_id = c.id and f.state = 'leased')"
                    + " or exists (select 1 from frontier f where f.crawl_id = c.id and f.state = 'queued'"
                    + " and ((f.kind = 'page') = false or (c.slots_used < c.max_pages"
                    + " and (c.max_credits is null or c.page_credits = 0"
                    + " or c.credits_used + c.credits_held + c.page_credits <= c.max_credits))))"
                    + " from crawl c where c.id = ?",
                rs -> rs.getBoolean(1),
                crawlId)
            .orElse(true);
    if (busy) {
      return false;
    }
    Crawl crawl = crawls.find(c, crawlId).orElseThrow();
    Jdbc.update(
        c,
        "update frontier set state = 'skipped' where crawl_id = ? and state = 'queued'",
        crawlId);
    boolean failed = crawl.pageCount() == 0 && crawl.errorCount() > 0;
    String message =
        failed
            ? Jdbc.one(
                    c,
                    "select kind || ': ' || message from crawl_error where crawl_id = ? and kind <> 'blocked_by_robots' order by id limit 1",
                    rs -> rs.getString(1),
                    crawlId)
                .orElse("every page failed")
            : null;
    Jdbc.update(
        c,
        "update crawl set status = ?, finished_at = ?, error_message = ? where id = ? and status = 'running'",
        failed ? "failed" : "completed",
        now,
        message,
        crawlId);
    closeAccounts(c, crawlId);
    Crawl done = crawls.find(c, crawlId).orElseThrow();
    outbox.append(c, done, failed ? Outbox.FAILED : Outbox.COMPLETED, terminalBody(done), now);
    return true;
  }

  /**
   * With the crawl row locked and the crawl ending: what its pages cost and what of the pre-debit
   * comes back, fixed in the transaction that ends it, so that its terminal event and every status
   * read after say what {@link #settle} then refunds.
   */
  public void closeAccounts(Connection c, long crawlId) throws SQLException {
    Jdbc.update(
        c,
        "update crawl set credits_used = s.used, credits_refunded = greatest(0, credits_debited - s.used)"
            + " from (select coalesce(sum(credits), 0) as used from page where crawl_id = ?) s"
            + " where id = ?",
        crawlId,
        crawlId);
  }

  public ObjectNode terminalBody(Crawl crawl) {
    String type =
        switch (crawl.status()) {
          case FAILED -> Outbox.FAILED;
          case CANCELLED -> Outbox.CANCELLED;
          default -> Outbox.COMPLETED;
        };
    return bodies.crawlEvent(type, crawl);
  }

  /**
   * Gives back the running-crawl slot and refunds unused credits, once. Safe to repeat: every call
   * to auth-service is idempotent per holder or ref, and the settled flag is set only after them.
   */
  public void settle(long crawlId) {
    Crawl crawl = jdbc.withConnection(c -> crawls.find(c, crawlId)).orElse(null);
    if (crawl == null || !crawl.status().terminal()) {
      return;
    }
    boolean settled =
        jdbc.withConnection(
            c ->
                Jdbc.one(
                        c,
                        "select settled from crawl where id = ?",
                        rs -> rs.getBoolean(1),
                        crawlId)
                    .orElse(true));
    if (settled) {
      return;
    }
    String holder = "crawl:" + crawl.publicId();
    try {
      limits.releaseSlot(crawl.accountId(), holder);
      long used =
          jdbc.withConnection(
              c ->
                  Jdbc.one(
                          c,
                          "select coalesce(sum(credits), 0) from page where crawl_id = ?",
                          rs -> rs.getLong(1),
                          crawlId)
                      .orElse(0L));
      long refund = Math.max(0, crawl.creditsDebited() - used);
      if (refund > 0) {
        limits.refund(crawl.accountId(), refund, holder + ":refund");
      }
      jdbc.withConnection(
          c ->
              Jdbc.update(
                  c,
                  "update crawl set settled = true, credits_used = ?, credits_refunded = ? where id = ?",
                  used,
                  refund,
                  crawlId));
    } catch (RuntimeException e) {
      LOG.warnf("Settling crawl %d failed (%s); the janitor retries", crawlId, e.getMessage());
    }
  }
}
