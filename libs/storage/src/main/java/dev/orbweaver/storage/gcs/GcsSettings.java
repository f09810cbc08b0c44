package dev.orbweaver.storage.gcs;

import java.net.URI;
import java.time.Duration;

/**
 * A GCS bucket reached through the JSON API with a service account.
 *
 * @param bucket the bucket every key lives in
 * @param serviceAccount whose key signs the token requests and presigned URLs
 * @param apiBase {@code https://storage.googleapis.com}; tests point it at a local server
 * @param connectTimeout to open one connection
 * @param callTimeout one whole call
 */
public record GcsSettings(
    String bucket,
    ServiceAccount serviceAccount,
    URI apiBase,
    Duration connectTimeout,
    Duration callTimeout) {

  public static final URI GOOGLE = URI.create("https://storage.googleapis.com");

  public GcsSettings {
    if (bucket == null || bucket.isBlank()) {
      throw new IllegalArgumentException("the GCS bucket is required");
    }
    if (serviceAccount == null) {
      throw new IllegalArgumentException("the GCS service account is required");
    }
    if (apiBase == null
        || apiBase.getHost() == null
        || !("https".equalsIgnoreCase(apiBase.getScheme())
            || "http".equalsIgnoreCase(apiBase.getScheme()))) {
      throw new IllegalArgumentException("the GCS API base must be an http(s) URL");
    }
    if (connectTimeout == null || connectTimeout.isNegative() || connectTimeout.isZero()) {
      throw new IllegalArgumentException("connectTimeout must be a positive duration");
    }
    if (callTimeout == null || callTimeout.isNegative() || callTimeout.isZero()) {
      throw new IllegalArgumentException("callTimeout must be a positive duration");
    }
  }

  /** Google's endpoint, 10 s to connect and 5 minutes per call. */
  public static GcsSettings of(String bucket, ServiceAccount serviceAccount) {
    return new GcsSettings(
        bucket, serviceAccount, GOOGLE, Duration.ofSeconds(10), Duration.ofMinutes(5));
  }

  public GcsSettings withApiBase(URI value) {
    return new GcsSettings(bucket, serviceAccount, value, connectTimeout, callTimeout);
  }
}
