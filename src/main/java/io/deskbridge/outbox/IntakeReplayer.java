package io.deskbridge.outbox;

/** Hands rejected raw input back to the connector of its side; false when that connector cannot. */
public interface IntakeReplayer {
  boolean replay(DeadLetter deadLetter);
}
