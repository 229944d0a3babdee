package io.deskbridge.outbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The dead letters ops inspect, replay or discard; nothing here is deleted. */
@Repository
public class DeadLetterStore {

  private static final String COLUMNS =
      "id, kind, side, ticket_id, outbox_id, raw_input_id, reason, attempts, state, created_at,"
          + " resolved_at";

  private final JdbcClient jdbc;

  public DeadLetterStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public long park(
      DeadLetter.Kind kind,
      String side,
      Long ticketId,
      Long outboxId,
      Long rawInputId,
      String reason,
      int attempts,
      Instant now) {
    var key = new org.springframework.jdbc.support.GeneratedKeyHolder();
    jdbc.sql(
            "INSERT INTO dead_letter (kind, side, ticket_id, outbox_id, raw_input_id, reason,"
                + " attempts, state, created_at) VALUES (:kind, :side, :ticket, :outbox, :raw,"
                + " :reason, :attempts, 'OPEN', :now)")
        .param("kind", kind.name())
        .param("side", side)
        .param("ticket", ticketId)
        .param("outbox", outboxId)
        .param("raw", rawInputId)
        .param("reason", OutboxStore.truncate(reason))
        .param("attempts", attempts)
        .param("now", OutboxStore.utc(now))
        .update(key, "id");
    return key.getKey().longValue();
  }

  public List<DeadLetter> list(DeadLetter.State state, String side, long afterId, int limit) {
    StringBuilder sql =
        new StringBuilder("SELECT " + COLUMNS + " FROM dead_letter WHERE id > :after");
    var params = new java.util.HashMap<String, Object>();
    params.put("after", afterId);
    if (state != null) {
      sql.append(" AND state = :state");
      params.put("state", state.name());
    }
    if (side != null) {
      sql.append(" AND side = :side");
      params.put("side", side);
    }
    sql.append(" ORDER BY id LIMIT ").append(limit);
    return jdbc.sql(sql.toString()).params(params).query(DeadLetterStore::map).list();
  }

  public Optional<DeadLetter> find(long id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM dead_letter WHERE id = :id")
        .param("id", id)
        .query(DeadLetterStore::map)
        .optional();
  }

  /** Moves an open dead letter to its final state; false if it was not open any more. */
  public boolean resolve(long id, DeadLetter.State state, Instant now) {
    return jdbc.sql(
                "UPDATE dead_letter SET state = :state, resolved_at = :now WHERE id = :id"
                    + " AND state = 'OPEN'")
            .param("state", state.name())
            .param("now", OutboxStore.utc(now))
            .param("id", id)
            .update()
        == 1;
  }

  private static DeadLetter map(ResultSet rs, int row) throws SQLException {
    OffsetDateTime resolved = rs.getObject("resolved_at", OffsetDateTime.class);
    return new DeadLetter(
        rs.getLong("id"),
        DeadLetter.Kind.valueOf(rs.getString("kind")),
        rs.getString("side"),
        rs.getObject("ticket_id", Long.class),
        rs.getObject("outbox_id", Long.class),
        rs.getObject("raw_input_id", Long.class),
        rs.getString("reason"),
        rs.getInt("attempts"),
        DeadLetter.State.valueOf(rs.getString("state")),
        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
        resolved == null ? null : resolved.toInstant());
  }

  public long countOpen() {
    return jdbc.sql("SELECT COUNT(*) FROM dead_letter WHERE state = 'OPEN'")
        .query(Long.class)
        .single();
  }
}
