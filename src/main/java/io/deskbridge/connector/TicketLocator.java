package io.deskbridge.connector;

import io.deskbridge.ticket.TicketRef;

/**
 * How a side names a ticket: by the gateway's reference or by its own id ({@code ext:<id>} in the
 * API). Exactly one of the two is set.
 */
public record TicketLocator(TicketRef ref, String externalId) {

  public TicketLocator {
    if ((ref == null) == (externalId == null)) {
      throw new IllegalArgumentException("a ticket is named by a reference or by an external id");
    }
  }

  public static TicketLocator ref(TicketRef ref) {
    return new TicketLocator(ref, null);
  }

  public static TicketLocator external(String externalId) {
    return new TicketLocator(null, externalId);
  }

  /** Reads {@code DB-000123} or {@code ext:ACME-17}; null when the text is neither. */
  public static TicketLocator parse(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    if (text.startsWith("ext:") && text.length() > 4) {
      return external(text.substring(4));
    }
    return TicketRef.looksLike(text) ? ref(new TicketRef(text)) : null;
  }

  @Override
  public String toString() {
    return ref != null ? ref.value() : "ext:" + externalId;
  }
}
