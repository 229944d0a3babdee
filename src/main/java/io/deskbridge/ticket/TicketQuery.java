package io.deskbridge.ticket;

import java.time.Instant;

/**
 * A filter over tickets with keyset pagination: {@code after} is the last ticket of the previous
 * page. A null filter member means "any".
 */
public record TicketQuery(
    String partnerId,
    String queue,
    Status status,
    Instant updatedSince,
    Position after,
    int limit) {

  /** A place in the (updated, id) order that pages continue from. */
  public record Position(Instant updatedAt, long id) {}
}
