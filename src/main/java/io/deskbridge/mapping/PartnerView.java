package io.deskbridge.mapping;

import io.deskbridge.ticket.Comment;
import io.deskbridge.ticket.Ticket;
import java.util.Map;

/**
 * A change as one partner may see it: the ticket and comment with everything outside its allowlist
 * taken out, and the record in the partner's own names and words; or, when nothing of the change
 * may leave, the reason it is not sent.
 */
public record PartnerView(
    boolean send,
    String filteredReason,
    Ticket ticket,
    Comment comment,
    Map<String, Object> record) {

  static PartnerView send(Ticket ticket, Comment comment, Map<String, Object> record) {
    return new PartnerView(true, null, ticket, comment, record);
  }

  static PartnerView filtered(String reason) {
    return new PartnerView(false, reason, null, null, Map.of());
  }
}
