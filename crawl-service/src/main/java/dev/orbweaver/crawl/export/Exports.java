package dev.orbweaver.crawl.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orbweaver.common.sql.Jdbc;
import dev.orbweaver.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A crawl's exports: registered when it starts, read back for its status. The writing is {@link
 * CrawlExporter}'s; the credentials are sealed here before anything is stored.
 */
@ApplicationScoped
public class Exports {
  private final Jdbc jdbc;
  private final ObjectMapper json;
  private final ConnectorSecrets secrets;
  private final PlatformStore platform;
  private final StorageConfig config;
  private final Clock clock = Clock.systemUTC();

  @Inject
  public Exports(
      DataSource dataSource,
      ObjectMapper json,
      ConnectorSecrets secrets,
      PlatformStore platform,
      StorageConfig config) {
    this.jdbc = new Jdbc(dataSource);
    this.json = json;
    this.secrets = secrets;
    this.platform = platform;
    this.config = config;
  }

  /** What a crawl's status says about one export. */
  public record State(
      ExportTarget.Kind kind,
      ExportTarget.Connector connector,
      String state,
      int objects,
      String objectKey,
      String lastError,
      Instant writtenAt) {}

  /** Whether the platform has a store for storage s3/r2. */
  public boolean platformStore() {
    return platform.configured();
  }

  /** Whether connector credentials can be sealed. */
  public boolean canSeal() {
    return secrets.available();
  }

  /**
   * Registers the crawl's exports. A crawl whose results go to the platform's store keeps its
   * status (and so its download_url) for as long as the object is kept.
   */
  public void register(long crawlId, List<ExportTarget> targets) {
    if (targets.isEmpty()) {
      return;
    }
    List<Row> rows = targets.stream().map(this::row).toList();
    jdbc.inTransaction(
        c -> {
          for (Row r : rows) {
            Jdbc.update(
                c,
                "insert into crawl_export (crawl_id, target, connector, sealed_credentials)"
                    + " values (?, ?, ?::jsonb, ?) on conflict do nothing",
                crawlId,
                r.kind().column(),
                r.connector(),
                r.sealed());
            if (r.kind() == ExportTarget.Kind.PLATFORM) {
              Jdbc.update(
                  c,
                  "update crawl set expires_at = greatest(expires_at, enqueued_at + ?::interval)"
                      + " where id = ?",
                  config.exportRetention().toSeconds() + " seconds",
                  crawlId);
            }
          }
          return null;
        });
  }

  private record Row(ExportTarget.Kind kind, String connector, byte[] sealed) {}

  private Row row(ExportTarget t) {
    try {
      return new Row(
          t.kind(),
          json.writeValueAsString(t.connector()),
          t.credentials() == null ? null : secrets.seal(credentials(t)));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("an export connector did not serialize", e);
    }
  }

  public List<State> of(long crawlId) {
    return jdbc.withConnection(
        c ->
            Jdbc.list(
                c,
                "select target, connector, state, objects, object_key, last_error, written_at"
                    + " from crawl_export where crawl_id = ? order by target",
                this::state,
                crawlId));
  }

  /** A fresh presigned URL for a written platform export, and when it stops working. */
  public Optional<Download> download(State s) {
    if (s.kind() != ExportTarget.Kind.PLATFORM || !"written".equals(s.state())) {
      return Optional.empty();
    }
    Instant removed = s.writtenAt().plus(config.exportRetention());
    Instant now = clock.instant();
    if (!removed.isAfter(now.plusSeconds(1))) {
      return Optional.empty();
    }
    java.time.Duration ttl = config.downloadUrlTtl();
    if (now.plus(ttl).isAfter(removed)) {
      ttl = java.time.Duration.between(now, removed);
    }
    ttl =
        ttl.compareTo(dev.orbweaver.storage.ObjectKeys.MAX_PRESIGN_EXPIRY) > 0
            ? dev.orbweaver.storage.ObjectKeys.MAX_PRESIGN_EXPIRY
            : ttl;
    Optional<ObjectStore> store = platform.get();
    if (store.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Download(store.get().presignedGet(s.objectKey(), ttl), now.plus(ttl)));
  }

  public record Download(URI url, Instant expiresAt) {}

  private State state(ResultSet rs) throws SQLException {
    ExportTarget.Connector connector;
    try {
      JsonNode node = json.readTree(rs.getString("connector"));
      connector = json.treeToValue(node, ExportTarget.Connector.class);
    } catch (java.io.IOException e) {
      throw new SQLException("unreadable export connector", e);
    }
    return new State(
        ExportTarget.Kind.ofColumn(rs.getString("target")),
        connector,
        rs.getString("state"),
        rs.getInt("objects"),
        rs.getString("object_key"),
        rs.getString("last_error"),
        Jdbc.instant(rs, "written_at"));
  }

  private String credentials(ExportTarget t) {
    ObjectNode node = json.createObjectNode();
    ExportTarget.Credentials k = t.credentials();
    if (k.serviceAccountJson() != null) {
      node.put("service_account_json", k.serviceAccountJson());
    } else {
      node.put("access_key_id", k.accessKeyId());
      node.put("secret_access_key", k.secretAccessKey());
    }
    return node.toString();
  }
}
