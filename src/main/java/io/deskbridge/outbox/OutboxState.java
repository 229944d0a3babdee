package io.deskbridge.outbox;

/** Where an outbox row stands. */
public enum OutboxState {
  /** Waiting for its (next) attempt. */
  PENDING,
  DELIVERED,
  /** Gave up; a dead letter holds it and later rows of its lane wait. */
  DEAD,
  /** Ops discarded its dead letter; the lane moves on without it. */
  SKIPPED,
  /** The destination's outbound mapping lets nothing of this change leave; the reason is kept. */
  FILTERED
}
