package io.deskbridge.ticket;

/**
 * No ticket answers to the given reference for this caller. Tickets of other partners raise this
 * too, so that a partner cannot tell them from tickets that do not exist.
 */
public class TicketNotFoundException extends RuntimeException {
  public TicketNotFoundException(String reference) {
    super("no ticket " + reference);
  }
}
