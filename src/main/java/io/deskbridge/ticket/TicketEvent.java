package io.deskbridge.ticket;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One entry of the append-only journal: what changed on a ticket, when, from which side, and the
 * source key of the input that caused it. {@code data} holds the changed values by field name.
 */
public record TicketEvent(
    long id,
    long ticketId,
    EventType type,
    Side origin,
    String sourceKey,
    Instant occurredAt,
    Map<String, Object> data) {

  public TicketEvent {
    data = data == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(data));
  }
}
