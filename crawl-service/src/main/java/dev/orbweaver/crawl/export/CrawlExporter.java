package dev.orbweaver.crawl.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orbweaver.common.sql.Jdbc;
import dev.orbweaver.crawl.pages.Pages;
import dev.orbweaver.crawl.pages.StoredPage;
import dev.orbweaver.fetch.config.FetchConfig;
import dev.orbweaver.fetch.guard.AllowedPrivateCidrs;
import dev.orbweaver.storage.Egress;
import dev.orbweaver.storage.ObjectStore;
import dev.orbweaver.storage.ObjectStoreException;
import dev.orbweaver.storage.ObjectUpload;
import dev.orbweaver.storage.gcs.GcsObjectStore;
import dev.orbweaver.storage.gcs.GcsSettings;
import dev.orbweaver.storage.gcs.ServiceAccount;
import dev.orbweaver.storage.s3.S3ObjectStore;
import dev.orbweaver.storage.s3.S3Settings;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Writes ended crawls' results to where they were asked to go: the platform's store as one JSONL
 * object, a customer's bucket in their format. Pages are read from PostgreSQL a batch at a time and
 * streamed into the upload, so a crawl of any size is written in bounded memory. Object keys follow
 * from the crawl id and the pages' order alone, so a retried write overwrites what an earlier
 * attempt left instead of duplicating it. A write that fails is retried with doubling waits; one
 * the store refuses for good (credentials, bucket, address) fails at once. Either way the crawl's
 * own results stay where they were.
 */
@ApplicationScoped
public class CrawlExporter {
  private static final Logger LOG = Logger.getLogger(CrawlExporter.class);

  /** Pages read from PostgreSQL at a time. */
  static final int BATCH = 200;

  /** How long a claimed export belongs to this process before another may take it over. */
  static final Duration CLAIM = Duration.ofMinutes(15);

  /** Where the platform's exports live; the sweeper deletes under it only. */
  public static final String PLATFORM_PREFIX = "crawl-exports/";

  private final Jdbc jdbc;
  private final Pages pages;
  private final ResultShape shape;
  private final ObjectMapper json;
  private final ConnectorSecrets secrets;
  private final PlatformStore platform;
  private final StorageConfig config;
  private final AllowedPrivateCidrs allowed;

  @Inject
  public CrawlExporter(
      DataSource dataSource,
      Pages pages,
      ResultShape shape,
      ObjectMapper json,
      ConnectorSecrets secrets,
      PlatformStore platform,
      StorageConfig config,
      FetchConfig fetch) {
    this.jdbc = new Jdbc(dataSource);
    this.pages = pages;
    this.shape = shape;
    this.json = json;
    this.secrets = secrets;
    this.platform = platform;
    this.config = config;
    this.allowed = AllowedPrivateCidrs.parse(fetch.allowedPrivateCidrs().orElse(""));
  }

  @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void tick() {
    try {
      for (int i = 0; i < 10 && exportNext(); i++) {
        // a few per tick, so that a backlog drains without starving the other schedules
      }
    } catch (RuntimeException e) {
      LOG.debugf("crawl exports paused: %s", e.getMessage());
    }
  }

  private record Claimed(
      long crawlId,
      UUID publicId,
      long accountId,
      ExportTarget.Kind kind,
      String connector,
      byte[] sealed,
      int attempts) {}

