package dev.orbweaver.auth.quota;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** A quota window: the calendar month in UTC, hard reset on the 1st at 00:00 UTC. */
public record MonthlyPeriod(LocalDate start) {

  public static MonthlyPeriod of(Instant now) {
    return new MonthlyPeriod(LocalDate.ofInstant(now, ZoneOffset.UTC).withDayOfMonth(1));
  }

  public Instant resetAt() {
    return start.plusMonths(1).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /** Whole seconds until the reset, at least 1 so that clients never retry in a tight loop. */
  public long secondsUntilReset(Instant now) {
    return Math.max(1, resetAt().getEpochSecond() - now.getEpochSecond());
  }
}
