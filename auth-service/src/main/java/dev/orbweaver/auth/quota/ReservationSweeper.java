package dev.orbweaver.auth.quota;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import org.jboss.logging.Logger;

/**
 * Refunds reservations a gateway took and never settled (e.g. because it crashed mid-call), and
 * deletes settled ones after a day: every metered call leaves one, so they would pile up.
 */
@ApplicationScoped
public class ReservationSweeper {
  private static final Logger LOG = Logger.getLogger(ReservationSweeper.class);

  private final QuotaLedger ledger;
  private final Clock clock;

  @Inject
  public ReservationSweeper(QuotaLedger ledger, Clock clock) {
    this.ledger = ledger;
    this.clock = clock;
  }

  @Scheduled(
      every = "${orbweaver.quota.sweep-every:30s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void sweep() {
    int refunded = ledger.refundExpired(clock.instant());
    if (refunded > 0) {
      LOG.infof("Refunded %d expired quota reservations", refunded);
    }
    ledger.forgetSettled(clock.instant());
  }
}
