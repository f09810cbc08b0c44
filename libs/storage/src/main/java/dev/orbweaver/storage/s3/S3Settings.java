package dev.orbweaver.storage.s3;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Where an S3-compatible bucket is and how to sign for it: AWS S3, Cloudflare R2, MinIO, Ceph or
 * the embedded s3proxy alike.
 *
 * @param endpoint the store's URL ({@code https://<account>.r2.cloudflarestorage.com}, {@code
 *     http://127.0.0.1:8089}); empty means AWS S3's own endpoint for the region
 * @param region the signing region ({@code us-east-1}; R2 takes {@code auto})
 * @param bucket the bucket every key lives in
 * @param accessKeyId the access key id
 * @param secretAccessKey the secret access key; never printed
 * @param pathStyle {@code http://host/bucket/key} instead of {@code http://bucket.host/key}: what
 *     MinIO, Ceph and s3proxy need, and harmless for R2
 * @param publicEndpoint the URL clients reach the store at, when it differs from {@code endpoint}
 *     (a store on a private network behind a public name): presigned URLs are signed for it
 * @param connectTimeout to open one connection
 * @param callTimeout one whole call, retries included
 */
public record S3Settings(
    Optional<URI> endpoint,
    String region,
    String bucket,
    String accessKeyId,
    String secretAccessKey,
    boolean pathStyle,
    Optional<URI> publicEndpoint,
    Duration connectTimeout,
    Duration callTimeout) {

  public S3Settings {
    endpoint.ifPresent(S3Settings::requireHttpUrl);
    publicEndpoint.ifPresent(S3Settings::requireHttpUrl);
    requireText(region, "region");
    requireText(bucket, "bucket");
    requireText(accessKeyId, "access key id");
    requireText(secretAccessKey, "secret access key");
    if (connectTimeout == null || connectTimeout.isNegative() || connectTimeout.isZero()) {
      throw new IllegalArgumentException("connectTimeout must be a positive duration");
    }
    if (callTimeout == null || callTimeout.isNegative() || callTimeout.isZero()) {
      throw new IllegalArgumentException("callTimeout must be a positive duration");
    }
  }

  /** A path-style store at an endpoint, 10 s to connect and 5 minutes per call. */
  public static S3Settings of(
      URI endpoint, String region, String bucket, String accessKeyId, String secretAccessKey) {
    return new S3Settings(
        Optional.ofNullable(endpoint),
        region,
        bucket,
        accessKeyId,
        secretAccessKey,
        true,
        Optional.empty(),
        Duration.ofSeconds(10),
        Duration.ofMinutes(5));
  }

  public S3Settings withPublicEndpoint(URI value) {
    return new S3Settings(
        endpoint,
        region,
        bucket,
        accessKeyId,
        secretAccessKey,
        pathStyle,
        Optional.ofNullable(value),
        connectTimeout,
        callTimeout);
  }

  public S3Settings withTimeouts(Duration connect, Duration call) {
    return new S3Settings(
        endpoint,
        region,
        bucket,
        accessKeyId,
        secretAccessKey,
        pathStyle,
        publicEndpoint,
        connect,
        call);
  }

  /** Everything but the secret; the access key id is shown by its first four characters only. */
  @Override
  public String toString() {
    return "S3Settings[endpoint="
        + endpoint.map(URI::toString).orElse("aws")
        + ", region="
        + region
        + ", bucket="
        + bucket
        + ", accessKeyId="
        + abbreviated(accessKeyId)
        + ", secretAccessKey=[redacted], pathStyle="
        + pathStyle
        + ", publicEndpoint="
        + publicEndpoint.map(URI::toString).orElse("-")
        + "]";
  }

  private static String abbreviated(String key) {
    return key.length() <= 4 ? "[redacted]" : key.substring(0, 4) + "…";
  }

  private static void requireHttpUrl(URI uri) {
    if (uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException("an S3 endpoint must not carry user information");
    }
    String scheme = uri.getScheme();
    if (scheme == null
        || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
        || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "an S3 endpoint must be an http(s) URL with a host, not '" + uri + "'");
    }
  }

  private static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("the S3 " + name + " is required");
    }
  }
}