  /** Claims one due export of an ended crawl and writes it; false when none was due. */
  boolean exportNext() {
    Optional<Claimed> claimed =
        jdbc.inTransaction(
            c ->
                Jdbc.one(
                    c,
                    "update crawl_export e set attempts = e.attempts + 1, next_attempt_at = now() + ?::interval"
                        + " from crawl k where k.id = e.crawl_id and (e.crawl_id, e.target) = ("
                        + " select x.crawl_id, x.target from crawl_export x join crawl y on y.id = x.crawl_id"
                        + " where x.state = 'waiting' and x.next_attempt_at <= now()"
                        + " and y.status in ('completed', 'failed', 'cancelled')"
                        + " order by x.next_attempt_at limit 1 for update of x skip locked)"
                        + " returning e.crawl_id, k.public_id, k.account_id, e.target, e.connector::text,"
                        + " e.sealed_credentials, e.attempts",
                    rs ->
                        new Claimed(
                            rs.getLong(1),
                            rs.getObject(2, UUID.class),
                            rs.getLong(3),
                            ExportTarget.Kind.ofColumn(rs.getString(4)),
                            rs.getString(5),
                            rs.getBytes(6),
                            rs.getInt(7)),
                    CLAIM.toSeconds() + " seconds"));
    if (claimed.isEmpty()) {
      return false;
    }
    Claimed e = claimed.get();
    try {
      Written written = write(e);
      jdbc.withConnection(
          c ->
              Jdbc.update(
                  c,
                  "update crawl_export set state = 'written', object_key = ?, objects = ?,"
                      + " last_error = null, written_at = now() where crawl_id = ? and target = ?",
                  written.firstKey(),
                  written.objects(),
                  e.crawlId(),
                  e.kind().column()));
    } catch (ObjectStoreException failure) {
      fail(e, failure.getMessage(), failure.retryable());
    } catch (RuntimeException failure) {
      // Unreadable credentials or a bug: reported, never thrown past the schedule.
      fail(e, failure.getMessage(), false);
    }
    return true;
  }

  private void fail(Claimed e, String message, boolean retryable) {
    String reason = message == null || message.isBlank() ? "the store refused the write" : message;
    boolean again = retryable && e.attempts() < config.exportAttempts();
    Duration wait = config.exportRetryBase().multipliedBy(1L << Math.min(e.attempts() - 1, 16));
    LOG.warnf(
        "Export of crawl %s to its %s target failed (attempt %d, %s): %s",
        e.publicId(), e.kind().column(), e.attempts(), again ? "retrying" : "giving up", reason);
    jdbc.withConnection(
        c ->
            Jdbc.update(
                c,
                "update crawl_export set state = ?, last_error = ?, next_attempt_at = now() + ?::interval"
                    + " where crawl_id = ? and target = ?",
                again ? "waiting" : "failed",
                reason.length() > 2000 ? reason.substring(0, 2000) : reason,
                wait.toMillis() + " milliseconds",
                e.crawlId(),
                e.kind().column()));
  }

  private record Written(String firstKey, int objects) {}

  private Written write(Claimed e) {
    ExportTarget.Connector connector = connector(e.connector());
    if (e.kind() == ExportTarget.Kind.PLATFORM) {
      ObjectStore store =
          platform
              .forWriting()
              .orElseThrow(
                  () ->
                      new ObjectStoreException(
                          ObjectStoreException.Kind.STORE_ERROR,
                          0,
                          "this installation no longer has an object store"));
      String key = platformKey(e.accountId(), e.publicId());
      writeParts(store, key, Integer.MAX_VALUE, e.crawlId(), ExportTarget.Format.JSONL);
      return new Written(key, 1);
    }
    try (ObjectStore store = customerStore(connector, secrets.open(e.sealed()))) {
      String base = (connector.prefix() == null ? "" : connector.prefix()) + e.publicId() + "/";
      return switch (connector.format()) {
        case JSON -> writePerPage(store, base, e.crawlId());
        case JSONL, CSV -> {
          int parts =
              writeParts(
                  store, base + "part-", config.pagesPerPart(), e.crawlId(), connector.format());
          yield new Written(base + partName(1, connector.format()), parts);
        }
      };
    }
  }

  public static String platformKey(long accountId, UUID publicId) {
    return PLATFORM_PREFIX + accountId + "/" + publicId + ".jsonl";
  }

