package io.deskbridge.ticket;

import java.util.List;

/** What a side supplies to add a comment; attachments carry their bytes. */
public record CommentDraft(
    String authorName,
    String authorEmail,
    Visibility visibility,
    String text,
    String html,
    String externalId,
    String messageId,
    List<AttachmentUpload> attachments) {

  public CommentDraft {
    attachments = attachments == null ? List.of() : List.copyOf(attachments);
    visibility = visibility == null ? Visibility.PUBLIC : visibility;
  }
}
