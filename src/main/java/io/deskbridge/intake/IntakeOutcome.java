package io.deskbridge.intake;

import io.deskbridge.ticket.Comment;
import io.deskbridge.ticket.Ticket;

/**
 * What the intake made of a submission: the ticket and comment it produced, and the response
 * rendered for the first submission. For a repeat, {@code duplicate} is true and {@code response}
 * is the first one's, word for word; {@code ticket} is the ticket as it is now.
 */
public record IntakeOutcome(Ticket ticket, Comment comment, boolean duplicate, String response) {}
