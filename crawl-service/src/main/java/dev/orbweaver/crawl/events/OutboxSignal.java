package dev.orbweaver.crawl.events;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The relay's wake-up: a trigger on the outbox NOTIFYs {@code crawl_outbox} when a transaction
 * commits events, and this LISTENs on a connection of its own. Only the relay's thread uses it.
 * Without a signal (or without the database) the relay still looks at its usual pace.
 */
final class OutboxSignal implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(OutboxSignal.class);
  static final String CHANNEL = "crawl_outbox";

  private final DataSource dataSource;
  private Connection listening;

  OutboxSignal(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Waits up to {@code timeoutMs} for committed events; true when some were signalled. */
  boolean await(long timeoutMs) throws InterruptedException {
    try {
      if (listening == null) {
        listening = dataSource.getConnection();
        listening.setAutoCommit(true);
        try (Statement listen = listening.createStatement()) {
          listen.execute("LISTEN " + CHANNEL);
        }
      }
      PGNotification[] signals =
          listening.unwrap(PGConnection.class).getNotifications((int) Math.max(1, timeoutMs));
      return signals != null && signals.length > 0;
    } catch (SQLException e) {
      LOG.debugf("outbox signal unavailable (%s); looking every %d ms", e.getMessage(), timeoutMs);
      close();
      Thread.sleep(timeoutMs);
      return false;
    }
  }

  @Override
  public void close() {
    if (listening != null) {
      try {
        listening.close();
      } catch (SQLException ignored) {
        // the connection is gone either way
      }
      listening = null;
    }
  }
}
