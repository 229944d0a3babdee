package io.deskbridge.support;

import io.deskbridge.connector.ConnectorState;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Connector state in memory, for contract tests of a connector kind outside a running gateway. */
public final class MemoryConnectorState implements ConnectorState {

  private final Map<String, String> values = new ConcurrentHashMap<>();

  @Override
  public Optional<String> get(String key) {
    return Optional.ofNullable(values.get(key));
  }

  @Override
  public void put(String key, String value) {
    values.put(key, value);
  }

  @Override
  public long increment(String key) {
    return Long.parseLong(
        values.merge(key, "1", (old, one) -> Long.toString(Long.parseLong(old) + 1)));
  }

  @Override
  public void removeStartingWith(String prefix) {
    values.keySet().removeIf(key -> key.startsWith(prefix));
  }
}
