package io.deskbridge.outbox;

import java.time.Instant;

/** One change waiting for, or past, delivery to one destination side. */
public record OutboxRow(
    long id,
    long eventId,
    long ticketId,
    String destination,
    OutboxState state,
    int attempts,
    Instant nextAttemptAt,
    String lastError) {}
