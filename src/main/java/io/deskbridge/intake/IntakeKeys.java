package io.deskbridge.intake;

import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
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
  private final NamedParameterJdbcOperations batches;

  public IntakeKeys(NamedParameterJdbcOperations jdbc) {
    this.jdbc = JdbcClient.create(jdbc);
    this.batches = jdbc;
  }

  /** Claims the key; throws DuplicateKeyException when it was applied before. */
  public void claim(String side, String sourceKey, String fingerprint, Instant now) {
    claimAll(side, List.of(new Claim(sourceKey, fingerprint, null)), now);
  }

  /** A key to claim, with the ticket it produced when that is known already. */
  public record Claim(String sourceKey, String fingerprint, Long ticketId) {}

  /**
   * Claims keys of one side in a batch; throws DuplicateKeyException when one was applied before,
   * and the caller's transaction then claims none.
   */
  public void claimAll(String side, List<Claim> claims, Instant now) {
    MapSqlParameterSource[] rows = new MapSqlParameterSource[claims.size()];
    for (int i = 0; i < rows.length; i++) {
      Claim claim = claims.get(i);
      rows[i] =
          new MapSqlParameterSource()
              .addValue("side", side)
              .addValue("key", claim.sourceKey())
              .addValue("fingerprint", claim.fingerprint())
              .addValue("ticket", claim.ticketId(), Types.BIGINT)
              .addValue("now", now.atOffset(ZoneOffset.UTC));
    }
    batches.batchUpdate(
        "INSERT INTO intake_key (side, source_key, fingerprint, ticket_id, created_at)"
            + " VALUES (:side, :key, :fingerprint, :ticket, :now)",
        rows);
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
