package io.deskbridge.outbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The outbox table. A row is a lane's head when no earlier row of the same (destination, ticket) is
 * still pending or dead; only heads are delivered, which is what keeps per-ticket order under
 * retries.
 */
@Repository
public class OutboxStore {

  private static final String COLUMNS =
      "o.id, o.event_id, o.ticket_id, o.destination, o.state, o.attempts, o.next_attempt_at,"
          + " o.last_error";
  private static final String NOTHING_EARLIER_OPEN =
      " NOT EXISTS (SELECT 1 FROM outbox p WHERE p.destination = o.destination"
          + " AND p.ticket_id = o.ticket_id AND p.id < o.id AND p.state IN ('PENDING', 'DEAD'))";

  /** Closes a row as delivered, counting the attempt that delivered it; a WHERE follows. */
  private static final String CLOSE_AS_DELIVERED =
      "UPDATE outbox SET state = 'DELIVERED', attempts = attempts + 1, delivered_at = :now,"
          + " lease_until = NULL, last_error = NULL";

  private final JdbcClient jdbc;
  private final NamedParameterJdbcOperations batches;

  /**
   * The condition that a row found by id is in a state, written so that no database takes the state
   * index for it: H2 keeps the plan it made when a statement first ran, and one made while the
   * outbox was empty reads every row in that state for each id, which after a large import is a
   * hundred thousand rows per delivery.
   */
  private static String stateIs(OutboxState state) {
    return "CONCAT(state, '') = '" + state.name() + "'";
  }

  public OutboxStore(NamedParameterJdbcOperations jdbc) {
    this.jdbc = JdbcClient.create(jdbc);
    this.batches = jdbc;
  }

  public void enqueue(long eventId, long ticketId, String destination, Instant now) {
    enqueueAll(List.of(new Delivery(eventId, ticketId, destination)), now);
  }

  /** An event to deliver to one side. */
  public record Delivery(long eventId, long ticketId, String destination) {}

  /** Queues deliveries in a batch, each due now. */
  public void enqueueAll(List<Delivery> deliveries, Instant now) {
    if (deliveries.isEmpty()) {
      return;
    }
    MapSqlParameterSource[] rows = new MapSqlParameterSource[deliveries.size()];
    for (int i = 0; i < rows.length; i++) {
      Delivery delivery = deliveries.get(i);
      rows[i] =
          new MapSqlParameterSource()
              .addValue("event", delivery.eventId())
              .addValue("ticket", delivery.ticketId())
              .addValue("destination", delivery.destination())
              .addValue("now", utc(now));
    }
    batches.batchUpdate(
        "INSERT INTO outbox (event_id, ticket_id, destination, state, attempts, next_attempt_at,"
            + " created_at) VALUES (:event, :ticket, :destination, 'PENDING', 0, :now, :now)",
        rows);
  }

