package dev.orbweaver.gateway.console;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The web console's settings (orbweaver.console.*). */
@ConfigMapping(prefix = "orbweaver.console")
public interface ConsoleConfig {
  /** How long a sign-in lasts before the console asks for the key again. */
  @WithDefault("PT8H")
  Duration sessionTtl();

  /**
   * Secret the key that encrypts session credentials in Redis derives from; the platform's internal
   * secret when absent, so that every gateway replica reads every session.
   */
  Optional<String> sessionSecret();

  /** Rows per page of the crawl list. */
  @WithDefault("20")
  int crawlsPerPage();
}
