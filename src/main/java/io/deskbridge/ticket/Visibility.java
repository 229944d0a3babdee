package io.deskbridge.ticket;

/** Who may read a comment: everyone on the ticket, or the manufacturer only. */
public enum Visibility {
  PUBLIC,
  INTERNAL
}
