package io.deskbridge.partner;

import io.deskbridge.connector.ConnectorState;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The {@link ConnectorState} of one side, kept in the gateway's store. */
public final class StoredConnectorState implements ConnectorState {

  private final JdbcClient jdbc;
  private final String side;
  private final Clock clock;

  public StoredConnectorState(JdbcClient jdbc, String side, Clock clock) {
    this.jdbc = jdbc;
    this.side = side;
    this.clock = clock;
  }

  @Override
  public Optional<String> get(String key) {
    return jdbc.sql(
            "SELECT state_value FROM connector_state WHERE side = :side AND state_key = :key")
        .param("side", side)
        .param("key", key)
        .query(String.class)
        .optional();
  }

  @Override
  public void put(String key, String value) {
    int updated =
        jdbc.sql(
                "UPDATE connector_state SET state_value = :value, updated_at = :now"
                    + " WHERE side = :side AND state_key = :key")
            .param("value", value)
            .param("now", clock.instant().atOffset(ZoneOffset.UTC))
            .param("side", side)
            .param("key", key)
            .update();
    if (updated == 0) {
      try {
        insert(key, value);
      } catch (DuplicateKeyException raced) {
        put(key, value);
      }
    }
  }

  @Override
  public long increment(String key) {
    // The update is atomic in both databases; a first increment inserts, and a racing first
    // increment that lost the insert updates instead.
    int updated =
        jdbc.sql(
                "UPDATE connector_state SET state_value = CAST(CAST(state_value AS BIGINT) + 1 AS"
                    + " VARCHAR(40)), updated_at = :now WHERE side = :side AND state_key = :key")
            .param("now", clock.instant().atOffset(ZoneOffset.UTC))
            .param("side", side)
            .param("key", key)
            .update();
    if (updated == 0) {
      try {
        insert(key, "1");
        return 1;
      } catch (DuplicateKeyException raced) {
        return increment(key);
      }
    }
    return Long.parseLong(get(key).orElse("1"));
  }

  @Override
  public void removeStartingWith(String prefix) {
    jdbc.sql("DELETE FROM connector_state WHERE side = :side AND state_key LIKE :prefix")
        .param("side", side)
        .param("prefix", prefix.replace("%", "\\%").replace("_", "\\_") + "%")
        .update();
  }

  private void insert(String key, String value) {
    jdbc.sql(
            "INSERT INTO connector_state (side, state_key, state_value, updated_at)"
                + " VALUES (:side, :key, :value, :now)")
        .param("side", side)
        .param("key", key)
        .param("value", value)
        .param("now", clock.instant().atOffset(ZoneOffset.UTC))
        .update();
  }
}
