package io.deskbridge.intake;

import io.deskbridge.connector.InboundChange;
import io.deskbridge.connector.TicketLocator;
import io.deskbridge.outbox.OutboxStore;
import io.deskbridge.queue.QueueDirectory;
import io.deskbridge.routing.Router;
import io.deskbridge.routing.RoutingDecision;
import io.deskbridge.ticket.Comment;
import io.deskbridge.ticket.CommentStore;
import io.deskbridge.ticket.ConcurrentTicketChangeException;
import io.deskbridge.ticket.EventJournal;
import io.deskbridge.ticket.EventType;
import io.deskbridge.ticket.Side;
import io.deskbridge.ticket.Status;
import io.deskbridge.ticket.Ticket;
import io.deskbridge.ticket.TicketEvent;
import io.deskbridge.ticket.TicketNotFoundException;
import io.deskbridge.ticket.TicketPatch;
import io.deskbridge.ticket.TicketStore;
import io.deskbridge.ticket.Visibility;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies submitted changes. Each submission runs in one transaction that claims its source key,
 * stores its raw input, changes the ticket, appends the journal entries and writes the outbox rows;
 * a repeat of the key is answered with the first result and changes nothing.
 */
public class Intake {

  private static final int MAX_ATTEMPTS = 5;

  private final TransactionTemplate tx;
  private final IntakeKeys keys;
  private final RawInputStore rawInputs;
  private final TicketStore tickets;
  private final CommentStore comments;
  private final EventJournal journal;
  private final OutboxStore outbox;
  private final Router router;
  private final QueueDirectory queues;
  private final Clock clock;
  private final Runnable afterCommit;

  public Intake(
      TransactionTemplate tx,
      IntakeKeys keys,
      RawInputStore rawInputs,
      TicketStore tickets,
      CommentStore comments,
      EventJournal journal,
      OutboxStore outbox,
      Router router,
      QueueDirectory queues,
      Clock clock,
      Runnable afterCommit) {
    this.tx = tx;
    this.keys = keys;
    this.rawInputs = rawInputs;
    this.tickets = tickets;
    this.comments = comments;
    this.journal = journal;
    this.outbox = outbox;
    this.router = router;
    this.queues = queues;
    this.clock = clock;
    this.afterCommit = afterCommit;
  }

  /**
   * Applies a submission once.
   *
   * @param render turns the outcome into the response kept for repeats (may return null)
   * @throws ChangeRejectedException when the change is not allowed or does not fit; nothing is
   *     stored
   * @throws TicketNotFoundException when the ticket does not exist or belongs to another partner
   */
  public IntakeOutcome submit(Submission submission, Function<IntakeOutcome, String> render) {
    for (int attempt = 1; ; attempt++) {
      try {
        return tx.execute(status -> apply(submission, render));
      } catch (DuplicateKeyException clash) {
        if (keys.find(submission.origin().id(), submission.sourceKey()).isPresent()) {
          return repeated(submission);
        }
        // Another transaction stored the same attachment content or the same partner ticket id
        // first: start over on fresh state, which reuses the content or answers with a conflict.
        if (attempt == MAX_ATTEMPTS) {
          throw clash;
        }
      } catch (ConcurrentTicketChangeException | TransientDataAccessException raced) {
        // Another change to the same ticket committed between our read and our write, or held a
        // lock we waited too long for: start over on fresh state, as the losing side must.
        if (attempt == MAX_ATTEMPTS) {
          throw raced;
        }
      }
    }
  }

  private IntakeOutcome repeated(Submission submission) {
    String side = submission.origin().id();
    IntakeKeys.Applied applied =
        keys.find(side, submission.sourceKey())
            .orElseThrow(() -> new IllegalStateException("duplicate key without a stored result"));
    if (!applied.fingerprint().equals(submission.fingerprint())) {
      throw new ChangeRejectedException(
          ChangeRejectedException.Reason.CONFLICT,
          "Idempotency-Key",
          "key '"
              + visibleKey(submission.sourceKey())
              + "' was already used for a different request");
    }
    Ticket ticket =
        applied.ticketId() == null ? null : tickets.findById(applied.ticketId()).orElse(null);
    return new IntakeOutcome(ticket, null, true, applied.response());
  }

  private static String visibleKey(String sourceKey) {
    int colon = sourceKey.indexOf(':');
    return colon >= 0 ? sourceKey.substring(colon + 1) : sourceKey;
  }

