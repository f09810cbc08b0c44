package dev.orbweaver.gateway.support;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The gateway's clock in tests: the wall clock until a test pins it, so that a test counting calls
 * in the burst limiter's one-minute window never straddles two windows (and never waits for one).
 */
@Alternative
@Priority(1)
@Singleton
public class TestClock extends Clock {
  private volatile Instant pinned;

  /** Pins the time to one second into the current minute until {@link #release()}. */
  public void pinToTheStartOfAWindow() {
    pinned = Instant.now().truncatedTo(ChronoUnit.MINUTES).plusSeconds(1);
  }

  public void release() {
    pinned = null;
  }

  @Override
  public Instant instant() {
    Instant p = pinned;
    return p != null ? p : Instant.now();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("a test clock lives in UTC");
  }
}
