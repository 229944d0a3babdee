package io.deskbridge.connector;

import io.deskbridge.ticket.TicketRef;

/** The ticket a submitted change landed on, and whether the change was a repeat and so ignored. */
public record InboundResult(TicketRef ticket, Long commentId, boolean duplicate) {}
