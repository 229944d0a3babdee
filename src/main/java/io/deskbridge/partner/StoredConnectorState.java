package io.deskbridge.partner;

import io.deskbridge.connector.ConnectorState;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The {@link ConnectorState} of one side, kept in the gateway's store. */
public final class StoredConnectorState implements ConnectorState {

  // Enough keys per statement to save round trips, few enough for any database's parameter limit.
  private static final int CHUNK = 500;

  private final JdbcClient jdbc;
  private final NamedParameterJdbcOperations batches;
  private final String side;
  private final Clock clock;

  public StoredConnectorState(NamedParameterJdbcOperations jdbc, String side, Clock clock) {
    this.jdbc = JdbcClient.create(jdbc);
    this.batches = jdbc;
    this.side = side;
    this.clock = clock;
  }

  @Override
  public Map<String, String> getAll(Collection<String> keys) {
    Map<String, String> values = new HashMap<>();
    List<String> all = List.copyOf(keys);
    for (int from = 0; from < all.size(); from += CHUNK) {
      // Joined from a list of rows, which both databases look up by the primary key one by one;
      // H2 would scan the side's every value for "state_key IN (...)" and evaluates a list of
      // whole keys slowly.
      List<Object[]> rows = new ArrayList<>();
      for (String key : all.subList(from, Math.min(all.size(), from + CHUNK))) {
        rows.add(new Object[] {key});
      }
      jdbc.sql(
              "SELECT s.state_key, s.state_value FROM (VALUES :keys) AS wanted (state_key)"
                  + " JOIN connector_state s ON s.side = :side AND s.state_key = wanted.state_key")
          .param("keys", rows)
          .param("side", side)
          .query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2)))
          .list()
          .forEach(value -> values.put(value.getKey(), value.getValue()));
    }
    return values;
  }

  /**
   * Updates in one batch, then inserts in one batch the keys that had no value; a key another
   * instance inserted in between is set the one-by-one way.
   */
  @Override
  public void putAll(Map<String, String> values) {
    if (values.isEmpty()) {
      return;
    }
    List<MapSqlParameterSource> rows = new ArrayList<>(values.size());
    OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
    values.forEach(
        (key, value) ->
            rows.add(
                new MapSqlParameterSource()
                    .addValue("side", side)
                    .addValue("key", key)
                    .addValue("value", value)
                    .addValue("now", now)));
    int[] updated =
        batches.batchUpdate(
            "UPDATE connector_state SET state_value = :value, updated_at = :now"
                + " WHERE side = :side AND state_key = :key",
            rows.toArray(MapSqlParameterSource[]::new));
    List<MapSqlParameterSource> missing = new ArrayList<>();
    for (int i = 0; i < updated.length; i++) {
      if (updated[i] == 0) {
        missing.add(rows.get(i));
      }
    }
    if (missing.isEmpty()) {
      return;
    }
    try {
      batches.batchUpdate(
          "INSERT INTO connector_state (side, state_key, state_value, updated_at)"
              + " VALUES (:side, :key, :value, :now)",
          missing.toArray(MapSqlParameterSource[]::new));
    } catch (DuplicateKeyException raced) {
      for (MapSqlParameterSource row : missing) {
        put((String) row.getValue("key"), (String) row.getValue("value"));
      }
    }
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