  /**
   * Writes the crawl's pages in parts of at most {@code perPart} pages: {@code key} itself when one
   * part is all there can be, else {@code key + "00001.jsonl"} and on. Returns the parts written.
   */
  private int writeParts(
      ObjectStore store, String key, int perPart, long crawlId, ExportTarget.Format format) {
    boolean single = perPart == Integer.MAX_VALUE;
    String contentType = format == ExportTarget.Format.CSV ? "text/csv" : "application/x-ndjson";
    int part = 0;
    int inPart = 0;
    ObjectUpload upload = null;
    try {
      int offset = 0;
      while (true) {
        List<StoredPage> batch = pages.list(crawlId, null, offset, BATCH);
        for (StoredPage page : batch) {
          if (upload == null) {
            part++;
            upload = store.openUpload(single ? key : key + partName(part, format), contentType);
            if (format == ExportTarget.Format.CSV) {
              upload.write(CsvRows.HEADER.getBytes(StandardCharsets.UTF_8));
            }
          }
          upload.write(line(page, format));
          if (++inPart == perPart) {
            upload.complete();
            upload = null;
            inPart = 0;
          }
        }
        if (batch.size() < BATCH) {
          break;
        }
        offset += batch.size();
      }
      if (upload == null && part == 0) {
        // A crawl without pages still gets its (empty) object, so that the download works.
        part++;
        upload = store.openUpload(single ? key : key + partName(part, format), contentType);
        if (format == ExportTarget.Format.CSV) {
          upload.write(CsvRows.HEADER.getBytes(StandardCharsets.UTF_8));
        }
      }
      if (upload != null) {
        upload.complete();
        upload = null;
      }
      return part;
    } finally {
      if (upload != null) {
        upload.close();
      }
    }
  }

  private Written writePerPage(ObjectStore store, String base, long crawlId) {
    int n = 0;
    int offset = 0;
    while (true) {
      List<StoredPage> batch = pages.list(crawlId, null, offset, BATCH);
      for (StoredPage page : batch) {
        n++;
        store.put(
            base + "pages/" + String.format(Locale.ROOT, "%06d", n) + ".json",
            json(page),
            "application/json");
      }
      if (batch.size() < BATCH) {
        break;
      }
      offset += batch.size();
    }
    return new Written(base + "pages/", n);
  }

  private static String partName(int part, ExportTarget.Format format) {
    return String.format(Locale.ROOT, "%05d.%s", part, format.wire());
  }

  private byte[] line(StoredPage page, ExportTarget.Format format) {
    if (format == ExportTarget.Format.CSV) {
      return CsvRows.row(json, shape.result(page)).getBytes(StandardCharsets.UTF_8);
    }
    byte[] object = json(page);
    byte[] line = java.util.Arrays.copyOf(object, object.length + 1);
    line[object.length] = '\n';
    return line;
  }

  private byte[] json(StoredPage page) {
    try {
      return json.writeValueAsBytes(shape.result(page));
    } catch (IOException e) {
      throw new IllegalStateException("a page did not serialize", e);
    }
  }

  private ExportTarget.Connector connector(String text) {
    try {
      return json.readValue(text, ExportTarget.Connector.class);
    } catch (IOException e) {
      throw new IllegalStateException("unreadable export connector", e);
    }
  }

  /** A customer's bucket, its endpoint and token URI behind the SSRF guard. */
  private ObjectStore customerStore(ExportTarget.Connector connector, String sealedJson) {
    JsonNode credentials;
    try {
      credentials = json.readTree(sealedJson);
    } catch (IOException e) {
      throw new IllegalStateException("unreadable connector credentials");
    }
    Egress egress = Egress.guarded(allowed);
    if ("gcs".equals(connector.type())) {
      ServiceAccount account =
          ServiceAccount.fromJson(credentials.path("service_account_json").asText());
      return new GcsObjectStore(
          GcsSettings.of(connector.bucket(), account).withApiBase(config.gcsApiBase()), egress);
    }
    S3Settings settings =
        S3Settings.of(
            connector.endpoint() == null ? null : URI.create(connector.endpoint()),
            connector.region() == null ? "us-east-1" : connector.region(),
            connector.bucket(),
            credentials.path("access_key_id").asText(),
            credentials.path("secret_access_key").asText());
    return new S3ObjectStore(settings, egress);
  }
}
