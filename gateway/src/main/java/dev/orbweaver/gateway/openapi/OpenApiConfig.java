package dev.orbweaver.gateway.openapi;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Where the services publish their documents and how long the merged one is kept. */
@ConfigMapping(prefix = "orbweaver.openapi")
public interface OpenApiConfig {
  /** Path of each service's own document on its management interface (smallrye-openapi). */
  @WithDefault("/q/openapi?format=json")
  String servicePath();

  /** How long a merged document from every service is served before it is built again. */
  @WithDefault("PT5M")
  Duration keepFor();

  /** How long a document missing a service (down, starting) is served before asking again. */
  @WithDefault("PT10S")
  Duration keepIncompleteFor();

  /** How long one service may take to hand over its document. */
  @WithDefault("PT5S")
  Duration fetchTimeout();

  /** The version the merged document states. */
  @WithDefault("0.1.0")
  String version();
}
