package dev.orbweaver.webhook.subscription;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orbweaver.common.id.Ids;
import dev.orbweaver.common.sql.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/** The subscription table. The same owner and style subscribed twice is one subscription. */
@ApplicationScoped
public class Subscriptions {
  private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {};

  private static final int CACHED = 10_000;

  private final Jdbc jdbc;
  private final ObjectMapper json;
  // Subscriptions never change once made, so every attempt after the first reads them from here.
  private final Map<String, Subscription> cache =
      java.util.Collections.synchronizedMap(
          new java.util.LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Subscription> eldest) {
              return size() > CACHED;
            }
          });

  @Inject
  public Subscriptions(DataSource dataSource, ObjectMapper json) {
    this.jdbc = new Jdbc(dataSource);
    this.json = json;
  }

  /** Stores the subscription unless the owner has one of the style; returns the id either way. */
  public String subscribe(Subscription s) {
    return jdbc.inTransaction(
        c -> {
          Optional<String> created =
              Jdbc.one(
                  c,
                  "insert into subscription (id, account_id, owner_ref, style, url, target,"
                      + " secret_enc, events, headers, metadata)"
                      + " values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb)"
                      + " on conflict (owner_ref, style) do nothing returning id",
                  rs -> rs.getString(1),
                  Ids.prefixed("sub", 24),
                  s.accountId(),
                  s.ownerRef(),
                  s.style(),
                  s.url(),
                  Subscription.targetOf(s.url()),
                  s.sealedSecret(),
                  s.events() == null ? null : c.createArrayOf("text", s.events().toArray()),
                  write(s.headers() == null ? Map.of() : s.headers()),
                  s.metadata() == null || s.metadata().isNull() ? null : write(s.metadata()));
          if (created.isPresent()) {
            return created.get();
          }
          return Jdbc.one(
                  c,
                  "select id from subscription where owner_ref = ? and style = ?",
                  rs -> rs.getString(1),
                  s.ownerRef(),
                  s.style())
              .orElseThrow();
        });
  }

  public Optional<Subscription> find(String id) {
    Subscription known = cache.get(id);
    return known != null ? Optional.of(known) : jdbc.withConnection(c -> find(c, id));
  }

  public Optional<Subscription> find(Connection c, String id) throws SQLException {
    Subscription known = cache.get(id);
    if (known != null) {
      return Optional.of(known);
    }
    Optional<Subscription> found =
        Jdbc.one(c, "select * from subscription where id = ?", this::read, id);
    found.ifPresent(s -> cache.put(id, s));
    return found;
  }

  private Subscription read(ResultSet rs) throws SQLException {
    Array events = rs.getArray("events");
    try {
      String metadata = rs.getString("metadata");
      return new Subscription(
          rs.getString("id"),
          rs.getLong("account_id"),
          rs.getString("owner_ref"),
          rs.getString("style"),
          rs.getString("url"),
          rs.getBytes("secret_enc"),
          events == null ? null : Arrays.asList((String[]) events.getArray()),
          json.readValue(rs.getString("headers"), HEADERS),
          metadata == null ? null : json.readTree(metadata));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable subscription " + rs.getString("id"), e);
    }
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** For a caller's list of event types: every entry known. */
  static List<String> known(List<String> events) {
    for (String e : events) {
      if (!Subscription.EVENT_TYPES.contains(e)) {
        throw new IllegalArgumentException(
            "unknown event '" + e + "'; known: " + String.join(", ", Subscription.EVENT_TYPES));
      }
    }
    return List.copyOf(events);
  }

  static JsonNode orNull(JsonNode node) {
    return node == null || node.isNull() || node.isMissingNode() ? null : node;
  }
}
