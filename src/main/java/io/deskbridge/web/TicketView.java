package io.deskbridge.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.deskbridge.ticket.Contact;
import io.deskbridge.ticket.Priority;
import io.deskbridge.ticket.Product;
import io.deskbridge.ticket.Site;
import io.deskbridge.ticket.Status;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A ticket as the API shows it. Fields a caller may not see are null and left out of the JSON: a
 * partner never sees queue, assignee, routing or internal comments, nor anything its allowlist
 * keeps in. {@code record} is the ticket in a mapped partner's own names and words.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TicketView(
    String ref,
    String externalId,
    String partner,
    String subject,
    String description,
    Status status,
    Priority priority,
    String category,
    Product product,
    Site site,
    Contact requester,
    String queue,
    String assignee,
    String routingRule,
    Map<String, String> attributes,
    Instant createdAt,
    Instant updatedAt,
    Timings timings,
    List<CommentView> comments,
    List<StatusChange> statusHistory,
    Map<String, Object> record) {

  /** First response and resolution, as measured for partner and product quality reports. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Timings(
      Instant firstResponseAt,
      Long firstResponseSeconds,
      Instant firstResponseDueAt,
      Boolean firstResponseBreached,
      Instant resolvedAt,
      Long resolutionSeconds) {}

  /** One comment of the thread. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record CommentView(
      long id,
      String side,
      String authorName,
      String authorEmail,
      String visibility,
      String text,
      String html,
      String externalId,
      Instant createdAt,
      List<AttachmentView> attachments) {}

  /** An attachment's description; its bytes are at {@code href}. */
  public record AttachmentView(
      long id, String name, String mediaType, long size, String sha256, String href) {}

  /** One status transition from the journal. */
  public record StatusChange(Status from, Status to, String side, Instant at) {}
}
