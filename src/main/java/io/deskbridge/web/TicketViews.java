package io.deskbridge.web;

import io.deskbridge.mapping.OutboundMapping;
import io.deskbridge.partner.Caller;
import io.deskbridge.partner.PartnerMappings;
import io.deskbridge.ticket.Attachment;
import io.deskbridge.ticket.Comment;
import io.deskbridge.ticket.CommentStore;
import io.deskbridge.ticket.EventJournal;
import io.deskbridge.ticket.EventType;
import io.deskbridge.ticket.Status;
import io.deskbridge.ticket.Ticket;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Builds the API's views of tickets for one caller, leaving out what that caller may not see. */
@Component
public class TicketViews {

  private final CommentStore comments;
  private final EventJournal journal;
  private final PartnerMappings mappings;
  private final Clock clock;

  public TicketViews(
      CommentStore comments, EventJournal journal, PartnerMappings mappings, Clock clock) {
    this.comments = comments;
    this.journal = journal;
    this.mappings = mappings;
    this.clock = clock;
  }

  /**
   * The ticket with its thread and status history. A partner sees what its allowlist lets leave,
   * its own comments, and the manufacturer's public comments and files as far as the list allows.
   */
  public TicketView full(Ticket ticket, Caller caller) {
    OutboundMapping outbound = caller.isPartner() ? mappings.outboundFor(caller.partnerId()) : null;
    Ticket visible = visible(ticket, outbound);
    List<TicketView.CommentView> thread =
        comments.ofTicket(ticket.id()).stream()
            .filter(c -> outbound == null || mayRead(caller, outbound, c))
            .map(c -> comment(visible, ownOrAllowedFiles(caller, outbound, c)))
            .toList();
    List<TicketView.StatusChange> history =
        journal.ofTicket(ticket.id()).stream()
            .filter(e -> e.type() == EventType.STATUS_CHANGED || e.type() == EventType.CREATED)
            .map(
                e ->
                    e.type() == EventType.CREATED
                        ? new TicketView.StatusChange(
                            null, Status.NEW, e.origin().id(), e.occurredAt())
                        : new TicketView.StatusChange(
                            Status.valueOf((String) e.data().get("from")),
                            Status.valueOf((String) e.data().get("to")),
                            e.origin().id(),
                            e.occurredAt()))
            .toList();
    if (outbound != null && !outbound.allowlist().allows("status")) {
      history = null;
    }
    return view(visible, thread, history, record(ticket, outbound, caller));
  }

  /** The ticket without its thread, for lists. */
  public TicketView summary(Ticket ticket, Caller caller) {
    OutboundMapping outbound = caller.isPartner() ? mappings.outboundFor(caller.partnerId()) : null;
    return view(visible(ticket, outbound), null, null, record(ticket, outbound, caller));
  }

  private static Ticket visible(Ticket ticket, OutboundMapping outbound) {
    return outbound == null ? ticket : outbound.allowlist().filter(ticket.forPartner());
  }

  /** The partner's own words for the ticket, when its mapping gives any. */
  private Map<String, Object> record(Ticket ticket, OutboundMapping outbound, Caller caller) {
    if (outbound == null || mappings.forPartner(caller.partnerId()).isEmpty()) {
      return null;
    }
    return outbound.currentRecord(ticket.forPartner());
  }

  private static boolean mayRead(Caller caller, OutboundMapping outbound, Comment c) {
    if (c.authorSide().id().equals(caller.partnerId())) {
      return true;
    }
    return c.isPublic() && outbound.allowlist().allowsPublicComments();
  }

  private static Comment ownOrAllowedFiles(Caller caller, OutboundMapping outbound, Comment c) {
    if (outbound == null
        || outbound.allowlist().allowsAttachments()
        || c.authorSide().id().equals(caller.partnerId())
        || c.attachments().isEmpty()) {
      return c;
    }
    return new Comment(
        c.id(),
        c.ticketId(),
        c.authorSide(),
        c.authorName(),
        c.authorEmail(),
        c.visibility(),
        c.text(),
        c.html(),
        c.externalId(),
        c.messageId(),
        c.createdAt(),
        List.of());
  }

  private TicketView view(
      Ticket t,
      List<TicketView.CommentView> thread,
      List<TicketView.StatusChange> history,
      Map<String, Object> record) {
    return new TicketView(
        t.ref().value(),
        t.externalId(),
        t.partnerId(),
        t.subject(),
        t.description(),
        t.status(),
        t.priority(),
        t.category(),
        t.product(),
        t.site(),
        t.requester(),
        t.queue(),
        t.assignee(),
        t.routingRule(),
        t.attributes(),
        t.createdAt(),
        t.updatedAt(),
        timings(t),
        thread,
        history,
        record);
  }

  private TicketView.Timings timings(Ticket t) {
    Instant due = t.firstResponseDueAt();
    Boolean breached = null;
    if (due != null) {
      Instant answered = t.firstResponseAt() != null ? t.firstResponseAt() : clock.instant();
      breached = answered.isAfter(due);
    }
    return new TicketView.Timings(
        t.firstResponseAt(),
        t.firstResponseTime() == null ? null : t.firstResponseTime().toSeconds(),
        due,
        breached,
        t.resolvedAt(),
        t.resolutionTime() == null ? null : t.resolutionTime().toSeconds());
  }

  private TicketView.CommentView comment(Ticket ticket, Comment c) {
    return new TicketView.CommentView(
        c.id(),
        c.authorSide().id(),
        c.authorName(),
        c.authorEmail(),
        c.visibility().name(),
        c.text(),
        c.html(),
        c.externalId(),
        c.createdAt(),
        c.attachments().stream().map(a -> attachment(ticket, a)).toList());
  }

  static TicketView.AttachmentView attachment(Ticket ticket, Attachment a) {
    return new TicketView.AttachmentView(
        a.id(),
        a.name(),
        a.mediaType(),
        a.size(),
        a.sha256(),
        "/api/v1/tickets/" + ticket.ref().value() + "/attachments/" + a.id());
  }
}
