package dev.orbweaver.auth.quota;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.orbweaver.auth.concurrency.ConcurrencySlots;
import dev.orbweaver.auth.credit.CreditLedger;
import dev.orbweaver.common.error.Dialect;
import dev.orbweaver.common.principal.CurrentPrincipal;
import dev.orbweaver.common.web.SpeaksDialect;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** What an account has used this month, what it may use, and when the counters reset. */
@Path("/api/v1/usage")
@SpeaksDialect(Dialect.CRAWLGRAPH)
@RolesAllowed("user")
@Produces(MediaType.APPLICATION_JSON)
public class UsageResource {
  private final QuotaLedger quotas;
  private final ConcurrencySlots slots;
  private final CreditLedger credits;
  private final CurrentPrincipal caller;
  private final Clock clock;

  @Inject
  public UsageResource(
      QuotaLedger quotas,
      ConcurrencySlots slots,
      CreditLedger credits,
      CurrentPrincipal caller,
      Clock clock) {
    this.quotas = quotas;
    this.slots = slots;
    this.credits = credits;
    this.caller = caller;
    this.clock = clock;
  }

  @Operation(
      summary = "Quotas, concurrency and credits of the caller's account",
      description =
          "Each monthly quota with what is used, reserved and left, and when it resets (UTC). Free.")
  @APIResponse(
      responseCode = "200",
      description = "The account's usage",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = Usage.class),
              examples =
                  @ExampleObject(
                      name = "usage",
                      value =
                          """
                        {"account_id": 7, "plan": "lifetime", "period_start": "2026-04-01",
                         "reset_at": 1777593600,
                         "quotas": [{"resource": "backlinks", "limit": 1000, "used": 12, "reserved": 0,
                                     "remaining": 988, "reset_at": 1777593600}],
                         "concurrency": [{"resource": "crawls", "in_use": 0, "limit": 5}],
                         "credits_balance": 0}""")))
  @GET
  public Usage usage() {
    Instant now = clock.instant();
    MonthlyPeriod period = MonthlyPeriod.of(now);
    long account = caller.accountId();
    return new Usage(
        account,
        caller.get().plan(),
        period.start().toString(),
        period.resetAt().getEpochSecond(),
        quotas.counters(account, now),
        slots.all(account),
        credits.balance(account).balance());
  }

  public record Usage(
      @JsonProperty("account_id") long accountId,
      String plan,
      @JsonProperty("period_start") String periodStart,
      @JsonProperty("reset_at") long resetAt,
      List<Counter> quotas,
      List<ConcurrencySlots.Slots> concurrency,
      @JsonProperty("credits_balance") Long creditsBalance) {}
}