  private IntakeOutcome apply(Submission submission, Function<IntakeOutcome, String> render) {
    Instant now = now();
    Side origin = submission.origin();
    keys.claim(origin.id(), submission.sourceKey(), submission.fingerprint(), now);
    if (submission.raw() != null) {
      rawInputs.store(
          origin.id(),
          submission.sourceKey(),
          submission.raw().mediaType(),
          submission.raw().body(),
          now);
    }
    Applied applied;
    InboundChange change = submission.change();
    if (change instanceof InboundChange.CreateTicket create) {
      applied = create(origin, submission.sourceKey(), create, now);
    } else if (change instanceof InboundChange.AddComment add) {
      applied = comment(origin, submission.sourceKey(), add, now);
    } else {
      applied = update(origin, submission.sourceKey(), (InboundChange.UpdateTicket) change, now);
    }
    for (TicketEvent event : applied.events()) {
      for (String destination : destinations(event, applied.ticket())) {
        outbox.enqueue(event.id(), applied.ticket().id(), destination, now);
      }
    }
    IntakeOutcome outcome = new IntakeOutcome(applied.ticket(), applied.comment(), false, null);
    String response = render.apply(outcome);
    keys.complete(origin.id(), submission.sourceKey(), applied.ticket().id(), response);
    if (!applied.events().isEmpty()
        && TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              afterCommit.run();
            }
          });
    }
    return new IntakeOutcome(applied.ticket(), applied.comment(), false, response);
  }

  private record Applied(Ticket ticket, Comment comment, List<TicketEvent> events) {}

  private Applied create(
      Side origin, String sourceKey, InboundChange.CreateTicket create, Instant now) {
    if (origin.isManufacturer()) {
      throw new ChangeRejectedException(
          ChangeRejectedException.Reason.FORBIDDEN,
          null,
          "tickets are opened by partners; the manufacturer answers them");
    }
    var draft = create.draft();
    if (draft.subject() == null || draft.subject().isBlank()) {
      throw new ChangeRejectedException(
          ChangeRejectedException.Reason.INVALID, "subject", "subject is required");
    }
    if (draft.externalId() != null) {
      tickets
          .findByExternalId(origin.id(), draft.externalId())
          .ifPresent(
              existing -> {
                throw new ChangeRejectedException(
                    ChangeRejectedException.Reason.CONFLICT,
                    "externalId",
                    "ticket '" + draft.externalId() + "' exists already as " + existing.ref());
              });
    }
    RoutingDecision route = router.route(origin.id(), draft);
    Ticket ticket =
        tickets.insert(
            origin.id(),
            draft,
            Status.NEW,
            new TicketStore.Routing(
                route.queue(), route.rule(), route.priority(), route.responseTarget()),
            now);
    Map<String, Object> created = new LinkedHashMap<>();
    created.put("subject", ticket.subject());
    created.put("priority", ticket.priority().name());
    created.put("externalId", ticket.externalId());
    Map<String, Object> routed = new LinkedHashMap<>();
    routed.put("rule", route.rule());
    routed.put("queue", route.queue());
    routed.put("priority", route.priority().name());
    routed.put(
        "responseTarget",
        route.responseTarget() == null ? null : route.responseTarget().toString());
    List<TicketEvent> events = new ArrayList<>();
    events.add(journal.append(ticket.id(), EventType.CREATED, origin, sourceKey, now, created));
    events.add(
        journal.append(ticket.id(), EventType.ROUTED, Side.MANUFACTURER, sourceKey, now, routed));
    return new Applied(ticket, null, events);
  }

  private Applied comment(
      Side origin, String sourceKey, InboundChange.AddComment add, Instant now) {
    Ticket ticket = locate(origin, add.ticket());
    var draft = add.comment();
    if (draft.text() == null || draft.text().isBlank()) {
      throw new ChangeRejectedException(
          ChangeRejectedException.Reason.INVALID, "text", "text is required");
    }
    if (draft.visibility() == Visibility.INTERNAL && !origin.isManufacturer()) {
      throw new ChangeRejectedException(
          ChangeRejectedException.Reason.FORBIDDEN,
          "visibility",
          "internal comments are the manufacturer's; partners write public ones");
    }
    Comment comment = comments.add(ticket.id(), origin, draft, now);
    Ticket updated = ticket;
    if (origin.isManufacturer() && comment.isPublic() && ticket.firstResponseAt() == null) {
      updated = tickets.update(withTimings(ticket, ticket.status(), now, true), now);
    } else {
      tickets.touch(ticket.id(), now);
      updated = tickets.findById(ticket.id()).orElseThrow();
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("commentId", comment.id());
    data.put("visibility", comment.visibility().name());
    data.put("attachments", comment.attachments().size());
    TicketEvent event =
        journal.append(ticket.id(), EventType.COMMENTED, origin, sourceKey, now, data);
    return new Applied(updated, comment, List.of(event));
  }

  private Applied update(
      Side origin, String sourceKey, InboundChange.UpdateTicket update, Instant now) {
    Ticket ticket = locate(origin, update.ticket());
    TicketPatch patch = update.patch();
    if (!origin.isManufacturer() && patch.touchesManufacturerFields()) {
      throw new ChangeRejectedException(
          ChangeRejectedException.Reason.FORBIDDEN,
          patch.queue() != null ? "queue" : "assignee",
          "queue and assignee are set by the manufacturer");
    }
    if (patch.queue() != null && queues.find(patch.queue()).isEmpty()) {
      throw new ChangeRejectedException(
          ChangeRejectedException.Reason.INVALID, "queue", "no queue '" + patch.queue() + "'");
    }
    List<TicketEvent> events = new ArrayList<>();
    Status status = patch.status() != null ? patch.status() : ticket.status();
    Map<String, Object> fields = new LinkedHashMap<>();
    Map<String, Object> assignment = new LinkedHashMap<>();
    diff(fields, "priority", ticket.priority(), patch.priority());
    diff(fields, "subject", ticket.subject(), patch.subject());
    diff(fields, "category", ticket.category(), patch.category());
    diff(assignment, "queue", ticket.queue(), patch.queue());
    diff(assignment, "assignee", ticket.assignee(), patch.assignee());
    Map<String, String> attributes = new LinkedHashMap<>(ticket.attributes());
    patch
        .attributes()
        .forEach(
            (name, value) -> {
              String before = attributes.get(name);
              if (!Objects.equals(before, value)) {
                fields.put("attributes." + name, change(before, value));
                if (value == null || value.isEmpty()) {
                  attributes.remove(name);
                } else {
                  attributes.put(name, value);
                }
              }
            });
    boolean statusChanged = status != ticket.status();
    if (!statusChanged && fields.isEmpty() && assignment.isEmpty()) {
      return new Applied(ticket, null, List.of());
    }
    Ticket changed =
        ticket.withFields(
            patch.subject() != null ? patch.subject() : ticket.subject(),
            status,
            patch.priority() != null ? patch.priority() : ticket.priority(),
            patch.category() != null ? patch.category() : ticket.category(),
            patch.queue() != null ? patch.queue() : ticket.queue(),
            patch.assignee() != null ? patch.assignee() : ticket.assignee(),
            attributes);
    Ticket saved = tickets.update(withTimings(changed, status, now, false), now);
    if (statusChanged) {
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("from", ticket.status().name());
      data.put("to", status.name());
      events.add(
          journal.append(ticket.id(), EventType.STATUS_CHANGED, origin, sourceKey, now, data));
    }
    if (!fields.isEmpty()) {
      events.add(
          journal.append(ticket.id(), EventType.FIELDS_CHANGED, origin, sourceKey, now, fields));
    }
    if (!assignment.isEmpty()) {
      events.add(
          journal.append(ticket.id(), EventType.ASSIGNED, origin, sourceKey, now, assignment));
    }
    return new Applied(saved, null, events);
  }

  private static void diff(Map<String, Object> into, String field, Object before, Object after) {
    if (after != null && !after.equals(before)) {
      into.put(field, change(before, after));
    }
  }

  private static Map<String, Object> change(Object before, Object after) {
    Map<String, Object> change = new LinkedHashMap<>();
    change.put("from", before == null ? null : before.toString());
    change.put("to", after == null ? null : after.toString());
    return change;
  }

  /**
   * Sets the timings a change implies: the first public manufacturer answer is the first response,
   * and the ticket counts as resolved from the moment it became resolved until it is reopened.
   */
  private static Ticket withTimings(Ticket ticket, Status status, Instant now, boolean answered) {
    Instant resolvedAt = ticket.resolvedAt();
    if (status.isResolved() && resolvedAt == null) {
      resolvedAt = now;
    } else if (!status.isResolved()) {
      resolvedAt = null;
    }
    Instant firstResponse =
        answered && ticket.firstResponseAt() == null ? now : ticket.firstResponseAt();
    return ticket.withTimings(firstResponse, resolvedAt);
  }

  /**
   * The ticket a locator names, if the origin side may see it; another partner's ticket is "not
   * found".
   */
  public Ticket locate(Side origin, TicketLocator locator) {
    var found =
        locator.ref() != null
            ? tickets.findByRef(locator.ref())
            : tickets.findByExternalId(origin.id(), locator.externalId());
    return found
        .filter(t -> origin.isManufacturer() || t.partnerId().equals(origin.id()))
        .orElseThrow(() -> new TicketNotFoundException(locator.toString()));
  }

  /**
   * The sides an event goes to: never its origin; toward the partner only what the partner may see
   * (public comments, status, its own fields), never the manufacturer's routing and assignment.
   */
  static List<String> destinations(TicketEvent event, Ticket ticket) {
    List<String> sides = new ArrayList<>();
    boolean partnerMaySee =
        switch (event.type()) {
          case CREATED, STATUS_CHANGED, FIELDS_CHANGED -> true;
          case COMMENTED -> Visibility.PUBLIC.name().equals(event.data().get("visibility"));
          case ROUTED, ASSIGNED -> false;
        };
    boolean manufacturerHears =
        event.type() != EventType.ROUTED && event.type() != EventType.ASSIGNED;
    if (manufacturerHears && !event.origin().isManufacturer()) {
      sides.add(Side.MANUFACTURER_ID);
    }
    if (partnerMaySee && !event.origin().id().equals(ticket.partnerId())) {
      sides.add(ticket.partnerId());
    }
    return sides;
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
