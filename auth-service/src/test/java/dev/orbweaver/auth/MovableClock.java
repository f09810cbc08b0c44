package dev.orbweaver.auth;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The service's clock in tests: the real time until a test sets it, so that month rollovers and
 * minute-long coalescing windows can be crossed without waiting. Tests put it back when they end.
 */
@Alternative
@Priority(1)
@Singleton
public class MovableClock extends Clock {
  private final AtomicReference<Instant> fixed = new AtomicReference<>();

  public void set(Instant now) {
    fixed.set(now);
  }

  public void reset() {
    fixed.set(null);
  }

  @Override
  public Instant instant() {
    Instant now = fixed.get();
    return now != null ? now : Instant.now();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the service runs on UTC");
  }
}
