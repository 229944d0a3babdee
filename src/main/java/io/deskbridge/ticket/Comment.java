package io.deskbridge.ticket;

import java.time.Instant;
import java.util.List;

/** One message in a ticket's thread, with the side and person who wrote it. */
public record Comment(
    long id,
    long ticketId,
    Side authorSide,
    String authorName,
    String authorEmail,
    Visibility visibility,
    String text,
    String html,
    String externalId,
    String messageId,
    Instant createdAt,
    List<Attachment> attachments) {

  public Comment {
    attachments = attachments == null ? List.of() : List.copyOf(attachments);
  }

  public boolean isPublic() {
    return visibility == Visibility.PUBLIC;
  }
}
