package io.deskbridge.connector.email;

import io.deskbridge.connector.ConnectorState;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Caps the automatic mail (acknowledgements) one address gets per day, so that two automatic
 * systems answering each other stop after a few rounds even when neither marks its mail. Counts
 * live in the connector state, so a restart does not reset them.
 */
final class AutomaticMailBudget {

  private static final String PREFIX = "auto-mail:";

  private final ConnectorState state;
  private final Clock clock;
  private final long dailyCap;
  private LocalDate lastDay;

  AutomaticMailBudget(ConnectorState state, Clock clock, long dailyCap) {
    this.state = state;
    this.clock = clock;
    this.dailyCap = dailyCap;
  }

  /** Takes one from today's budget of the address; false when it is spent. */
  synchronized boolean take(String address) {
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    if (lastDay != null && !lastDay.equals(today)) {
      state.removeStartingWith(PREFIX + lastDay + ":");
    }
    lastDay = today;
    return state.increment(PREFIX + today + ":" + address) <= dailyCap;
  }
}
