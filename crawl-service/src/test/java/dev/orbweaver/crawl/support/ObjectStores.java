package dev.orbweaver.crawl.support;

import dev.orbweaver.storage.fixture.GcsProtocolServer;
import dev.orbweaver.storage.fixture.S3ProxyServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The platform's object store (a real s3proxy, in-process) and Google's storage protocol (the
 * loopback server libs/storage is tested against), with the settings that point crawl-service at
 * them. Tests read where they are from the same settings.
 */
public class ObjectStores implements QuarkusTestResourceLifecycleManager {
  public static final String PLATFORM_BUCKET = "orbweaver-test-exports";
  public static final String GCS_BUCKET = "customer-gcs-bucket";

  /** Pages per JSONL or CSV part in a customer's bucket: small, so a test crawl spans parts. */
  public static final int PAGES_PER_PART = 3;

  private S3ProxyServer s3;
  private GcsProtocolServer gcs;

  @Override
  public Map<String, String> start() {
    s3 = S3ProxyServer.start();
    try {
      gcs = GcsProtocolServer.start(GCS_BUCKET, 100);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Map.ofEntries(
        Map.entry("orbweaver.storage.mode", "external"),
        Map.entry("orbweaver.storage.endpoint", s3.endpoint().toString()),
        Map.entry("orbweaver.storage.region", "us-east-1"),
        Map.entry("orbweaver.storage.bucket", PLATFORM_BUCKET),
        Map.entry("orbweaver.storage.access-key", S3ProxyServer.ACCESS_KEY),
        Map.entry("orbweaver.storage.secret-key", S3ProxyServer.SECRET_KEY),
        Map.entry("orbweaver.storage.pages-per-part", String.valueOf(PAGES_PER_PART)),
        Map.entry("orbweaver.storage.export-retry-base", "PT0.2S"),
        Map.entry("orbweaver.storage.gcs-api-base", gcs.base().toString()),
        Map.entry("test.gcs.service-account-json", gcs.serviceAccountJson()),
        Map.entry(
            "test.gcs.service-account-json-another-key", gcs.serviceAccountJsonWithAnotherKey()));
  }

  @Override
  public void stop() {
    if (s3 != null) {
      s3.close();
    }
    if (gcs != null) {
      gcs.close();
    }
  }
}
