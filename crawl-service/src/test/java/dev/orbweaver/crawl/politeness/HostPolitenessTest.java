package dev.orbweaver.crawl.politeness;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A worker's politeness gates are bounded: a host idle for a while is forgotten, the number of
 * hosts kept has a ceiling, and forgetting a gate with requests in flight breaks nothing. Redis is
 * left out (null): the gates work the same, with the local rules behind them.
 */
class HostPolitenessTest {
  private final AtomicLong nanos = new AtomicLong();
  private final Ticker clock = nanos::get;

  private HostPoliteness politeness(long hostGates) {
    return new HostPoliteness(
        null, null, 2, Duration.ofSeconds(70), hostGates, Duration.ofMinutes(10), clock);
  }

  @Test
  void theHostsKeptHaveACeiling() throws Exception {
    HostPoliteness politeness = politeness(100);
    for (int i = 0; i < 5_000; i++) {
      politeness.release(politeness.acquire("host-" + i + ".test:80", 0, 2));
    }

    assertThat(politeness.hostsKept()).isLessThanOrEqualTo(100);
  }

  @Test
  void aHostIdleForTenMinutesIsForgotten() throws Exception {
    HostPoliteness politeness = politeness(100);
    politeness.release(politeness.acquire("idle.test:80", 0, 2));
    nanos.addAndGet(Duration.ofMinutes(9).toNanos());
    assertThat(politeness.hostsKept()).isEqualTo(1);

    nanos.addAndGet(Duration.ofMinutes(2).toNanos());

    assertThat(politeness.hostsKept()).isZero();
  }

  @Test
  void aPermitOutlivesItsForgottenGateWithoutOpeningTheNextOne() throws Exception {
    HostPoliteness politeness = politeness(100);
    HostPoliteness.Permit inFlight = politeness.acquire("busy.test:80", 0, 4);
    // A request that outlasts the idle time: its gate is forgotten under it.
    nanos.addAndGet(Duration.ofMinutes(11).toNanos());
    assertThat(politeness.hostsKept()).isZero();
    // The host's new gate fills up (ceiling 2).
    HostPoliteness.Permit a = politeness.acquire("busy.test:80", 0, 4);
    HostPoliteness.Permit b = politeness.acquire("busy.test:80", 0, 4);
    assertThat(politeness.freePlaces("busy.test:80")).isZero();

    // The old request ends: its place goes back to its own gate, not to the new one.
    politeness.release(inFlight);

    assertThat(politeness.freePlaces("busy.test:80")).isZero();
    politeness.release(a);
    politeness.release(b);
    assertThat(politeness.freePlaces("busy.test:80")).isEqualTo(2);
  }
}
