package io.deskbridge.outbox;

import java.time.Instant;

/**
 * Something the gateway could not process or deliver, kept for ops with its reason: a delivery that
 * failed its last attempt ({@link Kind#DELIVERY}) or raw input that could not become a change
 * ({@link Kind#INTAKE}).
 */
public record DeadLetter(
    long id,
    Kind kind,
    String side,
    Long ticketId,
    Long outboxId,
    Long rawInputId,
    String reason,
    int attempts,
    State state,
    Instant createdAt,
    Instant resolvedAt) {

  /** What failed. */
  public enum Kind {
    DELIVERY,
    INTAKE
  }

  /** Whether ops have dealt with it. */
  public enum State {
    OPEN,
    REPLAYED,
    DISCARDED
  }
}
