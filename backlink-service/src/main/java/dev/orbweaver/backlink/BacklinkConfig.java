package dev.orbweaver.backlink;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** backlink-service settings; docs/ARCHITECTURE.md maps each to its environment variable. */
@ConfigMapping(prefix = "orbweaver.backlink")
public interface BacklinkConfig {

  /** Directory of committed releases, shared with the ingest job (ORBWEAVER_BACKLINK_STORE_DIR). */
  @WithDefault(".orbweaver/releases")
  Path storeDir();

  /** How often a replica looks for releases another process committed or removed. */
  @WithDefault("10s")
  Duration scanInterval();

  Gap gap();

  Outreach outreach();

  /** Gap-analysis jobs. */
  interface Gap {
    /** Jobs computed at once by this replica. */
    @WithDefault("2")
    int workers();

    /** How often idle workers look for jobs other replicas queued (own jobs start at once). */
    @WithDefault("1s")
    Duration pollInterval();

    /** A running job whose worker stops renewing this long is taken over by another worker. */
    @WithDefault("30s")
    Duration lease();

    /** Jobs are kept, and pollable, this long after they were submitted. */
    @WithDefault("P7D")
    Duration retention();

    /** Gaps listed in a result (all are counted in total_gaps). */
    @WithDefault("10000")
    int maxListedGaps();

    /** Tries before a job that keeps failing is marked failed. */
    @WithDefault("3")
    int maxAttempts();
  }

  /** Outreach targets. */
  interface Outreach {
    /** A file of further denied domains, one per line (# comments), added to the built-in list. */
    Optional<Path> extraDenyList();

    /** Further denied domains, comma-separated. */
    Optional<List<String>> extraDeniedDomains();
  }
}
