package io.deskbridge.intake;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Raw input exactly as each side sent it, kept so that nothing accepted is ever lost. */
@Repository
public class RawInputStore {

  private final JdbcClient jdbc;
  private volatile Boolean writesLater;

  public RawInputStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Makes every committed input survive a crash. H2 writes a commit to its file within its write
   * delay, not at once, so it is made to write and sync now; PostgreSQL has a commit on disk before
   * it returns, so there is nothing to do.
   */
  public void sync() {
    if (writesLater == null) {
      writesLater = jdbc.sql("SELECT 1").query((rs, n) -> product(rs)).single().equals("H2");
    }
    if (writesLater) {
      jdbc.sql("CHECKPOINT SYNC").update();
    }
  }

  private static String product(java.sql.ResultSet rs) throws java.sql.SQLException {
    return rs.getStatement().getConnection().getMetaData().getDatabaseProductName();
  }

  public long store(String side, String sourceKey, String mediaType, byte[] body, Instant now) {
    return store(side, sourceKey, mediaType, null, body, now);
  }

  /**
   * Stores input together with the operation it asked for (such as {@code create} or {@code
   * comment:DB-000123}), so that it can be replayed as that operation.
   */
  public long store(
      String side, String sourceKey, String mediaType, String operation, byte[] body, Instant now) {
    var key = new GeneratedKeyHolder();
    jdbc.sql(
            "INSERT INTO raw_input (side, source_key, media_type, operation, body, received_at)"
                + " VALUES (:side, :key, :type, :operation, :body, :now)")
        .param("side", side)
        .param("key", sourceKey)
        .param("type", mediaType)
        .param("operation", operation)
        .param("body", body)
        .param("now", now.atOffset(ZoneOffset.UTC))
        .update(key, "id");
    return key.getKey().longValue();
  }

  /** Notes what became of stored input that deliberately became no change. */
  public void recordOutcome(long id, String outcome) {
    jdbc.sql("UPDATE raw_input SET outcome = :outcome WHERE id = :id")
        .param("outcome", outcome.length() > 1000 ? outcome.substring(0, 1000) : outcome)
        .param("id", id)
        .update();
  }

  /** A stored input: who sent it, its key, media type and bytes. */
  public record StoredInput(
      long id, String side, String sourceKey, String mediaType, String operation, byte[] body) {}

  public Optional<StoredInput> find(long id) {
    return jdbc.sql(
            "SELECT id, side, source_key, media_type, operation, body FROM raw_input WHERE id = :id")
        .param("id", id)
        .query(
            (rs, n) ->
                new StoredInput(
                    rs.getLong("id"),
                    rs.getString("side"),
                    rs.getString("source_key"),
                    rs.getString("media_type"),
                    rs.getString("operation"),
                    rs.getBytes("body")))
        .optional();
  }

  /** When the side last sent anything, or null if it never did. */
  public Instant lastReceivedAt(String side) {
    java.time.OffsetDateTime last =
        jdbc.sql("SELECT MAX(received_at) FROM raw_input WHERE side = :side")
            .param("side", side)
            .query(java.time.OffsetDateTime.class)
            .optional()
            .orElse(null);
    return last == null ? null : last.toInstant();
  }
}
