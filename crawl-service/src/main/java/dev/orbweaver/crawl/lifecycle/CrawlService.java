package dev.orbweaver.crawl.lifecycle;

import dev.orbweaver.common.error.ApiException;
import dev.orbweaver.common.error.ErrorKind;
import dev.orbweaver.common.principal.Principal;
import dev.orbweaver.common.sql.Jdbc;
import dev.orbweaver.crawl.billing.AccountLimits;
import dev.orbweaver.crawl.billing.Tiers;
import dev.orbweaver.crawl.blocklist.MaliciousDomains;
import dev.orbweaver.crawl.config.CrawlConfig;
import dev.orbweaver.crawl.events.Outbox;
import dev.orbweaver.crawl.events.WebhookSubscriptions;
import dev.orbweaver.crawl.frontier.Frontier;
import dev.orbweaver.crawl.model.Crawl;
import dev.orbweaver.crawl.model.CrawlDialect;
import dev.orbweaver.crawl.model.CrawlSpec;
import dev.orbweaver.crawl.store.CrawlRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Starting, cancelling and deleting crawls, whatever the dialect. A start takes the account's
 * running-crawl slot, pre-debits credits and registers webhooks before the crawl row commits, and
 * gives all of it back if the crawl does not come to exist.
 */
@ApplicationScoped
public class CrawlService {
  private static final Logger LOG = Logger.getLogger(CrawlService.class);
  static final Duration IDEMPOTENCY_WINDOW = Duration.ofHours(24);

  private final Jdbc jdbc;
  private final CrawlRepository crawls;
  private final Frontier frontier;
  private final Seeds seeds;
  private final AccountLimits limits;
  private final WebhookSubscriptions webhooks;
  private final MaliciousDomains blocklist;
  private final Outbox outbox;
  private final Finisher finisher;
  private final Tiers tiers;
  private final RequestFingerprint fingerprints;
  private final CrawlConfig config;
  private final Clock clock;

  @Inject
  public CrawlService(
      DataSource dataSource,
      CrawlRepository crawls,
      Frontier frontier,
      Seeds seeds,
      AccountLimits limits,
      WebhookSubscriptions webhooks,
      MaliciousDomains blocklist,
      Outbox outbox,
      Finisher finisher,
      Tiers tiers,
      RequestFingerprint fingerprints,
      CrawlConfig config) {
    this.jdbc = new Jdbc(dataSource);
    this.crawls = crawls;
    this.frontier = frontier;
    this.seeds = seeds;
    this.limits = limits;
    this.webhooks = webhooks;
    this.blocklist = blocklist;
    this.outbox = outbox;
    this.finisher = finisher;
    this.tiers = tiers;
    this.fingerprints = fingerprints;
    this.config = config;
    this.clock = Clock.systemUTC();
  }

  /** Starts a crawl, or returns the one an idempotency key already started. */
  public Crawl start(Principal owner, CrawlSpec spec) {
    return start(owner, spec, new ArrayList<>());
  }

  /**
   * Starts a crawl as {@link #start(Principal, CrawlSpec)} does, adding to {@code warnings} what
   * the caller should be told about how it will run (a tier it asked for that is not served).
   */
  public Crawl start(Principal owner, CrawlSpec spec, List<String> warnings) {
    return startOnce(owner, spec, warnings).crawl();
  }

