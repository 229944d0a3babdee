package io.deskbridge.connector.email;

import java.util.Objects;

/**
 * A part of a message kept as a file: its decoded name, media type (lower-case, no parameters),
 * Content-ID without angle brackets when it has one, whether it was shown inline, and its bytes.
 */
public record MailAttachment(
    String name, String mediaType, String contentId, boolean inline, byte[] content) {

  public MailAttachment {
    Objects.requireNonNull(name, "attachment name");
    Objects.requireNonNull(content, "attachment content");
    mediaType = mediaType == null ? "application/octet-stream" : mediaType;
  }

  public int size() {
    return content.length;
  }
}
