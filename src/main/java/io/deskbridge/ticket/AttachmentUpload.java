package io.deskbridge.ticket;

import java.util.Objects;

/** A file as a side sends it: a name, a media type and its bytes. */
public record AttachmentUpload(String name, String mediaType, byte[] content) {
  public AttachmentUpload {
    Objects.requireNonNull(name, "attachment name");
    Objects.requireNonNull(content, "attachment content");
    mediaType = mediaType == null || mediaType.isBlank() ? "application/octet-stream" : mediaType;
  }
}
