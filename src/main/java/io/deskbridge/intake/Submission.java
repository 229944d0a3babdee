package io.deskbridge.intake;

import io.deskbridge.connector.InboundChange;
import io.deskbridge.ticket.Side;
import java.util.Objects;

/**
 * A change as one side submits it: who sent it, the stable key that makes a repeat recognisable, a
 * fingerprint of its content (a repeated key with other content is a conflict, not a repeat), and
 * the raw input it came from, either stored already ({@code rawInputId}) or to be stored with the
 * change.
 */
public record Submission(
    Side origin,
    String sourceKey,
    String fingerprint,
    InboundChange change,
    Long rawInputId,
    RawInput raw) {

  public Submission {
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(sourceKey, "sourceKey");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(change, "change");
  }

  /** Bytes exactly as they arrived, with their media type. */
  public record RawInput(String mediaType, byte[] body) {}
}
