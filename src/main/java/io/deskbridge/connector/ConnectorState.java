package io.deskbridge.connector;

import java.util.Optional;

/**
 * Small named values a connector keeps for its partner across restarts and gateway instances, such
 * as a poll cursor or how many automatic mails went to an address today. Not for tickets: those go
 * through the {@link InboundSink}.
 */
public interface ConnectorState {

  Optional<String> get(String key);

  void put(String key, String value);

  /** Adds one to a counter (a missing one counts from zero) and gives its new value, atomically. */
  long increment(String key);

  /** Removes every key that starts with the prefix, such as yesterday's counters. */
  void removeStartingWith(String prefix);
}
