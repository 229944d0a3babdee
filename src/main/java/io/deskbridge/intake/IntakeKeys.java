package io.deskbridge.intake;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The (side, source key) pairs already applied, with the first result. The primary key does the
 * deduplication: of two concurrent submissions with one key, the second insert fails and reads the
 * first one's result.
 */
@Repository
public class IntakeKeys {

  /** A key already applied: its fingerprint, the ticket it produced and the first response. */
  public record Applied(String fingerprint, Long ticketId, String response) {}

  private final JdbcClient jdbc;

  public IntakeKeys(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Claims the key; throws DuplicateKeyException when it was applied before. */
  public void claim(String side, String sourceKey, String fingerprint, Instant now) {
    jdbc.sql(
            "INSERT INTO intake_key (side, source_key, fingerprint, created_at)"
                + " VALUES (:side, :key, :fingerprint, :now)")
        .param("side", side)
        .param("key", sourceKey)
        .param("fingerprint", fingerprint)
        .param("now", now.atOffset(ZoneOffset.UTC))
        .update();
  }

  public void complete(String side, String sourceKey, long ticketId, String response) {
    jdbc.sql(
            "UPDATE intake_key SET ticket_id = :ticket, response_body = :response"
                + " WHERE side = :side AND source_key = :key")
        .param("ticket", ticketId)
        .param("response", response)
        .param("side", side)
        .param("key", sourceKey)
        .update();
  }

  public Optional<Applied> find(String side, String sourceKey) {
    return jdbc.sql(
            "SELECT fingerprint, ticket_id, response_body FROM intake_key"
                + " WHERE side = :side AND source_key = :key")
        .param("side", side)
        .param("key", sourceKey)
        .query(
            (rs, n) ->
                new Applied(
                    rs.getString("fingerprint"),
                    rs.getObject("ticket_id", Long.class),
                    rs.getString("response_body")))
        .optional();
  }
}
