package dev.orbweaver.crawl.export;

/**
 * Where a crawl's results are written when it ends: the platform's own store ({@link
 * Kind#PLATFORM}, downloaded through a presigned URL) or a customer's bucket ({@link
 * Kind#CUSTOMER}). The connector never holds a credential; those travel sealed beside it.
 */
public record ExportTarget(Kind kind, Connector connector, Credentials credentials) {

  public enum Kind {
    PLATFORM("platform"),
    CUSTOMER("customer");

    private final String column;

    Kind(String column) {
      this.column = column;
    }

    public String column() {
      return column;
    }

    public static Kind ofColumn(String column) {
      return column.equals("platform") ? PLATFORM : CUSTOMER;
    }
  }

  /** How results are laid out in a customer's bucket. */
  public enum Format {
    /** JSON Lines in parts of {@link StorageConfig#pagesPerPart()} pages. */
    JSONL("jsonl"),
    /** One JSON object per page. */
    JSON("json"),
    /** CSV in parts, each with a header. */
    CSV("csv");

    private final String wire;

    Format(String wire) {
      this.wire = wire;
    }

    public String wire() {
      return wire;
    }

    public static java.util.Optional<Format> ofWire(String value) {
      for (Format f : values()) {
        if (f.wire.equals(value)) {
          return java.util.Optional.of(f);
        }
      }
      return java.util.Optional.empty();
    }
  }

  /**
   * @param type s3, r2 (the platform's store) or s3, gcs (a customer's)
   * @param endpoint an S3-compatible customer endpoint (R2, MinIO), or null for AWS S3
   */
  public record Connector(
      String type, String bucket, String prefix, String region, String endpoint, Format format) {}

  /**
   * A customer's keys, held only until sealed. A class, not a record, so that no {@code toString}
   * prints them.
   */
  public static final class Credentials {
    private final String accessKeyId;
    private final String secretAccessKey;
    private final String serviceAccountJson;

    private Credentials(String accessKeyId, String secretAccessKey, String serviceAccountJson) {
      this.accessKeyId = accessKeyId;
      this.secretAccessKey = secretAccessKey;
      this.serviceAccountJson = serviceAccountJson;
    }

    public static Credentials s3(String accessKeyId, String secretAccessKey) {
      return new Credentials(accessKeyId, secretAccessKey, null);
    }

    public static Credentials gcs(String serviceAccountJson) {
      return new Credentials(null, null, serviceAccountJson);
    }

    public String accessKeyId() {
      return accessKeyId;
    }

    public String secretAccessKey() {
      return secretAccessKey;
    }

    public String serviceAccountJson() {
      return serviceAccountJson;
    }

    @Override
    public String toString() {
      return "Credentials[redacted]";
    }
  }
}
