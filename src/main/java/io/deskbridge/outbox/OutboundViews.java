package io.deskbridge.outbox;

import io.deskbridge.mapping.PartnerView;
import io.deskbridge.ticket.Comment;
import io.deskbridge.ticket.Ticket;
import io.deskbridge.ticket.TicketEvent;

/**
 * What a change looks like to a partner after its outbound mapping: allowlisted, in its own words,
 * or not sent at all.
 */
public interface OutboundViews {

  /**
   * @throws io.deskbridge.mapping.MappingRejectedException when the partner cannot take the change
   */
  PartnerView view(String destination, Ticket ticket, TicketEvent event, Comment comment);
}
