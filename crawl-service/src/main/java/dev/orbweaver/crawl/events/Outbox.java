package dev.orbweaver.crawl.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orbweaver.common.id.Ids;
import dev.orbweaver.common.sql.Jdbc;
import dev.orbweaver.crawl.model.Crawl;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Events, written in the transaction of the state change they describe, so that an event exists if
 * and only if the change happened. Crawls without a webhook write none.
 */
@ApplicationScoped
public class Outbox {
  public static final String STARTED = "crawl.started";
  public static final String PAGE_COMPLETED = "crawl.page.completed";
  public static final String PAGE_FAILED = "crawl.page.failed";
  public static final String COMPLETED = "crawl.completed";
  public static final String FAILED = "crawl.failed";
  public static final String CANCELLED = "crawl.cancelled";

  private final ObjectMapper json;

  @Inject
  public Outbox(ObjectMapper json) {
    this.json = json;
  }

  public void append(Connection c, Crawl crawl, String type, ObjectNode body, Instant at)
      throws SQLException {
    if (!crawl.hasSubscriptions()) {
      return;
    }
    try {
      Jdbc.update(
          c,
          "insert into outbox (event_id, type, account_id, crawl_id, subscription_ids, body, occurred_at)"
              + " values (?, ?, ?, ?, ?, ?::jsonb, ?)",
          Ids.prefixed("evt", 24),
          type,
          crawl.accountId(),
          crawl.id(),
          c.createArrayOf("text", crawl.subscriptions().toArray()),
          json.writeValueAsString(body),
          at);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
