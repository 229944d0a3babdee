package io.deskbridge.ticket;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Gives tickets their public reference from their number and the configured prefix, and tells
 * whether a reference is one of ours (the prefix may have changed; the number still finds the
 * ticket).
 */
@Component
public class TicketReferences {

  private final String prefix;

  public TicketReferences(@Value("${deskbridge.ticket-prefix:DB}") String prefix) {
    if (!prefix.matches("[A-Z][A-Z0-9]*")) {
      throw new IllegalArgumentException(
          "deskbridge.ticket-prefix must be upper-case letters and digits, not '" + prefix + "'");
    }
    this.prefix = prefix;
  }

  public TicketRef of(long number) {
    return TicketRef.of(prefix, number);
  }

  public boolean isOurs(TicketRef ref) {
    return ref.value().startsWith(prefix + "-");
  }

  public String prefix() {
    return prefix;
  }
}
