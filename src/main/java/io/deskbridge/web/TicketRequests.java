package io.deskbridge.web;

import io.deskbridge.ticket.Contact;
import io.deskbridge.ticket.Priority;
import io.deskbridge.ticket.Product;
import io.deskbridge.ticket.Site;
import io.deskbridge.ticket.Status;
import io.deskbridge.ticket.Visibility;
import java.util.List;
import java.util.Map;

/** The JSON bodies the tickets API accepts, in the canonical model's terms. */
final class TicketRequests {

  private TicketRequests() {}

  /** {@code POST /tickets}. */
  record Create(
      String externalId,
      String subject,
      String description,
      Priority priority,
      String category,
      Product product,
      Site site,
      Contact requester,
      Map<String, String> attributes) {}

  /** {@code POST /tickets/{ref}/comments}. */
  record AddComment(
      String text,
      String html,
      Visibility visibility,
      String authorName,
      String authorEmail,
      String externalId,
      List<AttachmentBody> attachments) {}

  /** An attachment sent inline, its bytes in Base64. */
  record AttachmentBody(String name, String mediaType, String contentBase64) {}

  /** {@code PATCH /tickets/{ref}}. */
  record Patch(
      Status status,
      Priority priority,
      String subject,
      String category,
      String queue,
      String assignee,
      Map<String, String> attributes) {}
}
