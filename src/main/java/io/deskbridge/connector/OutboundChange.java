package io.deskbridge.connector;

import io.deskbridge.ticket.Comment;
import io.deskbridge.ticket.Ticket;
import io.deskbridge.ticket.TicketEvent;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One change to deliver to a side: the event, the ticket as that side may see it after the change
 * (only what its allowlist lets leave), the comment when the event added one, and {@code record},
 * the same in the side's own field names and words from its outbound mapping. {@code
 * externalTicketId} is the side's own id of the ticket when known, so a connector updates instead
 * of creating.
 */
public record OutboundChange(
    long changeId,
    String destination,
    TicketEvent event,
    Ticket ticket,
    Comment comment,
    String externalTicketId,
    Map<String, Object> record) {

  public OutboundChange {
    record = record == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(record));
  }
}
