package dev.orbweaver.storage.s3;

import dev.orbweaver.storage.Egress;
import dev.orbweaver.storage.ObjectKeys;
import dev.orbweaver.storage.ObjectStore;
import dev.orbweaver.storage.ObjectStoreException;
import dev.orbweaver.storage.ObjectSummary;
import dev.orbweaver.storage.ObjectUpload;
import dev.orbweaver.storage.PartwiseUpload;
import dev.orbweaver.storage.Redaction;
import dev.orbweaver.storage.StoredObject;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.apache.ProxyConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.LegacyMd5Plugin;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * An {@link ObjectStore} on any S3-compatible service through the AWS SDK v2, with the synchronous
 * Apache HTTP client (its DNS hook lets {@link Egress} pick the address connected to). Request
 * checksums are sent and response checksums checked only where an operation requires them:
 * S3-compatible stores refuse the SDK's default CRC32 trailers.
 */
public final class S3ObjectStore implements ObjectStore {

  /** S3's smallest part but the last. */
  public static final int MIN_PART_SIZE = 5 * 1024 * 1024;

  private static final int DEFAULT_PART_SIZE = 8 * 1024 * 1024;
  private static final int DELETE_BATCH = 1000;

  private final S3Settings settings;
  private final int partSize;
  private final SdkHttpClient http;
  private final S3Client client;
  private final S3Presigner presigner;
  private final S3Errors errors;

  public S3ObjectStore(S3Settings settings, Egress egress) {
    this(settings, egress, DEFAULT_PART_SIZE);
  }

  /**
   * @param partSize bytes per part of a multipart upload, at least {@link #MIN_PART_SIZE}
   */
  public S3ObjectStore(S3Settings settings, Egress egress, int partSize) {
    if (partSize < MIN_PART_SIZE) {
      throw new IllegalArgumentException("an S3 part is at least " + MIN_PART_SIZE + " bytes");
    }
    this.settings = settings;
    this.partSize = partSize;
    this.errors = new S3Errors(Redaction.of(settings.accessKeyId(), settings.secretAccessKey()));
    StaticCredentialsProvider credentials =
        StaticCredentialsProvider.create(
            AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey()));
    Region region = Region.of(settings.region());
    this.http =
        ApacheHttpClient.builder()
            .dnsResolver(host -> egress.resolve(host).toArray(InetAddress[]::new))
            // A proxy would resolve the endpoint itself, past the guard.
            .proxyConfiguration(
                ProxyConfiguration.builder()
                    .useSystemPropertyValues(false)
                    .useEnvironmentVariableValues(false)
                    .build())
            .connectionTimeout(settings.connectTimeout())
            .socketTimeout(settings.callTimeout())
            .build();
    var builder =
        S3Client.builder()
            .httpClient(http)
            .region(region)
            .credentialsProvider(credentials)
            .forcePathStyle(settings.pathStyle())
            .requestChecksumCalculation(
                software.amazon.awssdk.core.checksums.RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(
                software.amazon.awssdk.core.checksums.ResponseChecksumValidation.WHEN_REQUIRED)
            // Operations that must carry a checksum (DeleteObjects) also send Content-MD5, which
            // older S3-compatible stores (Ceph, MinIO before 2025) require instead of CRC32.
            .addPlugin(LegacyMd5Plugin.create())
            .overrideConfiguration(c -> c.apiCallTimeout(settings.callTimeout()));
    settings.endpoint().ifPresent(builder::endpointOverride);
    this.client = builder.build();
    var presign =
        S3Presigner.builder()
            .region(region)
            .credentialsProvider(credentials)
            .serviceConfiguration(
                S3Configuration.builder().pathStyleAccessEnabled(settings.pathStyle()).build());
    settings.publicEndpoint().or(settings::endpoint).ifPresent(presign::endpointOverride);
    this.presigner = presign.build();
  }