  /** Lane heads that are due and not leased by another dispatcher, oldest first. */
  public List<OutboxRow> dueHeads(Instant now, int limit) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM outbox o WHERE o.state = 'PENDING' AND o.next_attempt_at <= :now"
                + " AND (o.lease_until IS NULL OR o.lease_until < :now) AND"
                + NOTHING_EARLIER_OPEN
                + " ORDER BY o.id LIMIT "
                + limit)
        .param("now", utc(now))
        .query(OutboxStore::map)
        .list();
  }

  /** The next pending row of a lane after the given one, due or not. */
  public Optional<OutboxRow> nextInLane(String destination, long ticketId, long afterId) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM outbox o WHERE o.destination = :destination AND o.ticket_id = :ticket"
                + " AND o.id > :after AND o.state = 'PENDING' ORDER BY o.id LIMIT 1")
        .param("destination", destination)
        .param("ticket", ticketId)
        .param("after", afterId)
        .query(OutboxStore::map)
        .optional();
  }

  /** Takes a row for delivery until {@code until}; false if another dispatcher holds it. */
  public boolean lease(long id, Instant now, Instant until) {
    return jdbc.sql(
                "UPDATE outbox SET lease_until = :until WHERE id = :id AND "
                    + stateIs(OutboxState.PENDING)
                    + " AND (lease_until IS NULL OR lease_until < :now)")
            .param("until", utc(until))
            .param("id", id)
            .param("now", utc(now))
            .update()
        == 1;
  }

  public void markDelivered(long id, Instant now) {
    jdbc.sql(CLOSE_AS_DELIVERED + " WHERE id = :id")
        .param("now", utc(now))
        .param("id", id)
        .update();
  }

  /**
   * Closes, as delivered, up to {@code limit} due rows of a destination that works in the store
   * itself, oldest first; rows a dispatcher has leased are left to it.
   *
   * @return how many rows were closed
   */
  public int markDeliveredInStore(String destination, Instant now, int limit) {
    // The rows are found first and closed by id: H2 may keep a plan made while the outbox was
    // empty, and for an update filtered by a subquery that plan reads the whole table.
    List<Long> due =
        jdbc.sql(
                "SELECT id FROM outbox WHERE state = 'PENDING' AND destination = :destination"
                    + " AND next_attempt_at <= :now AND (lease_until IS NULL OR lease_until < :now)"
                    + " LIMIT "
                    + limit)
            .param("destination", destination)
            .param("now", utc(now))
            .query(Long.class)
            .list();
    if (due.isEmpty()) {
      return 0;
    }
    MapSqlParameterSource[] rows = new MapSqlParameterSource[due.size()];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = new MapSqlParameterSource().addValue("id", due.get(i)).addValue("now", utc(now));
    }
    int closed = 0;
    for (int count :
        batches.batchUpdate(
            CLOSE_AS_DELIVERED
                + " WHERE id = :id AND "
                + stateIs(OutboxState.PENDING)
                + " AND (lease_until IS NULL OR lease_until < :now)",
            rows)) {
      closed += count;
    }
    return closed;
  }

  /** Closes a row whose change may not leave toward its destination, keeping why. */
  public void markFiltered(long id, String reason, Instant now) {
    jdbc.sql(
            "UPDATE outbox SET state = 'FILTERED', delivered_at = :now, lease_until = NULL,"
                + " last_error = :reason WHERE id = :id")
        .param("now", utc(now))
        .param("reason", truncate(reason))
        .param("id", id)
        .update();
  }

  public void scheduleRetry(long id, String error, Instant nextAttempt) {
    jdbc.sql(
            "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = :next, lease_until = NULL,"
                + " last_error = :error WHERE id = :id")
        .param("next", utc(nextAttempt))
        .param("error", truncate(error))
        .param("id", id)
        .update();
  }

  /** Puts a row back to wait without counting an attempt: it was held back, never tried. */
  public void defer(long id, String reason, Instant nextAttempt) {
    jdbc.sql(
            "UPDATE outbox SET next_attempt_at = :next, lease_until = NULL, last_error = :error"
                + " WHERE id = :id")
        .param("next", utc(nextAttempt))
        .param("error", truncate(reason))
        .param("id", id)
        .update();
  }

  public void markDead(long id, String error) {
    jdbc.sql(
            "UPDATE outbox SET state = 'DEAD', attempts = attempts + 1, lease_until = NULL,"
                + " last_error = :error WHERE id = :id")
        .param("error", truncate(error))
        .param("id", id)
        .update();
  }

  /** Puts a dead row back in its lane with a fresh set of attempts. */
  public void revive(long id, Instant now) {
    jdbc.sql(
            "UPDATE outbox SET state = 'PENDING', attempts = 0, next_attempt_at = :now,"
                + " lease_until = NULL WHERE id = :id AND "
                + stateIs(OutboxState.DEAD))
        .param("now", utc(now))
        .param("id", id)
        .update();
  }

  public void skip(long id) {
    jdbc.sql(
            "UPDATE outbox SET state = 'SKIPPED', lease_until = NULL WHERE id = :id AND "
                + stateIs(OutboxState.DEAD))
        .param("id", id)
        .update();
  }

  public Optional<OutboxRow> find(long id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM outbox o WHERE o.id = :id")
        .param("id", id)
        .query(OutboxStore::map)
        .optional();
  }

  public List<OutboxRow> ofTicket(long ticketId) {
    return jdbc.sql(
            "SELECT " + COLUMNS + " FROM outbox o WHERE o.ticket_id = :ticket ORDER BY o.id")
        .param("ticket", ticketId)
        .query(OutboxStore::map)
        .list();
  }

  public long countPending() {
    return jdbc.sql("SELECT COUNT(*) FROM outbox WHERE state = 'PENDING'")
        .query(Long.class)
        .single();
  }

  private static OutboxRow map(ResultSet rs, int row) throws SQLException {
    OffsetDateTime next = rs.getObject("next_attempt_at", OffsetDateTime.class);
    return new OutboxRow(
        rs.getLong("id"),
        rs.getLong("event_id"),
        rs.getLong("ticket_id"),
        rs.getString("destination"),
        OutboxState.valueOf(rs.getString("state")),
        rs.getInt("attempts"),
        next.toInstant(),
        rs.getString("last_error"));
  }

  static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  static String truncate(String error) {
    if (error == null) {
      return null;
    }
    return error.length() <= 4000 ? error : error.substring(0, 3990) + " [cut]";
  }
}
