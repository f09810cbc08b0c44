package dev.orbweaver.common.time;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The one clock of a service, so that every time-dependent rule reads the same time, and a test can
 * put its own in place (an alternative bean) instead of waiting on the wall clock.
 */
public class Clocks {
  @Produces
  @Singleton
  @DefaultBean
  Clock clock() {
    return Clock.systemUTC();
  }
}
