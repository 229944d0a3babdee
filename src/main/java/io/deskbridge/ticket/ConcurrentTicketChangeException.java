package io.deskbridge.ticket;

/** Another change to the same ticket committed first; the caller may retry with fresh state. */
public class ConcurrentTicketChangeException extends RuntimeException {
  public ConcurrentTicketChangeException(TicketRef ref) {
    super("ticket " + ref + " was changed concurrently");
  }
}
