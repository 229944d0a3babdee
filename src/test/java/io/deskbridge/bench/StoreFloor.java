package io.deskbridge.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.flywaydb.core.Flyway;

/**
 * The floor under the intake's speed for new tickets: the rows one new ticket of a partner file
 * needs (the ticket, the partner's id, two journal events, one outbox row, the source key and the
 * row digest), written with plain JDBC batches in transactions of {@value #BATCH} tickets into a
 * fresh database migrated by the gateway's own scripts (H2 opened with the gateway's settings, or
 * PostgreSQL). No mapping, no lookups, no Spring: what is left is the store's own cost.
 */
final class StoreFloor {

  static final int BATCH = 500;
  private static final String FINGERPRINT = "0".repeat(64);

  private final String url;
  private final String user;
  private long nextTicket;

  private StoreFloor(String url, String user) {
    this.url = url;
    this.user = user;
    Flyway.configure()
        .dataSource(url, user, "")
        .locations("classpath:db/migration")
        .load()
        .migrate();
  }

  /** A fresh H2 file database in the directory, opened as the gateway opens its own. */
  static StoreFloor h2(Path directory) {
    return new StoreFloor(
        "jdbc:h2:file:"
            + directory.resolve("deskbridge").toAbsolutePath()
            + ";DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000;QUERY_CACHE_SIZE=64",
        "sa");
  }

  /** An empty PostgreSQL database, by its JDBC URL, for its superuser without a password. */
  static StoreFloor postgres(String url, String user) {
    return new StoreFloor(url, user);
  }

  /**
   * Writes the rows of {@code warmUp} tickets uncounted, then of {@code tickets} tickets timed.
   *
   * @return tickets written per second in the timed part
   */
  double ticketsPerSecond(int warmUp, int tickets) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url, user, "")) {
      connection.setAutoCommit(false);
      write(connection, warmUp);
      long start = System.nanoTime();
      write(connection, tickets);
      return tickets / ((System.nanoTime() - start) / 1e9);
    }
  }

  private void write(Connection connection, int tickets) throws SQLException {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    for (int from = 0; from < tickets; from += BATCH) {
      int size = Math.min(BATCH, tickets - from);
      long first = nextTicket;
      nextTicket += size;
      long[] ids = ticketRows(connection, first, size, now);
      long[] events = eventRows(connection, first, ids, now);
      try (PreparedStatement ref =
              connection.prepareStatement(
                  "INSERT INTO partner_ticket_ref (partner_id, external_id, ticket_id)"
                      + " VALUES ('sever', ?, ?)");
          PreparedStatement outbox =
              connection.prepareStatement(
                  "INSERT INTO outbox (event_id, ticket_id, destination, state, attempts,"
                      + " next_attempt_at, created_at)"
                      + " VALUES (?, ?, 'manufacturer', 'PENDING', 0, ?, ?)");
          PreparedStatement key =
              connection.prepareStatement(
                  "INSERT INTO intake_key (side, source_key, fingerprint, ticket_id, created_at)"
                      + " VALUES ('sever', ?, ?, ?, ?)");
          PreparedStatement digest =
              connection.prepareStatement(
                  "INSERT INTO connector_state (side, state_key, state_value, updated_at)"
                      + " VALUES ('sever', ?, ?, ?)")) {
        for (int i = 0; i < size; i++) {
          long n = first + i;
          ref.setString(1, "L-" + n);
          ref.setLong(2, ids[i]);
          ref.addBatch();
          outbox.setLong(1, events[2 * i]);
          outbox.setLong(2, ids[i]);
          outbox.setObject(3, now);
          outbox.setObject(4, now);
          outbox.addBatch();
          key.setString(1, "csv:" + FINGERPRINT + ":" + n);
          key.setString(2, FINGERPRINT);
          key.setLong(3, ids[i]);
          key.setObject(4, now);
          key.addBatch();
          digest.setString(1, "row:L-" + n);
          digest.setString(2, FINGERPRINT);
          digest.setObject(3, now);
          digest.addBatch();
        }
        ref.executeBatch();
        outbox.executeBatch();
        key.executeBatch();
        digest.executeBatch();
      }
      connection.commit();
    }
  }

  private static long[] ticketRows(Connection connection, long first, int size, OffsetDateTime now)
      throws SQLException {
    try (PreparedStatement ticket =
        connection.prepareStatement(
            "INSERT INTO ticket (partner_id, subject, description, status, priority,"
                + " product_model, queue, routing_rule, attributes, created_at, updated_at,"
                + " version) VALUES ('sever', ?, 'После грозы', 'NEW', 'NORMAL', 'FP-2000',"
                + " 'triage', 'default', '{}', ?, ?, 1)",
            new String[] {"id"})) {
      for (int i = 0; i < size; i++) {
        ticket.setString(1, "Панель " + (first + i) + " не отвечает");
        ticket.setObject(2, now);
        ticket.setObject(3, now);
        ticket.addBatch();
      }
      ticket.executeBatch();
      return keys(ticket, size);
    }
  }

  private static long[] eventRows(Connection connection, long first, long[] ids, OffsetDateTime now)
      throws SQLException {
    try (PreparedStatement event =
        connection.prepareStatement(
            "INSERT INTO ticket_event (ticket_id, type, origin_side, source_key, occurred_at, data)"
                + " VALUES (?, ?, ?, ?, ?, ?)",
            new String[] {"id"})) {
      String[][] opening = {
        {"CREATED", "sever", "{\"subject\":\"Панель не отвечает\",\"priority\":\"NORMAL\"}"},
        {"ROUTED", "manufacturer", "{\"rule\":\"default\",\"queue\":\"triage\"}"}
      };
      for (int i = 0; i < ids.length; i++) {
        for (String[] entry : opening) {
          event.setLong(1, ids[i]);
          event.setString(2, entry[0]);
          event.setString(3, entry[1]);
          event.setString(4, "csv:" + FINGERPRINT + ":" + (first + i));
          event.setObject(5, now);
          event.setString(6, entry[2]);
          event.addBatch();
        }
      }
      event.executeBatch();
      return keys(event, ids.length * 2);
    }
  }

  private static long[] keys(PreparedStatement statement, int rows) throws SQLException {
    long[] keys = new long[rows];
    try (ResultSet generated = statement.getGeneratedKeys()) {
      for (int i = 0; i < rows; i++) {
        if (!generated.next()) {
          throw new IllegalStateException("H2 gave " + i + " generated ids for " + rows + " rows");
        }
        keys[i] = generated.getLong(1);
      }
    }
    return keys;
  }
}
