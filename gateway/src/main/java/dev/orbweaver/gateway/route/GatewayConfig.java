package dev.orbweaver.gateway.route;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The gateway's settings; the route table and service addresses live here too. */
@ConfigMapping(prefix = "orbweaver.gateway")
public interface GatewayConfig {
  /** Path prefix → service, dialect and metered resource. */
  Map<String, RouteConfig> routes();

  /** Where each service listens. */
  Map<String, ServiceConfig> services();

  /** How long a verified key is trusted before auth-service is asked again (revocation delay). */
  @WithDefault("PT3S")
  Duration keyCacheTtl();

  /**
   * How long an unknown key is remembered as unknown, so that bad keys do not flood auth-service.
   */
  @WithDefault("PT2S")
  Duration negativeKeyCacheTtl();

  /**
   * Requests per client and minute on metered and burst-limited routes, shared by all gateway
   * replicas. A client is an IPv4 address or an IPv6 /64.
   */
  @WithDefault("60")
  int burstLimitPerMinute();

  /** The largest request body a route takes when it names no limit of its own. */
  @WithDefault("1M")
  MemorySize defaultBodyLimit();

  /** Proxies whose X-Forwarded-For the gateway believes (CIDRs); none by default. */
  Optional<List<String>> trustedProxies();

  /** How long a service may take to answer before the gateway gives up with a 502. */
  @WithDefault("PT120S")
  Duration upstreamTimeout();

  /** Connections per service in the gateway's pool. */
  @WithDefault("200")
  int upstreamPoolSize();

  interface RouteConfig {
    /** Path prefix, matched segment by segment (/v1/crawl does not match /v1/crawls). */
    String prefix();

    /** Service name, a key of {@code orbweaver.gateway.services}. */
    String service();

    /** Wire dialect of the errors the gateway raises on this route. */
    String dialect();

    /** Monthly quota the route spends, when metered. */
    Optional<String> resource();

    /** Methods that spend the quota; all methods when absent. */
    Optional<List<String>> meteredMethods();

    /**
     * Methods that pass the IP burst limiter although they spend no quota (metered calls always
     * do): for work that is free but not cheap.
     */
    Optional<List<String>> burstLimitedMethods();

    /** The largest request body the route takes; {@code default-body-limit} when absent. */
    Optional<MemorySize> bodyLimit();

    /** {@code key}: an API key is required; {@code none}: passed through as is (admin, public). */
    @WithDefault("key")
    String auth();

    /** Replaces the matched prefix when forwarding (e.g. /ping/auth-service → /ping). */
    Optional<String> rewrite();
  }

  interface ServiceConfig {
    /** Base URL, e.g. http://127.0.0.1:8082. */
    String url();

    /**
     * Base URL of the service's management interface (readiness, its OpenAPI document), e.g.
     * http://127.0.0.1:8182: a port of its own that clients never reach.
     */
    String managementUrl();
  }
}
