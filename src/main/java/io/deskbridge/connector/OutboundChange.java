package io.deskbridge.connector;

import io.deskbridge.ticket.Comment;
import io.deskbridge.ticket.Ticket;
import io.deskbridge.ticket.TicketEvent;

/**
 * One change to deliver to a side: the event, the ticket as that side may see it after the change,
 * and the comment when the event added one. {@code externalTicketId} is the side's own id of the
 * ticket when known, so a connector updates instead of creating.
 */
public record OutboundChange(
    long changeId,
    String destination,
    TicketEvent event,
    Ticket ticket,
    Comment comment,
    String externalTicketId) {}
