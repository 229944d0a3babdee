package io.deskbridge.intake;

import io.deskbridge.connector.InboundChange;
import io.deskbridge.ticket.ContentDigest;
import io.deskbridge.ticket.Side;
import java.nio.charset.StandardCharsets;
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

  /**
   * The fingerprint of input that a source key names exactly (a Message-ID, a delivery id, a file
   * and row): the key's SHA-256, so that a repeat of the key is a repeat of the input.
   */
  public static String fingerprintOf(String sourceKey) {
    return ContentDigest.sha256Hex(sourceKey.getBytes(StandardCharsets.UTF_8));
  }

  /** Bytes exactly as they arrived, with their media type. */
  public record RawInput(String mediaType, byte[] body) {}
}
