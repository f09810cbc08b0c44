package dev.orbweaver.crawl.billing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orbweaver.common.error.ApiException;
import dev.orbweaver.common.error.ErrorKind;
import dev.orbweaver.common.service.InternalHttp;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What auth-service keeps for crawls: the account's running-crawl slots and its credits. Every call
 * is idempotent per holder or ref, so a retry after a timeout never double-counts.
 */
@ApplicationScoped
public class AccountLimits {
  public static final String CRAWLS = "crawls";

  private final InternalHttp http;
  private final String auth;

  @Inject
  public AccountLimits(
      InternalHttp http, @ConfigProperty(name = "orbweaver.auth.url") String auth) {
    this.http = http;
    this.auth = auth;
  }

  /** Takes a running-crawl slot or throws 429 (concurrency limit). */
  public void acquireSlot(long accountId, String holder) {
    InternalHttp.Answer answer =
        http.post(
            auth,
            "/internal/v1/concurrency/acquire",
            Map.of("account_id", accountId, "resource", CRAWLS, "holder", holder));
    if (answer.status() == 429) {
      throw new ApiException(
          ErrorKind.CONCURRENCY_LIMIT,
          "Concurrent crawl limit reached ("
              + answer.body().path("limit").asText("?")
              + "); wait for one to finish or cancel one.");
    }
    expectOk(answer);
  }

  public void releaseSlot(long accountId, String holder) {
    expectOk(
        http.post(
            auth,
            "/internal/v1/concurrency/release",
            Map.of("account_id", accountId, "resource", CRAWLS, "holder", holder)));
  }

  /** Debits credits or throws 402 (insufficient credits). */
  public void debit(long accountId, long amount, String ref) {
    InternalHttp.Answer answer =
        http.post(
            auth,
            "/internal/v1/credits/debit",
            Map.of("account_id", accountId, "amount", amount, "ref", ref));
    if (answer.status() == 402) {
      JsonNode balance = answer.body().path("balance");
      throw new ApiException(
          ErrorKind.INSUFFICIENT_CREDITS,
          "Insufficient credits for estimated crawl cost: "
              + amount
              + " needed, "
              + balance.asText()
              + " available. Add credits or reduce max_pages.");
    }
    expectOk(answer);
  }

  public void refund(long accountId, long amount, String ref) {
    expectOk(
        http.post(
            auth,
            "/internal/v1/credits/refund",
            Map.of("account_id", accountId, "amount", amount, "ref", ref)));
  }

  private static void expectOk(InternalHttp.Answer answer) {
    if (!answer.ok()) {
      throw new ApiException(
          ErrorKind.UNAVAILABLE, "auth-service answered " + answer.status() + "; retry shortly.");
    }
  }
}
