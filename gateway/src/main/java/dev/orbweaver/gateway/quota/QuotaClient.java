package dev.orbweaver.gateway.quota;

import dev.orbweaver.gateway.auth.AuthServiceClient;
import io.vertx.core.Future;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/** Reserve before forwarding, commit on 2xx, refund otherwise: auth-service keeps the counts. */
@ApplicationScoped
public class QuotaClient {
  private static final Logger LOG = Logger.getLogger(QuotaClient.class);

  private final AuthServiceClient auth;

  @Inject
  public QuotaClient(AuthServiceClient auth) {
    this.auth = auth;
  }

  public Future<Reservation> reserve(long accountId, String resource) {
    return auth.post(
            "/internal/v1/quotas/reserve", Map.of("account_id", accountId, "resource", resource))
        .compose(
            answer -> {
              List<QuotaCounter> counters = QuotaCounter.listOf(answer.body().path("counters"));
              if (answer.status() == 200) {
                return Future.succeededFuture(
                    new Reservation(answer.body().path("reservation_id").asText(), counters, 0));
              }
              if (answer.status() == 429) {
                return Future.succeededFuture(
                    new Reservation(null, counters, answer.body().path("retry_after").asLong(1)));
              }
              return Future.failedFuture(
                  new IllegalStateException("auth-service answered " + answer.status()));
            });
  }

  /** Settles a reservation; a failure is logged and left to auth-service's expiry sweeper. */
  public void settle(String reservationId, boolean commit) {
    auth.post(
            "/internal/v1/quotas/reservations/" + reservationId + (commit ? "/commit" : "/refund"),
            Map.of())
        .onComplete(
            result -> {
              if (result.failed() || result.result().status() != 200) {
                LOG.warnf(
                    "Could not %s reservation %s; auth-service refunds it when it expires",
                    commit ? "commit" : "refund", reservationId);
              }
            });
  }

  public Future<List<QuotaCounter>> usage(long accountId) {
    return auth.get("/internal/v1/accounts/" + accountId + "/usage")
        .map(answer -> QuotaCounter.listOf(answer.body().path("counters")));
  }

  /** A reservation (id) or a refusal (no id, seconds to the reset), with the counters after it. */
  public record Reservation(String id, List<QuotaCounter> counters, long retryAfter) {
    public boolean granted() {
      return id != null;
    }
  }
}