  /** Creates the bucket when it does not exist yet (the embedded store, tests). */
  public void ensureBucket() {
    call(
        () -> {
          try {
            client.headBucket(b -> b.bucket(settings.bucket()));
          } catch (NoSuchBucketException e) {
            client.createBucket(b -> b.bucket(settings.bucket()));
          } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            if (e.statusCode() != 404) {
              throw e;
            }
            client.createBucket(b -> b.bucket(settings.bucket()));
          }
          return null;
        });
  }

  @Override
  public void put(String key, byte[] content, String contentType) {
    ObjectKeys.requireKey(key);
    call(
        () ->
            client.putObject(
                b -> b.bucket(settings.bucket()).key(key).contentType(contentType),
                RequestBody.fromBytes(content)));
  }

  @Override
  public void put(String key, InputStream content, long length, String contentType) {
    ObjectKeys.requireKey(key);
    call(
        () ->
            client.putObject(
                b ->
                    b.bucket(settings.bucket())
                        .key(key)
                        .contentType(contentType)
                        .contentLength(length),
                RequestBody.fromInputStream(content, length)));
  }

  @Override
  public ObjectUpload openUpload(String key, String contentType) {
    ObjectKeys.requireKey(key);
    return new MultipartUpload(key, contentType);
  }

  @Override
  public Optional<StoredObject> get(String key) {
    ObjectKeys.requireKey(key);
    try {
      ResponseBytes<GetObjectResponse> bytes =
          call(() -> client.getObjectAsBytes(b -> b.bucket(settings.bucket()).key(key)));
      return Optional.of(
          new StoredObject(key, bytes.asByteArray(), bytes.response().contentType()));
    } catch (ObjectStoreException e) {
      if (e.kind() == ObjectStoreException.Kind.NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public InputStream open(String key) {
    ObjectKeys.requireKey(key);
    return call(() -> client.getObject(b -> b.bucket(settings.bucket()).key(key)));
  }

  @Override
  public void delete(String key) {
    ObjectKeys.requireKey(key);
    call(() -> client.deleteObject(b -> b.bucket(settings.bucket()).key(key)));
  }

  @Override
  public long deleteByPrefix(String prefix) {
    ObjectKeys.requireDeletablePrefix(prefix);
    long deleted = 0;
    String after = null;
    while (true) {
      String startAfter = after;
      ListObjectsV2Response page =
          call(
              () ->
                  client.listObjectsV2(
                      b ->
                          b.bucket(settings.bucket())
                              .prefix(prefix)
                              .startAfter(startAfter)
                              .maxKeys(DELETE_BATCH)));
      if (page.contents().isEmpty()) {
        return deleted;
      }
      List<ObjectIdentifier> batch =
          page.contents().stream()
              .map(o -> ObjectIdentifier.builder().key(o.key()).build())
              .toList();
      DeleteObjectsResponse response =
          call(
              () ->
                  client.deleteObjects(
                      b ->
                          b.bucket(settings.bucket())
                              .delete(Delete.builder().objects(batch).quiet(true).build())));
      if (!response.errors().isEmpty()) {
        S3Error first = response.errors().get(0);
        throw errors.deleteFailed(first.key(), first.code(), first.message());
      }
      deleted += batch.size();
      if (!Boolean.TRUE.equals(page.isTruncated())) {
        return deleted;
      }
      after = page.contents().get(page.contents().size() - 1).key();
    }
  }

  @Override
  public List<ObjectSummary> list(String prefix) {
    String checked = ObjectKeys.requirePrefix(prefix);
    return call(
        () -> {
          List<ObjectSummary> summaries = new ArrayList<>();
          for (S3Object o :
              client
                  .listObjectsV2Paginator(b -> b.bucket(settings.bucket()).prefix(checked))
                  .contents()) {
            summaries.add(new ObjectSummary(o.key(), o.size(), o.lastModified()));
          }
          return summaries;
        });
  }

  @Override
  public URI presignedGet(String key, Duration expiry) {
    ObjectKeys.requireKey(key);
    ObjectKeys.requireExpiry(expiry);
    try {
      return presigner
          .presignGetObject(
              p ->
                  p.signatureDuration(expiry)
                      .getObjectRequest(b -> b.bucket(settings.bucket()).key(key)))
          .url()
          .toURI();
    } catch (URISyntaxException e) {
      throw new IllegalStateException("the SDK presigned an invalid URL", e);
    }
  }

  @Override
  public String bucket() {
    return settings.bucket();
  }

  public S3Settings settings() {
    return settings;
  }

  @Override
  public void close() {
    presigner.close();
    client.close();
    http.close();
  }

  @Override
  public String toString() {
    return "S3ObjectStore[" + settings + "]";
  }

  private <T> T call(Supplier<T> operation) {
    try {
      return operation.get();
    } catch (NoSuchKeyException e) {
      throw errors.notFound(e);
    } catch (RuntimeException e) {
      throw errors.translate(e);
    }
  }

  /** S3's multipart upload: create, one UploadPart per part, complete (or abort). */
  private final class MultipartUpload extends PartwiseUpload {
    private final String key;
    private final String contentType;
    private final List<CompletedPart> parts = new ArrayList<>();
    private String uploadId;

    MultipartUpload(String key, String contentType) {
      super(partSize);
      this.key = key;
      this.contentType = contentType;
    }

    @Override
    protected void putWhole(byte[] content) {
      put(key, content, contentType);
    }

    @Override
    protected void sendPart(int number, long offset, byte[] part, boolean last) {
      if (uploadId == null) {
        uploadId =
            call(() ->
                    client.createMultipartUpload(
                        b -> b.bucket(settings.bucket()).key(key).contentType(contentType)))
                .uploadId();
      }
      String etag =
          call(() ->
                  client.uploadPart(
                      b ->
                          b.bucket(settings.bucket())
                              .key(key)
                              .uploadId(uploadId)
                              .partNumber(number),
                      RequestBody.fromBytes(part)))
              .eTag();
      parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
    }

    @Override
    protected void finish(long totalSize) {
      call(
          () ->
              client.completeMultipartUpload(
                  b ->
                      b.bucket(settings.bucket())
                          .key(key)
                          .uploadId(uploadId)
                          .multipartUpload(m -> m.parts(parts))));
    }

    @Override
    protected void dropParts() {
      if (uploadId != null) {
        call(
            () ->
                client.abortMultipartUpload(
                    b -> b.bucket(settings.bucket()).key(key).uploadId(uploadId)));
      }
    }
  }
}
