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
import io.deskbridge.ticket.TicketDraft;
import io.deskbridge.ticket.TicketEvent;
import io.deskbridge.ticket.TicketNotFoundException;
import io.deskbridge.ticket.TicketStore;
import io.deskbridge.ticket.Visibility;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

  private static final Logger log = LoggerFactory.getLogger(Intake.class);

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

  /** What became of one submission of a batch: its outcome, or the reason it was refused. */
  public record Attempt(IntakeOutcome outcome, RuntimeException refusal) {}

  /**
   * Applies submissions of one side, in order, with the answer each would get from {@link #submit}.
   * New tickets are written in batches within one transaction, which is what makes a file of
   * thousands of tickets fast; when anything in the batch is refused, repeated or raced, the batch
   * is rolled back and each submission applied on its own, so that the others still apply and each
   * gets its own answer. Responses are not kept for repeats: a batch comes from a connector, which
   * needs none.
   */
  public List<Attempt> submitAll(List<Submission> submissions) {
    if (submissions.isEmpty()) {
      return List.of();
    }
    Side origin = submissions.get(0).origin();
    if (submissions.stream().anyMatch(s -> !s.origin().equals(origin))) {
      throw new IllegalArgumentException("a batch comes from one side");
    }
    try {
      List<IntakeOutcome> outcomes = tx.execute(status -> applyAll(origin, submissions));
      return outcomes.stream().map(outcome -> new Attempt(outcome, null)).toList();
    } catch (RuntimeException failed) {
      log.debug(
          "a batch of {} changes from {} is applied one by one: {}",
          submissions.size(),
          origin.id(),
          failed.toString());
    }
    List<Attempt> attempts = new ArrayList<>(submissions.size());
    for (Submission submission : submissions) {
      try {
        attempts.add(new Attempt(submit(submission, outcome -> null), null));
      } catch (RuntimeException refused) {
        attempts.add(new Attempt(null, refused));
      }
    }
    return attempts;
  }

  /**
   * Applies a batch in order: runs of new tickets and runs of updates are each written together,
   * comments one by one in their place.
   */
  private List<IntakeOutcome> applyAll(Side origin, List<Submission> submissions) {
    List<IntakeOutcome> outcomes = new ArrayList<>(submissions.size());
    List<Submission> run = new ArrayList<>();
    Class<?> runKind = null;
    for (Submission submission : submissions) {
      Class<?> kind = submission.change().getClass();
      if (kind != runKind) {
        outcomes.addAll(applyRun(origin, run));
        run.clear();
        runKind = kind;
      }
      run.add(submission);
    }
    outcomes.addAll(applyRun(origin, run));
    return outcomes;
  }

  private List<IntakeOutcome> applyRun(Side origin, List<Submission> run) {
    if (run.isEmpty()) {
      return List.of();
    }
    InboundChange first = run.get(0).change();
    if (first instanceof InboundChange.CreateTicket) {
      return createAll(origin, run);
    }
    if (first instanceof InboundChange.UpdateTicket) {
      return updateAll(origin, run);
    }
    List<IntakeOutcome> outcomes = new ArrayList<>(run.size());
    for (Submission submission : run) {
      outcomes.add(apply(submission, outcome -> null));
    }
    return outcomes;
  }

  /**
   * Updates tickets in batches: the tickets are read at once, and their new state, history, outbox
   * rows and source keys written with one statement each. Two updates of one ticket in a run find
   * the second one's version moved on, which rolls the batch back to one by one.
   */
  private List<IntakeOutcome> updateAll(Side origin, List<Submission> updates) {
    Instant now = now();
    List<Ticket> located =
        locateAll(
            origin,
            updates.stream().map(s -> ((InboundChange.UpdateTicket) s.change()).ticket()).toList());
    List<Ticket> changed = new ArrayList<>();
    List<EventJournal.NewEvent> entries = new ArrayList<>();
    for (int i = 0; i < updates.size(); i++) {
      Submission submission = updates.get(i);
      storeRaw(submission, now);
      TicketUpdate planned =
          TicketUpdate.of(
              origin,
              submission.sourceKey(),
              located.get(i),
              ((InboundChange.UpdateTicket) submission.change()).patch(),
              queues,
              now);
      if (!planned.changesNothing()) {
        changed.add(planned.changed());
        entries.addAll(planned.events());
      }
    }
    Map<Long, Ticket> stored = new HashMap<>();
    tickets.updateAll(changed, now).forEach(ticket -> stored.put(ticket.id(), ticket));
    List<Ticket> landed = new ArrayList<>(located.size());
    for (Ticket ticket : located) {
      landed.add(stored.getOrDefault(ticket.id(), ticket));
    }
    return recordRun(origin, updates, landed, entries, now);
  }

  /**
   * Writes what a run of submissions did once its tickets are written: the history entries, the
   * deliveries they make, and each submission's source key with the ticket it landed on.
   *
   * @param landed the ticket each submission landed on, in the run's order
   */
  private List<IntakeOutcome> recordRun(
      Side origin,
      List<Submission> run,
      List<Ticket> landed,
      List<EventJournal.NewEvent> entries,
      Instant now) {
    List<TicketEvent> events = journal.appendAll(entries);
    Map<Long, Ticket> byId = new HashMap<>();
    landed.forEach(ticket -> byId.put(ticket.id(), ticket));
    List<OutboxStore.Delivery> deliveries = new ArrayList<>();
    for (TicketEvent event : events) {
      Ticket ticket = byId.get(event.ticketId());
      for (String destination : destinations(event, ticket)) {
        deliveries.add(new OutboxStore.Delivery(event.id(), ticket.id(), destination));
      }
    }
    outbox.enqueueAll(deliveries, now);
    List<IntakeKeys.Claim> claims = new ArrayList<>(run.size());
    List<IntakeOutcome> outcomes = new ArrayList<>(run.size());
    for (int i = 0; i < run.size(); i++) {
      Submission submission = run.get(i);
      claims.add(
          new IntakeKeys.Claim(
              submission.sourceKey(), submission.fingerprint(), landed.get(i).id()));
      outcomes.add(new IntakeOutcome(landed.get(i), null, false, null));
    }
    keys.claimAll(origin.id(), claims, now);
    if (!events.isEmpty()) {
      wakeAfterCommit();
    }
    return outcomes;
  }

  /**
   * The tickets the locators name, in their order, read at once where the partner's ids name them.
   *
   * @throws TicketNotFoundException when one does not exist or the origin may not see it
   */
  private List<Ticket> locateAll(Side origin, List<TicketLocator> locators) {
    Set<String> externalIds = new HashSet<>();
    for (TicketLocator locator : locators) {
      if (locator.ref() == null) {
        externalIds.add(locator.externalId());
      }
    }
    Map<String, Long> ids =
        externalIds.isEmpty() ? Map.of() : tickets.idsByExternalId(origin.id(), externalIds);
    Map<Long, Ticket> found = tickets.findByIds(ids.values());
    List<Ticket> located = new ArrayList<>(locators.size());
    for (TicketLocator locator : locators) {
      if (locator.ref() != null) {
        located.add(locate(origin, locator));
        continue;
      }
      Long id = ids.get(locator.externalId());
      Ticket ticket = id == null ? null : found.get(id);
      if (ticket == null || !(origin.isManufacturer() || ticket.partnerId().equals(origin.id()))) {
        throw new TicketNotFoundException(locator.toString());
      }
      located.add(ticket);
    }
    return located;
  }

  /** Opens tickets in batches: one statement each for the tickets, their history and outbox. */
  private List<IntakeOutcome> createAll(Side origin, List<Submission> creates) {
    if (creates.isEmpty()) {
      return List.of();
    }
    Instant now = now();
    List<TicketStore.NewTicket> news = new ArrayList<>(creates.size());
    List<RoutingDecision> routes = new ArrayList<>(creates.size());
    Set<String> externalIds = new HashSet<>();
    for (Submission submission : creates) {
      storeRaw(submission, now);
      var draft = ((InboundChange.CreateTicket) submission.change()).draft();
      checkNew(origin, draft);
      if (draft.externalId() != null && !externalIds.add(draft.externalId())) {
        throw new ChangeRejectedException(
            ChangeRejectedException.Reason.CONFLICT,
            "externalId",
            "ticket '" + draft.externalId() + "' is opened twice in one batch");
      }
      RoutingDecision route = router.route(origin.id(), draft);
      routes.add(route);
      news.add(new TicketStore.NewTicket(draft, Status.NEW, routing(route)));
    }
    if (!tickets.idsByExternalId(origin.id(), externalIds).isEmpty()) {
      throw new ChangeRejectedException(
          ChangeRejectedException.Reason.CONFLICT,
          "externalId",
          "a ticket of the batch exists already");
    }
    List<Ticket> created = tickets.insertAll(origin.id(), news, now);
    List<EventJournal.NewEvent> entries = new ArrayList<>(created.size() * 2);
    for (int i = 0; i < created.size(); i++) {
      entries.addAll(
          openingEvents(origin, creates.get(i).sourceKey(), created.get(i), routes.get(i), now));
    }
    return recordRun(origin, creates, created, entries, now);
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
    storeRaw(submission, now);
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
    if (!applied.events().isEmpty()) {
      wakeAfterCommit();
    }
    return new IntakeOutcome(applied.ticket(), applied.comment(), false, response);
  }

  private void storeRaw(Submission submission, Instant now) {
    if (submission.raw() != null) {
      rawInputs.store(
          submission.origin().id(),
          submission.sourceKey(),
          submission.raw().mediaType(),
          submission.raw().body(),
          now);
    }
  }

  /** Wakes the dispatcher once what this transaction queued is committed, and only then. */
  private void wakeAfterCommit() {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              afterCommit.run();
            }
          });
    }
  }

  private record Applied(Ticket ticket, Comment comment, List<TicketEvent> events) {}

  private Applied create(
      Side origin, String sourceKey, InboundChange.CreateTicket create, Instant now) {
    var draft = create.draft();
    checkNew(origin, draft);
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
    Ticket ticket = tickets.insert(origin.id(), draft, Status.NEW, routing(route), now);
    List<TicketEvent> events =
        journal.appendAll(openingEvents(origin, sourceKey, ticket, route, now));
    return new Applied(ticket, null, events);
  }

  private static void checkNew(Side origin, TicketDraft draft) {
    if (origin.isManufacturer()) {
      throw new ChangeRejectedException(
          ChangeRejectedException.Reason.FORBIDDEN,
          null,
          "tickets are opened by partners; the manufacturer answers them");
    }
    if (draft.subject() == null || draft.subject().isBlank()) {
      throw new ChangeRejectedException(
          ChangeRejectedException.Reason.INVALID, "subject", "subject is required");
    }
  }

  private static TicketStore.Routing routing(RoutingDecision route) {
    return new TicketStore.Routing(
        route.queue(), route.rule(), route.priority(), route.responseTarget());
  }

  /** A new ticket's first two history entries: the partner opened it, then routing placed it. */
  private static List<EventJournal.NewEvent> openingEvents(
      Side origin, String sourceKey, Ticket ticket, RoutingDecision route, Instant now) {
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
    return List.of(
        new EventJournal.NewEvent(ticket.id(), EventType.CREATED, origin, sourceKey, now, created),
        new EventJournal.NewEvent(
            ticket.id(), EventType.ROUTED, Side.MANUFACTURER, sourceKey, now, routed));
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
    TicketUpdate planned = TicketUpdate.of(origin, sourceKey, ticket, update.patch(), queues, now);
    if (planned.changesNothing()) {
      return new Applied(ticket, null, List.of());
    }
    Ticket saved = tickets.update(planned.changed(), now);
    return new Applied(saved, null, journal.appendAll(planned.events()));
  }

  /**
   * Sets the timings a change implies: the first public manufacturer answer is the first response,
   * and the ticket counts as resolved from the moment it became resolved until it is reopened.
   */
  static Ticket withTimings(Ticket ticket, Status status, Instant now, boolean answered) {
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
