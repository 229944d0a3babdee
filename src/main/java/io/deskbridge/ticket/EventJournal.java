package io.deskbridge.ticket;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The append-only history of every ticket; nothing here is ever updated or deleted. */
@Repository
public class EventJournal {

  private static final String SELECT =
      "SELECT id, ticket_id, type, origin_side, source_key, occurred_at, data FROM ticket_event";

  private final JdbcClient jdbc;

  public EventJournal(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public TicketEvent append(
      long ticketId,
      EventType type,
      Side origin,
      String sourceKey,
      Instant at,
      Map<String, Object> data) {
    var key = new GeneratedKeyHolder();
    jdbc.sql(
            "INSERT INTO ticket_event (ticket_id, type, origin_side, source_key, occurred_at, data)"
                + " VALUES (:ticket, :type, :origin, :source, :at, :data)")
        .param("ticket", ticketId)
        .param("type", type.name())
        .param("origin", origin.id())
        .param("source", sourceKey)
        .param("at", TicketStore.timestamp(at))
        .param("data", JsonColumns.write(data))
        .update(key, "id");
    return new TicketEvent(key.getKey().longValue(), ticketId, type, origin, sourceKey, at, data);
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
