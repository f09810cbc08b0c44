package dev.orbweaver.crawl.export;

import dev.orbweaver.storage.Egress;
import dev.orbweaver.storage.ObjectStore;
import dev.orbweaver.storage.s3.S3ObjectStore;
import dev.orbweaver.storage.s3.S3Settings;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The platform's own object store, when the operator configured one (ORBWEAVER_STORAGE_MODE
 * embedded or external). An operator setting, so its connections are trusted, not guarded.
 */
@ApplicationScoped
public class PlatformStore {
  private static final Logger LOG = Logger.getLogger(PlatformStore.class);

  private final Optional<S3ObjectStore> store;
  private volatile boolean bucketChecked;

  @Inject
  public PlatformStore(StorageConfig config) {
    this.store = build(config);
  }

  private static Optional<S3ObjectStore> build(StorageConfig config) {
    if ("none".equals(config.mode())
        || config.bucket().isEmpty()
        || config.accessKey().isEmpty()
        || config.secretKey().isEmpty()) {
      return Optional.empty();
    }
    S3Settings settings =
        new S3Settings(
            config.endpoint(),
            config.region(),
            config.bucket().get(),
            config.accessKey().get(),
            config.secretKey().get(),
            config.pathStyle(),
            config.publicEndpoint(),
            Duration.ofSeconds(10),
            Duration.ofMinutes(5));
    return Optional.of(new S3ObjectStore(settings, Egress.trusted()));
  }

  public boolean configured() {
    return store.isPresent();
  }

  /** The store as it is, for presigning (which asks the store nothing) and listing. */
  public Optional<ObjectStore> get() {
    return store.map(s -> s);
  }

  /** The store, its bucket created on first write (the embedded store starts empty). */
  public Optional<ObjectStore> forWriting() {
    store.ifPresent(
        s -> {
          if (!bucketChecked) {
            s.ensureBucket();
            bucketChecked = true;
            LOG.infof("Crawl exports go to bucket %s", s.bucket());
          }
        });
    return store.map(s -> s);
  }

  @PreDestroy
  void close() {
    store.ifPresent(S3ObjectStore::close);
  }
}
