package dev.orbweaver.crawl.export;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The platform's object store (the launcher's embedded s3proxy or an operator's S3/R2/MinIO) and
 * how crawl exports use it; see README "Storage" for the ORBWEAVER_STORAGE_* variables.
 */
@ConfigMapping(prefix = "orbweaver.storage")
public interface StorageConfig {
  /** embedded | external: a store is configured; none: AlterLab storage s3/r2 answers 400. */
  @WithDefault("none")
  String mode();

  /** The store's URL; empty means AWS S3's own endpoint for the region. */
  Optional<URI> endpoint();

  @WithDefault("us-east-1")
  String region();

  Optional<String> bucket();

  Optional<String> accessKey();

  Optional<String> secretKey();

  /** Path-style URLs, as MinIO, Ceph and s3proxy need. */
  @WithDefault("true")
  boolean pathStyle();

  /** Where clients download presigned URLs from, when that is not the endpoint. */
  Optional<URI> publicEndpoint();

  /** AlterLab keeps s3/r2 results 30 days; the sweeper deletes exports older than this. */
  @WithDefault("P30D")
  Duration exportRetention();

  /** How long each presigned download_url lives; every status read signs a fresh one. */
  @WithDefault("PT24H")
  Duration downloadUrlTtl();

  /** Pages per JSONL or CSV part in a customer's bucket, so that no part outgrows memory. */
  @WithDefault("1000")
  int pagesPerPart();

  /** Writes of one export tried this often (backing off) before it is reported failed. */
  @WithDefault("6")
  int exportAttempts();

  /** The first retry's wait; each next one doubles it. */
  @WithDefault("PT2S")
  Duration exportRetryBase();

  /** Google's JSON API for GCS connectors; tests point it at a local server. */
  @WithDefault("https://storage.googleapis.com")
  URI gcsApiBase();
}
