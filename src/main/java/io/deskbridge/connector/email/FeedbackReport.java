package io.deskbridge.connector.email;

import java.util.Locale;

/**
 * The machine-readable part of an ARF (RFC 5965) feedback report: what kind of complaint it is and
 * about which source.
 *
 * @param type the Feedback-Type, lower-case ({@code abuse}, {@code auth-failure}, ...), or null
 * @param sourceIp the Source-IP the reported message came from, or null
 */
record FeedbackReport(String type, String sourceIp) {

  static final FeedbackReport UNKNOWN = new FeedbackReport(null, null);

  /** Reads the fields of a message/feedback-report part. */
  static FeedbackReport read(byte[] content) {
    HeaderBlock block = HeaderBlock.read(content, true);
    String type = block.first("Feedback-Type");
    return new FeedbackReport(
        type == null || type.isBlank() ? null : type.strip().toLowerCase(Locale.ROOT),
        block.first("Source-IP"));
  }

  /** {@code ARF abuse report (source 192.0.2.1)}. */
  String describe() {
    StringBuilder words = new StringBuilder("ARF ");
    words.append(type == null ? "feedback" : type).append(" report");
    if (sourceIp != null && !sourceIp.isBlank()) {
      words.append(" (source ").append(sourceIp.strip()).append(')');
    }
    return words.toString();
  }
}