  /**
   * Starts a crawl, or replays the one its idempotency key started within the window: a replay
   * takes no slot and no credits, and the caller should not be charged for it either. The same key
   * with another request is a conflict.
   */
  public Started startOnce(Principal owner, CrawlSpec spec, List<String> warnings) {
    blocklist.check(spec.seedUrl());
    Crawl.Pricing pricing = pricing(spec, warnings);
    Instant now = clock.instant();
    String fingerprint = spec.idempotencyKey() == null ? null : fingerprints.of(spec);
    if (spec.idempotencyKey() != null) {
      Optional<CrawlRepository.KeyedCrawl> earlier =
          byIdempotencyKey(owner, spec.idempotencyKey(), now);
      if (earlier.isPresent()) {
        return replay(earlier.get(), fingerprint);
      }
    }
    UUID publicId = UUID.randomUUID();
    String holder = "crawl:" + publicId;
    long credits = estimatedCredits(spec, pricing);
    // The cheap local check first, so that a refused start does not touch auth-service.
    checkDialectCap(owner, spec.dialect());
    limits.acquireSlot(owner.accountId(), holder);
    boolean debited = false;
    try {
      if (credits > 0) {
        limits.debit(owner.accountId(), credits, holder + ":predebit");
        debited = true;
      }
      String webhook =
          spec.webhook() == null
              ? null
              : webhooks.subscribe(owner.accountId(), holder, spec.webhook());
      String stream =
          spec.stream() == null
              ? null
              : webhooks.subscribe(owner.accountId(), holder + ":stream", spec.stream());
      Instant expiresAt =
          spec.dialect() == CrawlDialect.CRAWLCRAWL ? null : now.plus(config.resultRetention());
      return jdbc.inTransaction(
          c -> {
            lockOwner(c, owner.accountId());
            enforceDialectCap(c, owner, spec.dialect());
            if (spec.idempotencyKey() != null) {
              crawls.releaseIdempotencyKey(
                  c, owner.projectId(), spec.idempotencyKey(), now.minus(IDEMPOTENCY_WINDOW));
            }
            Crawl crawl =
                crawls.insert(
                    c,
                    publicId,
                    owner.accountId(),
                    owner.projectId(),
                    spec,
                    webhook,
                    stream,
                    pricing,
                    credits,
                    fingerprint,
                    expiresAt);
            frontier.enqueue(c, crawl.id(), seeds.initial(crawl));
            return new Started(crawl, false);
          });
    } catch (RuntimeException e) {
      // Two starts with one key at once: the unique key lets one in; the other replays it.
      CrawlRepository.KeyedCrawl raced =
          spec.idempotencyKey() == null
              ? null
              : byIdempotencyKey(owner, spec.idempotencyKey(), now).orElse(null);
      compensate(owner.accountId(), holder, debited ? credits : 0);
      if (raced != null) {
        return replay(raced, fingerprint);
      }
      throw e;
    }
  }

  private static Started replay(CrawlRepository.KeyedCrawl earlier, String fingerprint) {
    if (earlier.fingerprint() != null && !earlier.fingerprint().equals(fingerprint)) {
      throw new ApiException(
          ErrorKind.CONFLICT,
          "This Idempotency-Key started crawl "
              + earlier.crawl().id()
              + " with another request in the last 24 hours; use a new key for a new request.");
    }
    return new Started(earlier.crawl(), true);
  }

  /** A started crawl, and whether it had been started before with the same idempotency key. */
  public record Started(Crawl crawl, boolean replayed) {}

  /**
   * Cancels a crawl: no new claims from now on, queued URLs are dropped, unused credits refunded.
   * Cancelling a finished crawl changes nothing.
   */
  public Cancelled cancel(long accountId, long crawlId) {
    Cancelled cancelled =
        jdbc.inTransaction(
            c -> {
              Crawl crawl =
                  crawls
                      .lock(c, crawlId)
                      .filter(k -> k.accountId() == accountId)
                      .orElseThrow(() -> ApiException.notFound("Crawl not found."));
              if (crawl.status().terminal()) {
                return new Cancelled(crawl, 0, false);
              }
              int dropped =
                  Jdbc.update(
                      c,
                      "update frontier set state = 'skipped' where crawl_id = ? and state in ('queued', 'leased')",
                      crawl.id());
              Instant now = clock.instant();
              Jdbc.update(
                  c,
                  "update crawl set status = 'cancelled', finished_at = ? where id = ?",
                  now,
                  crawl.id());
              finisher.closeAccounts(c, crawl.id());
              Crawl after = crawls.find(c, crawl.id()).orElseThrow();
              outbox.append(c, after, Outbox.CANCELLED, finisher.terminalBody(after), now);
              return new Cancelled(after, dropped, true);
            });
    if (cancelled.changed()) {
      finisher.settle(cancelled.crawl().id());
    }
    return new Cancelled(find(accountId, crawlId), cancelled.droppedJobs(), cancelled.changed());
  }

  /** crawlcrawl's DELETE: cancel if running, then remove the run and all its pages. */
  public void delete(long accountId, long crawlId) {
    cancel(accountId, crawlId);
    jdbc.inTransaction(
        c ->
            Jdbc.update(
                c, "delete from crawl where id = ? and account_id = ?", crawlId, accountId));
  }

  /** This account's crawls, newest first, whatever dialect started them. */
  public List<Crawl> list(long accountId, int offset, int limit) {
    return jdbc.withConnection(c -> crawls.listOwned(c, accountId, offset, limit));
  }

  public Crawl find(long accountId, long crawlId) {
    return jdbc.withConnection(c -> crawls.findOwned(c, accountId, crawlId))
        .orElseThrow(() -> ApiException.notFound("Crawl not found."));
  }

  /** By public id; expired results are gone for the dialects that expire them. */
  public Crawl find(long accountId, UUID publicId) {
    Crawl crawl =
        jdbc.withConnection(c -> crawls.findOwned(c, accountId, publicId))
            .orElseThrow(() -> ApiException.notFound("Crawl ID not found or expired (24h TTL)."));
    if (crawl.expiresAt() != null && crawl.expiresAt().isBefore(clock.instant())) {
      throw ApiException.notFound("Crawl ID not found or expired (24h TTL).");
    }
    return crawl;
  }

