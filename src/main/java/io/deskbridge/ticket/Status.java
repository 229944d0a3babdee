package io.deskbridge.ticket;

/** Lifecycle of a ticket as both sides see it after mapping. */
public enum Status {
  NEW,
  OPEN,
  IN_PROGRESS,
  WAITING_ON_PARTNER,
  WAITING_ON_MANUFACTURER,
  RESOLVED,
  CLOSED;

  /** Whether the ticket counts as resolved for resolution-time measurement. */
  public boolean isResolved() {
    return this == RESOLVED || this == CLOSED;
  }
}
