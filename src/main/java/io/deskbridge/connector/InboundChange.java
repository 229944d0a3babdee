package io.deskbridge.connector;

import io.deskbridge.ticket.CommentDraft;
import io.deskbridge.ticket.TicketDraft;
import io.deskbridge.ticket.TicketPatch;

/** A change a side asks for, already translated to the canonical model. */
public sealed interface InboundChange {

  /** Opens a ticket. */
  record CreateTicket(TicketDraft draft) implements InboundChange {}

  /** Adds a comment to an existing ticket. */
  record AddComment(TicketLocator ticket, CommentDraft comment) implements InboundChange {}

  /** Changes fields of an existing ticket. */
  record UpdateTicket(TicketLocator ticket, TicketPatch patch) implements InboundChange {}
}