  private Optional<CrawlRepository.KeyedCrawl> byIdempotencyKey(
      Principal owner, String key, Instant now) {
    return jdbc.withConnection(
        c -> crawls.findByIdempotencyKey(c, owner.projectId(), key, now.minus(IDEMPOTENCY_WINDOW)));
  }

  /**
   * What the crawl's pages will cost: the tier its cost controls choose, priced for the dialects
   * that bill pages in credits (AlterLab), plus what a change-tracking diff adds. A credit cap
   * below the price of one page could fetch nothing, and is refused.
   */
  private Crawl.Pricing pricing(CrawlSpec spec, List<String> warnings) {
    Tiers.Choice choice = tiers.choose(spec.costs());
    warnings.addAll(choice.warnings());
    if (spec.dialect() != CrawlDialect.ALTERLAB) {
      return new Crawl.Pricing(choice.tier(), 0, 0, null);
    }
    int pageCredits = choice.credits() + spec.changeTracking().diffCredits();
    Long cap = spec.costs().maxCredits();
    if (cap != null && cap < pageCredits) {
      throw ApiException.validation(
          "cost_controls.max_credits is "
              + cap
              + " but one page costs "
              + pageCredits
              + " credits (tier "
              + choice.tier().wire()
              + (pageCredits > choice.credits() ? " plus its change-tracking diff" : "")
              + "): no page could be fetched");
    }
    return new Crawl.Pricing(choice.tier(), choice.credits(), pageCredits, cap);
  }

  /** The pre-debit: every page at its most, or the credit cap when that is less. */
  private static long estimatedCredits(CrawlSpec spec, Crawl.Pricing pricing) {
    long estimate = (long) spec.scope().maxPages() * pricing.pageCredits();
    return pricing.maxCredits() == null ? estimate : Math.min(estimate, pricing.maxCredits());
  }

  private void checkDialectCap(Principal owner, CrawlDialect dialect) {
    jdbc.withConnection(
        c -> {
          enforceDialectCap(c, owner, dialect);
          return null;
        });
  }

  private void enforceDialectCap(Connection c, Principal owner, CrawlDialect dialect)
      throws SQLException {
    String family = family(dialect);
    Integer cap = config.concurrentRuns().get(family);
    if (cap == null) {
      return;
    }
    List<CrawlDialect> dialects =
        dialect == CrawlDialect.FIRECRAWL_V1 || dialect == CrawlDialect.FIRECRAWL_V2
            ? List.of(CrawlDialect.FIRECRAWL_V1, CrawlDialect.FIRECRAWL_V2)
            : List.of(dialect);
    int active =
        dialect == CrawlDialect.CRAWLCRAWL
            ? Jdbc.one(
                    c,
                    "select count(*) from crawl where project_id = ? and status in ('queued', 'running') and dialect = 'crawlcrawl'",
                    rs -> rs.getInt(1),
                    owner.projectId())
                .orElse(0)
            : crawls.countActive(c, owner.accountId(), dialects);
    if (active >= cap) {
      throw new ApiException(
          ErrorKind.CONCURRENCY_LIMIT,
          "Concurrent crawl limit reached (max "
              + cap
              + "). Wait for one to finish or cancel one.");
    }
  }

  private static String family(CrawlDialect dialect) {
    return switch (dialect) {
      case CRAWLCRAWL -> "crawlcrawl";
      case ALTERLAB -> "alterlab";
      case FIRECRAWL_V1, FIRECRAWL_V2 -> "firecrawl";
    };
  }

  /**
   * Serialises starts of one account so that "count active, then insert" cannot overshoot a cap.
   */
  private static void lockOwner(Connection c, long accountId) throws SQLException {
    Jdbc.one(
        c,
        "select pg_advisory_xact_lock(42, ?::int)",
        rs -> true,
        (int) (accountId % Integer.MAX_VALUE));
  }

  private void compensate(long accountId, String holder, long credits) {
    try {
      limits.releaseSlot(accountId, holder);
      if (credits > 0) {
        limits.refund(accountId, credits, holder + ":predebit-undo");
      }
    } catch (RuntimeException e) {
      LOG.warnf("Could not give back the slot/credits of %s: %s", holder, e.getMessage());
    }
  }

  /** A cancel's outcome: the crawl after it, the queued jobs it dropped, and whether it changed. */
  public record Cancelled(Crawl crawl, int droppedJobs, boolean changed) {}
}
