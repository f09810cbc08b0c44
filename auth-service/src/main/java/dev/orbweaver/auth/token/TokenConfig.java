package dev.orbweaver.auth.token;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** How auth-service signs the internal JWTs. */
@ConfigMapping(prefix = "orbweaver.auth.jwt")
public interface TokenConfig {
  /**
   * PEM file with the RS256 signing key (PKCS#8); created on first start when missing. Without it
   * the key lives in memory only, which is fine for one replica and wrong for several.
   */
  Optional<String> keyFile();

  /** Lifetime of the user JWT the gateway forwards to services. */
  @WithDefault("PT5M")
  Duration userTtl();

  /** Lifetime of a service JWT. */
  @WithDefault("PT1H")
  Duration serviceTtl();
}
