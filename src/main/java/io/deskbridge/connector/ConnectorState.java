package io.deskbridge.connector;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Small named values a connector keeps for its partner across restarts and gateway instances, such
 * as a poll cursor or how many automatic mails went to an address today. Not for tickets: those go
 * through the {@link InboundSink}.
 */
public interface ConnectorState {

  Optional<String> get(String key);

  void put(String key, String value);

  /**
   * The values of those keys that have one. A connector that handles many records at once reads
   * their state in one call.
   */
  default Map<String, String> getAll(Collection<String> keys) {
    Map<String, String> values = new HashMap<>();
    for (String key : keys) {
      get(key).ifPresent(value -> values.put(key, value));
    }
    return values;
  }

  /** Sets several values at once, as {@link #put} would one by one. */
  default void putAll(Map<String, String> values) {
    values.forEach(this::put);
  }

  /** Adds one to a counter (a missing one counts from zero) and gives its new value, atomically. */
  long increment(String key);

  /** Removes every key that starts with the prefix, such as yesterday's counters. */
  void removeStartingWith(String prefix);
}
