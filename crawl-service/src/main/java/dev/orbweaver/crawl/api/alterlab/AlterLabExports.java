package dev.orbweaver.crawl.api.alterlab;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orbweaver.common.error.ApiException;
import dev.orbweaver.crawl.api.WireChecks;
import dev.orbweaver.crawl.export.ExportTarget;
import dev.orbweaver.storage.gcs.ServiceAccount;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Maps AlterLab's {@code storage} and {@code output} onto export targets, checking every field
 * before the crawl is started (and debited). Whether the installation can serve them — a platform
 * store, a key to seal credentials with — is told by the caller.
 */
final class AlterLabExports {
  /** S3's bucket naming rules (3–63 of lower-case letters, digits, dots and hyphens). */
  private static final Pattern S3_BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

  /** GCS allows underscores, and names up to 222 characters with dots. */
  private static final Pattern GCS_BUCKET = Pattern.compile("[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]");

  private static final Pattern REGION = Pattern.compile("[a-z0-9-]{1,32}");
  static final int MAX_PREFIX = 512;
  static final int MAX_KEY = 256;
  static final int MAX_SERVICE_ACCOUNT = 16 * 1024;

  private AlterLabExports() {}

  static List<ExportTarget> targets(
      AlterLabRequests.StartCrawl r, boolean platformStore, boolean canSeal) {
    List<ExportTarget> targets = new ArrayList<>();
    if (r == null) {
      return targets;
    }
    String storage = r.storage();
    if ("s3".equals(storage) || "r2".equals(storage)) {
      if (!platformStore) {
        throw ApiException.validation(
            "storage '"
                + storage
                + "' needs an object store and this installation has none configured"
                + " (ORBWEAVER_STORAGE_MODE); use \"redis\" (inline results)");
      }
      targets.add(
          new ExportTarget(
              ExportTarget.Kind.PLATFORM,
              new ExportTarget.Connector(
                  storage, null, null, null, null, ExportTarget.Format.JSONL),
              null));
    }
    AlterLabRequests.Output o = r.output();
    if (o == null || "webhook_stream".equals(o.type())) {
      return targets;
    }
    if (!"s3".equals(o.type()) && !"gcs".equals(o.type())) {
      throw ApiException.validation("output.type must be s3, gcs or webhook_stream");
    }
    if (!canSeal) {
      throw ApiException.validation(
          "output connectors need this installation's secrets key (ORBWEAVER_SECRETS_KEY), which"
              + " is not set");
    }
    ExportTarget.Format format =
        ExportTarget.Format.ofWire(o.format() == null ? "jsonl" : o.format())
            .orElseThrow(() -> ApiException.validation("output.format must be jsonl, json or csv"));
    String prefix = prefix(o.prefix());
    AlterLabRequests.OutputCredentials k = o.credentials();
    if (k == null) {
      throw ApiException.validation("output.credentials is required");
    }
    if ("gcs".equals(o.type())) {
      String bucket = bucket(o.bucket(), GCS_BUCKET);
      if (o.endpoint() != null || o.region() != null) {
        throw ApiException.validation("output.endpoint and output.region are for s3 only");
      }
      String account = serviceAccount(k.serviceAccountJson());
      return add(
          targets,
          new ExportTarget(
              ExportTarget.Kind.CUSTOMER,
              new ExportTarget.Connector("gcs", bucket, prefix, null, null, format),
              ExportTarget.Credentials.gcs(account)));
    }
    String bucket = bucket(o.bucket(), S3_BUCKET);
    if (o.region() != null && !REGION.matcher(o.region()).matches()) {
      throw ApiException.validation("output.region must be a region name such as us-east-1");
    }
    String endpoint =
        o.endpoint() == null ? null : WireChecks.httpUrl("output.endpoint", o.endpoint());
    String keyId = key("output.credentials.access_key_id", k.accessKeyId());
    String secret = key("output.credentials.secret_access_key", k.secretAccessKey());
    return add(
        targets,
        new ExportTarget(
            ExportTarget.Kind.CUSTOMER,
            new ExportTarget.Connector("s3", bucket, prefix, o.region(), endpoint, format),
            ExportTarget.Credentials.s3(keyId, secret)));
  }

  private static List<ExportTarget> add(List<ExportTarget> targets, ExportTarget target) {
    targets.add(target);
    return targets;
  }

  private static String bucket(String bucket, Pattern rule) {
    if (bucket == null || bucket.isEmpty()) {
      throw ApiException.validation("output.bucket is required");
    }
    if (!rule.matcher(bucket).matches()) {
      throw ApiException.validation(
          "output.bucket must be a bucket name (lower-case letters, digits, dots, hyphens)");
    }
    return bucket;
  }

  private static String prefix(String prefix) {
    if (prefix == null) {
      return "";
    }
    if (prefix.length() > MAX_PREFIX) {
      throw ApiException.validation("output.prefix must be at most " + MAX_PREFIX + " characters");
    }
    if (prefix.chars().anyMatch(c -> c < 0x20 || c == 0x7f) || prefix.startsWith("/")) {
      throw ApiException.validation(
          "output.prefix must not start with / or contain control characters");
    }
    return prefix;
  }

  private static String key(String field, String value) {
    if (value == null || value.isBlank()) {
      throw ApiException.validation(field + " is required");
    }
    if (value.length() > MAX_KEY || value.chars().anyMatch(c -> c <= 0x20 || c == 0x7f)) {
      throw ApiException.validation(
          field + " must be at most " + MAX_KEY + " characters without spaces");
    }
    return value;
  }

  /** The service account as text, accepted as a JSON string or the key file's object itself. */
  private static String serviceAccount(JsonNode node) {
    if (node == null || node.isNull()) {
      throw ApiException.validation("output.credentials.service_account_json is required");
    }
    String text = node.isTextual() ? node.asText() : node.toString();
    if (text.length() > MAX_SERVICE_ACCOUNT) {
      throw ApiException.validation(
          "output.credentials.service_account_json must be at most 16 KB");
    }
    try {
      ServiceAccount.fromJson(text);
    } catch (RuntimeException e) {
      // Its message names the missing or broken field, never the key itself.
      throw ApiException.validation(
          "output.credentials.service_account_json is not a service account key: "
              + e.getMessage());
    }
    return text;
  }
}
