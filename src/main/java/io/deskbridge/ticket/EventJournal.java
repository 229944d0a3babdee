package io.deskbridge.ticket;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** The append-only history of every ticket; nothing here is ever updated or deleted. */
@Repository
public class EventJournal {

  private static final String SELECT =
      "SELECT id, ticket_id, type, origin_side, source_key, occurred_at, data FROM ticket_event";

  private final JdbcClient jdbc;
  private final NamedParameterJdbcOperations batches;

  public EventJournal(NamedParameterJdbcOperations jdbc) {
    this.jdbc = JdbcClient.create(jdbc);
    this.batches = jdbc;
  }

  public TicketEvent append(
      long ticketId,
      EventType type,
      Side origin,
      String sourceKey,
      Instant at,
      Map<String, Object> data) {
    return appendAll(List.of(new NewEvent(ticketId, type, origin, sourceKey, at, data))).get(0);
  }

  /** An entry to append to a ticket's history. */
  public record NewEvent(
      long ticketId,
      EventType type,
      Side origin,
      String sourceKey,
      Instant at,
      Map<String, Object> data) {}

  /** Appends entries in a batch, in order, and gives them back with their ids. */
  public List<TicketEvent> appendAll(List<NewEvent> events) {
    MapSqlParameterSource[] rows = new MapSqlParameterSource[events.size()];
    for (int i = 0; i < rows.length; i++) {
      NewEvent event = events.get(i);
      rows[i] =
          new MapSqlParameterSource()
              .addValue("ticket", event.ticketId())
              .addValue("type", event.type().name())
              .addValue("origin", event.origin().id())
              .addValue("source", event.sourceKey())
              .addValue("at", TicketStore.timestamp(event.at()))
              .addValue("data", JsonColumns.write(event.data()));
    }
    KeyHolder keys = new GeneratedKeyHolder();
    batches.batchUpdate(
        "INSERT INTO ticket_event (ticket_id, type, origin_side, source_key, occurred_at, data)"
            + " VALUES (:ticket, :type, :origin, :source, :at, :data)",
        rows,
        keys,
        new String[] {"id"});
    long[] ids = TicketStore.generatedIds(keys, rows.length);
    List<TicketEvent> appended = new ArrayList<>(rows.length);
    for (int i = 0; i < rows.length; i++) {
      NewEvent event = events.get(i);
      appended.add(
          new TicketEvent(
              ids[i],
              event.ticketId(),
              event.type(),
              event.origin(),
              event.sourceKey(),
              event.at(),
              event.data()));
    }
    return appended;
  }

  public List<TicketEvent> ofTicket(long ticketId) {
    return jdbc.sql(SELECT + " WHERE ticket_id = :ticket ORDER BY id")
        .param("ticket", ticketId)
        .query(EventJournal::map)
        .list();
  }

  public TicketEvent get(long eventId) {
    return jdbc.sql(SELECT + " WHERE id = :id")
        .param("id", eventId)
        .query(EventJournal::map)
        .single();
  }

  private static TicketEvent map(ResultSet rs, int row) throws SQLException {
    return new TicketEvent(
        rs.getLong("id"),
        rs.getLong("ticket_id"),
        EventType.valueOf(rs.getString("type")),
        new Side(rs.getString("origin_side")),
        rs.getString("source_key"),
        TicketStore.instant(rs, "occurred_at"),
        JsonColumns.readValues(rs.getString("data")));
  }
}
