package io.deskbridge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deskbridge.connector.InboundChange;
import io.deskbridge.connector.TicketLocator;
import io.deskbridge.intake.ChangeRejectedException;
import io.deskbridge.intake.Intake;
import io.deskbridge.intake.IntakeKeys;
import io.deskbridge.intake.IntakeOutcome;
import io.deskbridge.intake.RawInputStore;
import io.deskbridge.intake.SideInbound;
import io.deskbridge.intake.SideTickets;
import io.deskbridge.intake.Submission;
import io.deskbridge.outbox.DeadLetter;
import io.deskbridge.outbox.DeadLetterStore;
import io.deskbridge.outbox.OutboxRow;
import io.deskbridge.outbox.OutboxState;
import io.deskbridge.outbox.OutboxStore;
import io.deskbridge.partner.StoredConnectorState;
import io.deskbridge.queue.ManufacturerSide;
import io.deskbridge.queue.Queue;
import io.deskbridge.queue.QueueDirectory;
import io.deskbridge.routing.Router;
import io.deskbridge.routing.RoutingRule;
import io.deskbridge.routing.RoutingRules;
import io.deskbridge.ticket.Attachment;
import io.deskbridge.ticket.AttachmentStore;
import io.deskbridge.ticket.AttachmentUpload;
import io.deskbridge.ticket.CommentDraft;
import io.deskbridge.ticket.CommentStore;
import io.deskbridge.ticket.ConcurrentTicketChangeException;
import io.deskbridge.ticket.Contact;
import io.deskbridge.ticket.EventJournal;
import io.deskbridge.ticket.EventType;
import io.deskbridge.ticket.Priority;
import io.deskbridge.ticket.Product;
import io.deskbridge.ticket.Side;
import io.deskbridge.ticket.Site;
import io.deskbridge.ticket.Status;
import io.deskbridge.ticket.Ticket;
import io.deskbridge.ticket.TicketDraft;
import io.deskbridge.ticket.TicketEvent;
import io.deskbridge.ticket.TicketNotFoundException;
import io.deskbridge.ticket.TicketPatch;
import io.deskbridge.ticket.TicketQuery;
import io.deskbridge.ticket.TicketRef;
import io.deskbridge.ticket.TicketReferences;
import io.deskbridge.ticket.TicketStore;
import io.deskbridge.ticket.Visibility;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the gateway store promises on every database it runs on: the real stores and the real intake
 * over a freshly migrated database, so that H2 and PostgreSQL are held to the same behaviour.
 */
abstract class GatewayStoreContract {

  private static final Instant NOW = Instant.parse("2025-03-01T09:15:30.123456Z");
  private static final Side ACME = Side.partner("acme");
  private static final Side BETA = Side.partner("beta");
  private static final String MANUFACTURER = Side.MANUFACTURER_ID;

  private StoreDatabase database;
  private JdbcClient jdbc;
  private NamedParameterJdbcTemplate batches;
  private TransactionTemplate tx;
  private TicketStore tickets;
  private AttachmentStore attachments;
  private EventJournal journal;
  private OutboxStore outbox;
  private DeadLetterStore deadLetters;
  private IntakeKeys intakeKeys;
  private Intake intake;
  // The intake's after-commit hook wakes the dispatcher; counting it shows a rollback woke nobody.
  private final AtomicInteger wakeUps = new AtomicInteger();

  /** A new, empty, migrated database for one test; the contract closes it afterwards. */
  protected abstract StoreDatabase openDatabase();

  @BeforeEach
  void buildTheStoresByHand() {
    database = openDatabase();
    batches = new NamedParameterJdbcTemplate(database.dataSource());
    jdbc = JdbcClient.create(batches);
    tx = new TransactionTemplate(new DataSourceTransactionManager(database.dataSource()));
    tickets = new TicketStore(batches, new TicketReferences("DB"));
    attachments = new AttachmentStore(jdbc);
    journal = new EventJournal(batches);
    outbox = new OutboxStore(batches);
    deadLetters = new DeadLetterStore(jdbc);
    intakeKeys = new IntakeKeys(batches);
    var queues =
        new QueueDirectory(
            new ManufacturerSide(
                "Manufacturer",
                List.of(new Queue("triage", "Triage", null), new Queue("panels", "Panels", null)),
                Path.of("manufacturer.yml")));
    var routing =
        new RoutingRules(List.of(new RoutingRule("default", List.of(), "triage", null, null, 1)));
    intake =
        new Intake(
            tx,
            intakeKeys,
            new RawInputStore(jdbc),
            tickets,
            new CommentStore(jdbc, attachments),
            journal,
            outbox,
            new Router(routing),
            queues,
            Clock.fixed(NOW, ZoneOffset.UTC),
            wakeUps::incrementAndGet);
  }

  @AfterEach
  void closeDatabase() {
    database.close();
  }

  // --- tickets ---------------------------------------------------------------------------------

  @Test
  void createdTicketReadsBackWithEveryCanonicalField() {
    // Given a partner's ticket with every canonical field set, much of it in Cyrillic
    var draft =
        new TicketDraft(
            "ACME-17",
            "Пожарная панель не отвечает",
            "После обновления прошивки панель перезагружается каждые 5 минут.",
            Priority.HIGH,
            "Оборудование",
            new Product("FP-2000", "SN-0042", "4.2.1"),
            new Site("Склад №3", "Москва, ул. Ленина, д. 1"),
            new Contact("Иван Петров", "ivan@acme.example", "+7 495 000-00-00"),
            Map.of("контракт", "Д-17/2025", "floor", "2"));
    var routing =
        new TicketStore.Routing(
            "panels", "panels-critical", Priority.CRITICAL, Duration.ofHours(1));

    // When it is inserted and read back by id, by reference and by the partner's id
    Ticket inserted = tickets.insert("acme", draft, Status.NEW, routing, NOW);

    // Then every field survived, and the first ticket is DB-000001
    Ticket expected =
        new Ticket(
            inserted.id(),
            new TicketRef("DB-000001"),
            "acme",
            "ACME-17",
            draft.subject(),
            draft.description(),
            Status.NEW,
            Priority.CRITICAL,
            draft.category(),
            draft.product(),
            draft.site(),
            draft.requester(),
            "panels",
            null,
            "panels-critical",
            Duration.ofHours(1),
            draft.attributes(),
            NOW,
            NOW,
            null,
            null,
            1);
    assertThat(inserted).isEqualTo(expected);
    assertThat(tickets.findById(inserted.id())).contains(expected);
    assertThat(tickets.findByRef(new TicketRef("DB-000001"))).contains(expected);
    assertThat(tickets.findByExternalId("acme", "ACME-17")).contains(expected);
  }

  @Test
  void externalIdIsUniquePerPartnerButMayRepeatAcrossPartners() {
    // Given acme's ticket T-1
    Ticket acmes = inTransaction(() -> insertTicket("acme", "T-1", NOW));

    // When beta uses the same id, then it gets its own ticket
    Ticket betas = inTransaction(() -> insertTicket("beta", "T-1", NOW));
    assertThat(betas.id()).isNotEqualTo(acmes.id());

    // When acme uses T-1 a second time, then the database refuses it
    assertThatThrownBy(() -> inTransaction(() -> insertTicket("acme", "T-1", NOW)))
        .isInstanceOf(DuplicateKeyException.class);
    assertThat(tickets.findByExternalId("acme", "T-1")).map(Ticket::id).contains(acmes.id());
    assertThat(tickets.findByExternalId("beta", "T-1")).map(Ticket::id).contains(betas.id());
    assertThat(count("ticket")).isEqualTo(2);
  }

  @Test
  void staleVersionUpdateIsRefusedAndLeavesTheRowUnchanged() {
    // Given two readers of the same ticket version
    Ticket created = insertTicket("acme", "T-1", NOW);
    Ticket first = tickets.findById(created.id()).orElseThrow();
    Ticket second = tickets.findById(created.id()).orElseThrow();

    // When the first writes, then the second's write is refused
    Ticket saved = tickets.update(edited(first, "first writer", Status.NEW), NOW.plusSeconds(1));
    assertThatThrownBy(() -> tickets.update(edited(second, "second writer", Status.OPEN), NOW))
        .isInstanceOf(ConcurrentTicketChangeException.class)
        .hasMessageContaining("DB-000001");

    // And the row is exactly as the first writer left it
    assertThat(tickets.findById(created.id())).contains(saved);
    assertThat(saved.subject()).isEqualTo("first writer");
    assertThat(saved.status()).isEqualTo(Status.NEW);
    assertThat(saved.version()).isEqualTo(2);
  }

  // --- attachments -----------------------------------------------------------------------------

  @Test
  void identicalAttachmentContentIsStoredOnce() {
    // Given content with every byte value, attached twice under different names
    Ticket ticket = insertTicket("acme", "T-1", NOW);
    byte[] content = new byte[256];
    for (int i = 0; i < content.length; i++) {
      content[i] = (byte) i;
    }
    Attachment logo = attachments.add(ticket.id(), null, upload("logo.png", content), NOW);
    Attachment again = attachments.add(ticket.id(), null, upload("signature.png", content), NOW);

    // Then the bytes are kept once, and both attachments read back the same bytes
    assertThat(attachments.distinctContents()).isEqualTo(1);
    assertThat(attachments.ofTicket(ticket.id())).containsExactly(logo, again);
    assertThat(again.sha256()).isEqualTo(logo.sha256());
    assertThat(attachments.content(logo.sha256())).isEqualTo(content);
  }

  @Test
  void twoMebibyteBinaryRoundTripsByteExact() {
    // Given 2 MiB of arbitrary bytes (a seeded generator, so a failure repeats)
    Ticket ticket = insertTicket("acme", "T-1", NOW);
    byte[] content = new byte[2 * 1024 * 1024];
    new Random(20250301).nextBytes(content);

    // When attached and read back
    Attachment stored =
        attachments.add(ticket.id(), null, upload("firmware-dump.bin", content), NOW);

    // Then every byte is as it was
    assertThat(stored.size()).isEqualTo(content.length);
    assertThat(attachments.content(stored.sha256())).isEqualTo(content);
  }

  // --- event journal ---------------------------------------------------------------------------

  @Test
  void journalReturnsEventsInOrderWithTheirData() {
    // Given events on a ticket, with an event of another ticket in between
    Ticket ticket = insertTicket("acme", "T-1", NOW);
    Ticket other = insertTicket("acme", "T-2", NOW);
    Map<String, Object> created = new LinkedHashMap<>();
    created.put("subject", "Пожарная панель");
    created.put("externalId", null);
    TicketEvent e1 = journal.append(ticket.id(), EventType.CREATED, ACME, "k1", NOW, created);
    journal.append(other.id(), EventType.CREATED, ACME, "k2", NOW, Map.of("subject", "other"));
    TicketEvent e2 =
        journal.append(
            ticket.id(),
            EventType.COMMENTED,
            Side.MANUFACTURER,
            "k3",
            NOW.plusNanos(1_000),
            Map.of("commentId", 7, "visibility", "PUBLIC"));
    TicketEvent e3 =
        journal.append(
            ticket.id(),
            EventType.FIELDS_CHANGED,
            ACME,
            null,
            NOW.plusSeconds(1),
            Map.of("priority", Map.of("from", "NORMAL", "to", "HIGH")));

    // When the ticket's history is read, then it is those events, in order, with their data
    assertThat(journal.ofTicket(ticket.id())).containsExactly(e1, e2, e3);
    assertThat(journal.get(e3.id()).data())
        .isEqualTo(Map.of("priority", Map.of("from", "NORMAL", "to", "HIGH")));
  }

  // --- outbox ----------------------------------------------------------------------------------

  @Test
  void onlyTheOldestPendingRowOfALaneIsAHead() {
    // Given three rows for the manufacturer on one ticket, one for acme on it, one on another
    // ticket
    Ticket ticket = insertTicket("acme", "T-1", NOW);
    Ticket other = insertTicket("acme", "T-2", NOW);
    long first = enqueue(ticket, MANUFACTURER);
    long second = enqueue(ticket, MANUFACTURER);
    enqueue(ticket, MANUFACTURER);
    long toAcme = enqueue(ticket, "acme");
    long otherTicket = enqueue(other, MANUFACTURER);

    // Then each lane offers its oldest row only
    assertThat(headIds()).containsExactly(first, toAcme, otherTicket);

    // When the first is delivered, then the second becomes its lane's head
    outbox.markDelivered(first, NOW);
    assertThat(headIds()).containsExactly(second, toAcme, otherTicket);
  }

  @Test
  void deadRowHoldsBackLaterRowsOfItsLaneButNotOtherTickets() {
    // Given two rows on one ticket and one on another
    Ticket ticket = insertTicket("acme", "T-1", NOW);
    Ticket other = insertTicket("acme", "T-2", NOW);
    long failed = enqueue(ticket, MANUFACTURER);
    enqueue(ticket, MANUFACTURER);
    long otherTicket = enqueue(other, MANUFACTURER);

    // When the first row dies as the dispatcher leaves it after its last attempt
    outbox.markDead(failed, "HTTP 503 from the help desk");
    deadLetters.park(
        DeadLetter.Kind.DELIVERY, MANUFACTURER, ticket.id(), failed, null, "HTTP 503", 8, NOW);

    // Then the later row of its lane waits, and the other ticket's row does not
    assertThat(headIds()).containsExactly(otherTicket);
    assertThat(outbox.find(failed).map(OutboxRow::state)).contains(OutboxState.DEAD);
  }

  @Test
  void skippedDeadRowReleasesItsLane() {
    // Given a lane held back by a dead row
    Ticket ticket = insertTicket("acme", "T-1", NOW);
    long failed = enqueue(ticket, MANUFACTURER);
    long waiting = enqueue(ticket, MANUFACTURER);
    outbox.markDead(failed, "HTTP 503 from the help desk");
    assertThat(headIds()).isEmpty();

    // When ops discard it
    outbox.skip(failed);

    // Then the next row is the lane's head
    assertThat(headIds()).containsExactly(waiting);
  }

  @Test
  void dueRowsOfASideWorkingInTheStoreAreClosedTogetherExceptLeasedAndLaterOnes() {
    // Given rows for the manufacturer's built-in queues: two due, one a lane holds, one due later
    Ticket ticket = insertTicket("acme", "T-1", NOW);
    Ticket other = insertTicket("acme", "T-2", NOW);
    long first = enqueue(ticket, MANUFACTURER);
    long second = enqueue(other, MANUFACTURER);
    long held = enqueue(other, MANUFACTURER);
    outbox.lease(held, NOW, NOW.plusSeconds(60));
    long later = enqueue(ticket, MANUFACTURER);
    outbox.scheduleRetry(later, "not yet", NOW.plusSeconds(60));
    // and one for acme's own help desk
    long toAcme = enqueue(ticket, "acme");

    // When the dispatcher closes the manufacturer's due rows, at most one per round
    int firstRound = outbox.markDeliveredInStore(MANUFACTURER, NOW.plusSeconds(1), 1);
    int secondRound = outbox.markDeliveredInStore(MANUFACTURER, NOW.plusSeconds(1), 1);
    int thirdRound = outbox.markDeliveredInStore(MANUFACTURER, NOW.plusSeconds(1), 1);

    // Then the two due rows are delivered, and the held, later and acme rows still wait
    assertThat(List.of(firstRound, secondRound, thirdRound)).containsExactly(1, 1, 0);
    assertThat(outbox.find(first).map(OutboxRow::state)).contains(OutboxState.DELIVERED);
    assertThat(outbox.find(second).map(OutboxRow::state)).contains(OutboxState.DELIVERED);
    assertThat(outbox.find(held).map(OutboxRow::state)).contains(OutboxState.PENDING);
    assertThat(outbox.find(later).map(OutboxRow::state)).contains(OutboxState.PENDING);
    assertThat(outbox.find(toAcme).map(OutboxRow::state)).contains(OutboxState.PENDING);
  }

  @Test
  void onlyOneOfTwoConcurrentClaimersLeasesARow() throws Exception {
    // Given pending rows, each claimed by two dispatchers whose transactions run at the same time
    Ticket ticket = insertTicket("acme", "T-1", NOW);
    int rounds = 10;
    ExecutorService dispatchers = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < rounds; round++) {
        long row = enqueue(ticket, "lane-" + round);
        CyclicBarrier together = new CyclicBarrier(2);
        List<Future<Boolean>> claims = new ArrayList<>();
        for (int claimer = 0; claimer < 2; claimer++) {
          claims.add(
              dispatchers.submit(
                  () ->
                      tx.execute(
                          status -> {
                            // Both transactions are open before either claims the row.
                            await(together);
                            return outbox.lease(row, NOW, NOW.plusSeconds(60));
                          })));
        }

        // Then exactly one of them holds the row
        List<Boolean> won = new ArrayList<>();
        for (Future<Boolean> claim : claims) {
          won.add(claim.get(30, TimeUnit.SECONDS));
        }
        assertThat(won).as("round %d", round).containsExactlyInAnyOrder(true, false);
      }
    } finally {
      dispatchers.shutdownNow();
    }
  }

  // --- intake ----------------------------------------------------------------------------------

  @Test
  void repeatedSourceKeyReturnsTheFirstResponseAndWritesNothing() {
    // Given a ticket created by acme under a source key
    Submission create = createBy(ACME, "acme:mail-1", "first body");
    IntakeOutcome first = intake.submit(create, o -> "created " + o.ticket().ref());
    Rows before = rows();

    // When the same key and content arrive again
    IntakeOutcome repeat = intake.submit(create, o -> "rendered again");

    // Then it is a duplicate answered with the first response, and nothing was written
    assertThat(repeat.duplicate()).isTrue();
    assertThat(repeat.response()).isEqualTo("created DB-000001").isEqualTo(first.response());
    assertThat(repeat.ticket().id()).isEqualTo(first.ticket().id());
    assertThat(rows()).isEqualTo(before);
  }

  @Test
  void connectorInputSeenTwiceIsADuplicateWhateverTheLengthOfItsKey() {
    // Given a connector's sink and a real mail's Message-ID, longer than a SHA-256 in hex
    SideInbound sink = sink(ACME);
    String messageId = "<CAF=x9kQ2vT8m4oW1yR7uP3sN6bJ0hG5dL2cA8eZ_fX@mail.gmail.example.com>";
    var create = createBy(ACME, "unused", "unused").change();
    long raw =
        sink.storeRaw(messageId, "message/rfc822", "Subject: x".getBytes(StandardCharsets.UTF_8));
    var first = sink.submit(raw, messageId, create);

    // When the mailbox is polled again and the same message comes back
    var again = sink.submit(raw, messageId, create);

    // Then it is recognised as the same input, not refused as a conflict
    assertThat(first.duplicate()).isFalse();
    assertThat(again.duplicate()).isTrue();
    assertThat(again.ticket()).isEqualTo(first.ticket());
  }

  @Test
  void deferredRowWaitsWithoutUsingUpAnAttempt() {
    // Given a row that failed once
    Ticket ticket = insertTicket("acme", "T-1", NOW);
    long row = enqueue(ticket, MANUFACTURER);
    outbox.scheduleRetry(row, "HTTP 500", NOW);

    // When its connector holds it back for half a minute without trying it
    outbox.defer(row, "circuit breaker open", NOW.plusSeconds(30));

    // Then it still counts one attempt, says why it waits, and is due only after the wait
    OutboxRow deferred = outbox.find(row).orElseThrow();
    assertThat(deferred.attempts()).isEqualTo(1);
    assertThat(deferred.lastError()).isEqualTo("circuit breaker open");
    assertThat(headIds()).isEmpty();
    assertThat(outbox.dueHeads(NOW.plusSeconds(31), 10))
        .extracting(OutboxRow::id)
        .containsExactly(row);
  }

  @Test
  void storedInputCanBeMadeDurableOnEveryStore() {
    // Given input a connector stored and applied
    SideInbound acme = sink(ACME);
    long raw =
        acme.storeRaw("acme:file-1", "text/csv", "Номер;Тема".getBytes(StandardCharsets.UTF_8));

    // When it asks the store to make it survive a crash (a checkpoint on H2, nothing on PostgreSQL)
    acme.sync();

    // Then the store takes it and the input is there as stored
    assertThat(new RawInputStore(jdbc).find(raw).orElseThrow().body())
        .isEqualTo("Номер;Тема".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void partnerFindsItsTicketByItsOwnIdButNeverAnotherPartners() {
    // Given a ticket a partner opened under its own id
    Ticket ticket = insertTicket("acme", "С-101", NOW);

    // Then that partner finds it by that id, and another partner does not
    assertThat(sink(ACME).ticketByExternalId("С-101")).contains(ticket.ref());
    assertThat(sink(BETA).ticketByExternalId("С-101")).isEmpty();
    assertThat(sink(ACME).ticketByExternalId("С-999")).isEmpty();
  }

  @Test
  void mailRepliesFindTheirPartnersTicketByMessageIdButNeverAnotherPartners() {
    // Given a ticket a partner opened by mail, and a reply already added to it
    SideInbound acme = sink(ACME);
    String opening = "CAF=opening@mail.acme.example";
    long raw = acme.storeRaw(opening, "message/rfc822", "x".getBytes(StandardCharsets.UTF_8));
    var opened = acme.submit(raw, opening, createBy(ACME, "unused", "unused").change());
    var reply =
        new InboundChange.AddComment(
            TicketLocator.ref(opened.ticket()),
            new CommentDraft(
                "Ann", "ann@acme.example", null, "ok", null, null, "reply-1@acme", List.of()));
    acme.submit(raw, "reply-1@acme", reply);

    // Then both Message-IDs lead the partner to its ticket
    assertThat(acme.ticketByMessageId(opening)).contains(opened.ticket());
    assertThat(acme.ticketByMessageId("reply-1@acme")).contains(opened.ticket());
    assertThat(acme.sees(opened.ticket())).isTrue();
    assertThat(acme.messageIds(opened.ticket())).containsExactly(opening, "reply-1@acme");
    // and neither leads another partner there, nor lets it see the ticket
    SideInbound beta = sink(BETA);
    assertThat(beta.ticketByMessageId(opening)).isEmpty();
    assertThat(beta.ticketByMessageId("reply-1@acme")).isEmpty();
    assertThat(beta.sees(opened.ticket())).isFalse();
    assertThat(beta.messageIds(opened.ticket())).isEmpty();
    assertThat(acme.ticketByMessageId("never-seen@acme")).isEmpty();
  }

  @Test
  void connectorStateCountsPerSideAndSurvivesANewStoreObject() {
    // Given the counters of two sides
    var acme = new StoredConnectorState(batches, "acme", Clock.fixed(NOW, ZoneOffset.UTC));
    var beta = new StoredConnectorState(batches, "beta", Clock.fixed(NOW, ZoneOffset.UTC));

    // When one side counts three times and the other once
    acme.increment("auto-mail:2026-01-31:ann@acme.example");
    acme.increment("auto-mail:2026-01-31:ann@acme.example");
    long third = acme.increment("auto-mail:2026-01-31:ann@acme.example");
    long betaFirst = beta.increment("auto-mail:2026-01-31:ann@acme.example");
    acme.put("cursor", "42");

    // Then each side has its own count, kept in the store, and old days can be dropped
    assertThat(third).isEqualTo(3);
    assertThat(betaFirst).isEqualTo(1);
    var again = new StoredConnectorState(batches, "acme", Clock.fixed(NOW, ZoneOffset.UTC));
    assertThat(again.get("auto-mail:2026-01-31:ann@acme.example")).contains("3");
    assertThat(again.get("cursor")).contains("42");
    again.removeStartingWith("auto-mail:2026-01-31:");
    assertThat(again.get("auto-mail:2026-01-31:ann@acme.example")).isEmpty();
    assertThat(again.get("cursor")).contains("42");
    assertThat(beta.get("auto-mail:2026-01-31:ann@acme.example")).contains("1");
  }

  @Test
  void batchOfNewTicketsIsStoredAsIfEachCameAlone() {
    // Given three rows of a partner's export, each a new ticket with the partner's id
    List<Submission> batch =
        List.of(
            fileRow(ACME, "file:1", newTicket("L-1", "Panel 1 offline")),
            fileRow(ACME, "file:2", newTicket("L-2", "Panel 2 offline")),
            fileRow(ACME, "file:3", newTicket("L-3", "Panel 3 offline")));

    // When the intake takes them as one batch
    List<Intake.Attempt> attempts = intake.submitAll(batch);

    // Then each is a ticket, stored exactly as the batch answered, found by the partner's id
    assertThat(attempts).extracting(Intake.Attempt::refusal).containsOnlyNulls();
    List<Ticket> created = attempts.stream().map(a -> a.outcome().ticket()).toList();
    assertThat(created)
        .extracting(Ticket::ref)
        .containsExactly(
            new TicketRef("DB-000001"), new TicketRef("DB-000002"), new TicketRef("DB-000003"));
    for (Ticket ticket : created) {
      assertThat(tickets.findByExternalId("acme", ticket.externalId())).contains(ticket);
      // with the history and the delivery to the manufacturer a single change would have
      assertThat(journal.ofTicket(ticket.id()))
          .extracting(TicketEvent::type)
          .containsExactly(EventType.CREATED, EventType.ROUTED);
      assertThat(outbox.ofTicket(ticket.id()))
          .extracting(OutboxRow::destination)
          .containsExactly(MANUFACTURER);
    }
    assertThat(journal.ofTicket(created.get(1).id()).get(0).sourceKey()).isEqualTo("file:2");
    assertThat(wakeUps.get()).isEqualTo(1);

    // And the same batch again is three repeats that write nothing
    Rows before = rows();
    List<Intake.Attempt> again = intake.submitAll(batch);
    assertThat(again).allSatisfy(a -> assertThat(a.outcome().duplicate()).isTrue());
    assertThat(again)
        .extracting(a -> a.outcome().ticket().id())
        .containsExactlyElementsOf(created.stream().map(Ticket::id).toList());
    assertThat(rows()).isEqualTo(before);
  }

  @Test
  void refusedChangeInABatchIsAnsweredAloneAndTheOthersApply() {
    // Given acme's ticket L-9
    intake.submit(fileRow(ACME, "file:0", newTicket("L-9", "Earlier ticket")), o -> null);

    // When a batch holds a good row, a row without a subject and a second L-9
    List<Intake.Attempt> attempts =
        intake.submitAll(
            List.of(
                fileRow(ACME, "file:1", newTicket("L-1", "Panel 1 offline")),
                fileRow(ACME, "file:2", newTicket("L-2", " ")),
                fileRow(ACME, "file:3", newTicket("L-9", "Panel 9 again"))));

    // Then the good row is a ticket, and each bad one is refused with its own reason
    assertThat(attempts.get(0).outcome().ticket().externalId()).isEqualTo("L-1");
    assertThat(attempts.get(1).refusal()).hasMessage("subject is required");
    assertThat(attempts.get(2).refusal()).hasMessage("ticket 'L-9' exists already as DB-000001");
    assertThat(count("ticket")).isEqualTo(2);
    assertThat(tickets.findByExternalId("acme", "L-2")).isEmpty();
  }

  @Test
  void batchAppliesUpdatesAndCommentsInTheirPlaceAmongNewTickets() {
    // Given acme's ticket L-1
    Ticket existing =
        intake
            .submit(fileRow(ACME, "file:0", newTicket("L-1", "Panel 1 offline")), o -> null)
            .ticket();

    // When a batch opens L-2, resolves L-1, comments on L-1 and opens L-3
    var locator = TicketLocator.external("L-1");
    List<Intake.Attempt> attempts =
        intake.submitAll(
            List.of(
                fileRow(ACME, "file:1", newTicket("L-2", "Panel 2 offline")),
                fileRow(
                    ACME,
                    "file:2",
                    new InboundChange.UpdateTicket(
                        locator,
                        new TicketPatch(Status.RESOLVED, null, null, null, null, null, Map.of()))),
                fileRow(
                    ACME,
                    "file:3",
                    new InboundChange.AddComment(
                        locator, comment(Visibility.PUBLIC, "Replaced the fuse"))),
                fileRow(ACME, "file:4", newTicket("L-3", "Panel 3 offline"))));

    // Then every change applied, L-1's in order after its creation
    assertThat(attempts).extracting(Intake.Attempt::refusal).containsOnlyNulls();
    assertThat(tickets.findById(existing.id()).orElseThrow().status()).isEqualTo(Status.RESOLVED);
    assertThat(journal.ofTicket(existing.id()))
        .extracting(TicketEvent::type)
        .containsExactly(
            EventType.CREATED, EventType.ROUTED, EventType.STATUS_CHANGED, EventType.COMMENTED);
    assertThat(attempts.get(2).outcome().comment().text()).isEqualTo("Replaced the fuse");
    assertThat(tickets.findByExternalId("acme", "L-2")).isPresent();
    assertThat(tickets.findByExternalId("acme", "L-3")).isPresent();
  }

  @Test
  void batchOfUpdatesIsStoredAsEachWouldBeAlone() {
    // Given acme's tickets L-1, L-2 and L-3
    intake.submitAll(
        List.of(
            fileRow(ACME, "file:1", newTicket("L-1", "Panel 1 offline")),
            fileRow(ACME, "file:2", newTicket("L-2", "Panel 2 offline")),
            fileRow(ACME, "file:3", newTicket("L-3", "Panel 3 offline"))));
    int wakeUpsBefore = wakeUps.get();

    // When a batch resolves L-1, renames L-2 and repeats L-3 as it is
    List<Intake.Attempt> attempts =
        intake.submitAll(
            List.of(
                fileRow(ACME, "file:4", patch("L-1", Status.RESOLVED, null)),
                fileRow(ACME, "file:5", patch("L-2", null, "Panel 2 offline after storm")),
                fileRow(ACME, "file:6", patch("L-3", null, "Panel 3 offline"))));

    // Then each ticket is as the batch answered, read back from the store
    assertThat(attempts).extracting(Intake.Attempt::refusal).containsOnlyNulls();
    for (Intake.Attempt attempt : attempts) {
      Ticket answered = attempt.outcome().ticket();
      assertThat(tickets.findById(answered.id())).contains(answered);
    }
    Ticket resolved = attempts.get(0).outcome().ticket();
    assertThat(resolved.status()).isEqualTo(Status.RESOLVED);
    assertThat(resolved.resolvedAt()).isEqualTo(NOW);
    assertThat(resolved.version()).isEqualTo(2);
    assertThat(attempts.get(1).outcome().ticket().subject())
        .isEqualTo("Panel 2 offline after storm");
    assertThat(attempts.get(2).outcome().ticket().version()).isEqualTo(1);
    // with the history and the deliveries to the manufacturer, and nothing for the unchanged one
    assertThat(journal.ofTicket(resolved.id()))
        .extracting(TicketEvent::type)
        .containsExactly(EventType.CREATED, EventType.ROUTED, EventType.STATUS_CHANGED);
    assertThat(journal.ofTicket(attempts.get(1).outcome().ticket().id()))
        .extracting(TicketEvent::type)
        .containsExactly(EventType.CREATED, EventType.ROUTED, EventType.FIELDS_CHANGED);
    assertThat(journal.ofTicket(attempts.get(2).outcome().ticket().id())).hasSize(2);
    assertThat(outbox.ofTicket(resolved.id()))
        .extracting(OutboxRow::destination)
        .containsExactly(MANUFACTURER, MANUFACTURER);
    assertThat(wakeUps.get()).isEqualTo(wakeUpsBefore + 1);
  }

  @Test
  void twoUpdatesOfOneTicketInABatchApplyInOrder() {
    // Given acme's ticket L-1
    intake.submit(fileRow(ACME, "file:1", newTicket("L-1", "Panel 1 offline")), o -> null);

    // When one batch moves it to in progress, then resolves it
    List<Intake.Attempt> attempts =
        intake.submitAll(
            List.of(
                fileRow(ACME, "file:2", patch("L-1", Status.IN_PROGRESS, null)),
                fileRow(ACME, "file:3", patch("L-1", Status.RESOLVED, null))));

    // Then both steps are in its history, in order, and it ends resolved
    assertThat(attempts).extracting(Intake.Attempt::refusal).containsOnlyNulls();
    Ticket ticket = tickets.findByExternalId("acme", "L-1").orElseThrow();
    assertThat(ticket.status()).isEqualTo(Status.RESOLVED);
    assertThat(journal.ofTicket(ticket.id()))
        .filteredOn(event -> event.type() == EventType.STATUS_CHANGED)
        .extracting(event -> event.data().get("to"))
        .containsExactly("IN_PROGRESS", "RESOLVED");
  }

  @Test
  void updateOfAnotherPartnersTicketInABatchIsRefusedAsNotFound() {
    // Given beta's ticket L-7 and acme's L-1
    intake.submit(fileRow(BETA, "file:1", newTicket("L-7", "Beta's panel")), o -> null);
    intake.submit(fileRow(ACME, "file:2", newTicket("L-1", "Acme's panel")), o -> null);

    // When acme's batch updates L-1 and a L-7 it does not have
    List<Intake.Attempt> attempts =
        intake.submitAll(
            List.of(
                fileRow(ACME, "file:3", patch("L-1", Status.IN_PROGRESS, null)),
                fileRow(ACME, "file:4", patch("L-7", Status.RESOLVED, null))));

    // Then its own ticket changes, and the other is not found, beta's ticket untouched
    assertThat(attempts.get(0).outcome().ticket().status()).isEqualTo(Status.IN_PROGRESS);
    assertThat(attempts.get(1).refusal()).isInstanceOf(TicketNotFoundException.class);
    assertThat(tickets.findByExternalId("beta", "L-7").orElseThrow().status())
        .isEqualTo(Status.NEW);
  }

  @Test
  void batchTakenAgainAfterACrashAppliesOnlyWhatWasNotApplied() {
    // Given the first two rows of a file were applied before the gateway stopped
    List<Submission> rowsOfTheFile = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      rowsOfTheFile.add(fileRow(ACME, "file:" + i, newTicket("L-" + i, "Panel " + i)));
    }
    intake.submitAll(rowsOfTheFile.subList(0, 2));

    // When the whole file is read again
    List<Intake.Attempt> attempts = intake.submitAll(rowsOfTheFile);

    // Then the first two are repeats, the last two new tickets, and no row is doubled
    assertThat(attempts)
        .extracting(a -> a.outcome().duplicate())
        .containsExactly(true, true, false, false);
    assertThat(count("ticket")).isEqualTo(4);
    assertThat(count("outbox")).isEqualTo(4);
    assertThat(count("intake_key")).isEqualTo(4);
  }

  @Test
  void sideFindsManyOfItsTicketsByThePartnersIdsAndNoneOfAnothers() {
    // Given acme's L-1 and L-2 and beta's L-3
    intake.submitAll(
        List.of(
            fileRow(ACME, "file:1", newTicket("L-1", "One")),
            fileRow(ACME, "file:2", newTicket("L-2", "Two"))));
    intake.submit(fileRow(BETA, "file:3", newTicket("L-3", "Three")), o -> null);

    // When acme's connector looks up four ids at once
    var found = sink(ACME).ticketsByExternalId(List.of("L-1", "L-2", "L-3", "L-4"));

    // Then it finds its own two only
    assertThat(found)
        .containsOnly(
            Map.entry("L-1", new TicketRef("DB-000001")),
            Map.entry("L-2", new TicketRef("DB-000002")));
  }

  @Test
  void connectorStateSetsAndReadsManyKeysAtOnce() {
    // Given a side with one value already kept, and another side with the same key
    var acme = new StoredConnectorState(batches, "acme", Clock.fixed(NOW, ZoneOffset.UTC));
    var beta = new StoredConnectorState(batches, "beta", Clock.fixed(NOW, ZoneOffset.UTC));
    acme.put("row:L-1", "old");
    beta.put("row:L-2", "beta's");

    // When it sets an existing and two new keys at once
    Map<String, String> values = new LinkedHashMap<>();
    values.put("row:L-1", "new");
    values.put("row:L-2", "two");
    values.put("file:abc", "500");
    acme.putAll(values);

    // Then it reads back the ones that have values, and the other side's are untouched
    assertThat(acme.getAll(List.of("row:L-1", "row:L-2", "file:abc", "row:L-3"))).isEqualTo(values);
    assertThat(beta.getAll(List.of("row:L-1", "row:L-2")))
        .containsOnly(Map.entry("row:L-2", "beta's"));
  }

  private SideInbound sink(Side side) {
    return new SideInbound(
        side,
        intake,
        new RawInputStore(jdbc),
        deadLetters,
        new SideTickets(jdbc, tickets, new TicketReferences("DB")),
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @Test
  void concurrentChangesAddingTheSameAttachmentBothSucceed() throws Exception {
    // Given two tickets and one logo that two partners' mails carry at the same moment
    Ticket one = insertTicket("acme", "T-1", NOW);
    Ticket two = insertTicket("acme", "T-2", NOW);
    byte[] logo = new byte[4096];
    new Random(7).nextBytes(logo);
    ExecutorService senders = Executors.newFixedThreadPool(2);
    try {
      List<Future<IntakeOutcome>> results = new ArrayList<>();
      for (Ticket ticket : List.of(one, two)) {
        var draft =
            new CommentDraft(
                null,
                null,
                Visibility.PUBLIC,
                "see logo",
                null,
                null,
                null,
                List.of(upload("logo.png", logo)));
        Submission submission =
            new Submission(
                ACME,
                "mail:" + ticket.id(),
                fingerprint("mail:" + ticket.id()),
                new InboundChange.AddComment(TicketLocator.ref(ticket.ref()), draft),
                null,
                null);
        results.add(senders.submit(() -> intake.submit(submission, o -> "ok")));
      }

      // Then both comments are stored, and the logo once
      for (Future<IntakeOutcome> result : results) {
        assertThat(result.get(60, TimeUnit.SECONDS).duplicate()).isFalse();
      }
      assertThat(attachments.distinctContents()).isEqualTo(1);
      assertThat(count("attachment")).isEqualTo(2);
    } finally {
      senders.shutdownNow();
    }
  }

  @Test
  void sameSourceKeyWithOtherContentIsAConflict() {
    // Given a ticket created by acme under a source key
    intake.submit(createBy(ACME, "acme:mail-1", "first body"), o -> "created");
    Rows before = rows();

    // When the key comes back with another fingerprint
    Submission reused = createBy(ACME, "acme:mail-1", "other body");

    // Then it is a conflict, not a repeat, and nothing was written
    assertThatThrownBy(() -> intake.submit(reused, o -> "created"))
        .isInstanceOfSatisfying(
            ChangeRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(ChangeRejectedException.Reason.CONFLICT));
    assertThat(rows()).isEqualTo(before);
  }

  @Test
  void commentOnAnotherPartnersTicketLeavesNothingBehind() {
    // Given acme's ticket
    Ticket acmes = ticketOpenedByAcme();
    Rows before = rows();
    int wakeUpsBefore = wakeUps.get();

    // When beta comments on it (the key and raw input are written before the ticket is looked up)
    Submission comment =
        submission(
            BETA,
            "beta:mail-1",
            new InboundChange.AddComment(
                TicketLocator.ref(acmes.ref()), comment(Visibility.PUBLIC, "Hello from beta")));

    // Then the ticket is "not found" for beta, and the whole transaction rolled back
    assertThatThrownBy(() -> intake.submit(comment, o -> "commented"))
        .isInstanceOf(TicketNotFoundException.class);
    assertThat(rows()).isEqualTo(before);
    assertThat(intakeKeys.find(BETA.id(), "beta:mail-1")).isEmpty();
    assertThat(wakeUps).hasValue(wakeUpsBefore);
  }

  @Test
  void updateToAnUnknownQueueLeavesNothingBehind() {
    // Given acme's ticket
    Ticket ticket = ticketOpenedByAcme();
    Rows before = rows();

    // When the manufacturer opens it and moves it to a queue that does not exist
    Submission update =
        submission(
            Side.MANUFACTURER,
            "api:move-1",
            new InboundChange.UpdateTicket(
                TicketLocator.ref(ticket.ref()),
                new TicketPatch(Status.OPEN, null, null, null, "no-such-queue", null, null)));

    // Then the change is rejected on the queue and nothing of it is stored
    assertThatThrownBy(() -> intake.submit(update, o -> "updated"))
        .isInstanceOfSatisfying(
            ChangeRejectedException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(ChangeRejectedException.Reason.INVALID);
              assertThat(e.field()).isEqualTo("queue");
            });
    assertThat(rows()).isEqualTo(before);
    assertThat(tickets.findById(ticket.id())).contains(ticket);
  }

  @Test
  void failureAfterTheTicketChangedRollsBackTicketJournalAndOutbox() {
    // Given acme's ticket
    Ticket ticket = ticketOpenedByAcme();
    Rows before = rows();

    // When a status change fails at the very end, after the ticket, journal and outbox were written
    Submission update =
        submission(
            Side.MANUFACTURER,
            "api:status-1",
            new InboundChange.UpdateTicket(
                TicketLocator.ref(ticket.ref()), TicketPatch.status(Status.IN_PROGRESS)));
    assertThatThrownBy(
            () ->
                intake.submit(
                    update,
                    o -> {
                      throw new IllegalStateException("response could not be rendered");
                    }))
        .hasMessage("response could not be rendered");

    // Then the ticket, its journal and the outbox are as they were, and the key is free again
    assertThat(tickets.findById(ticket.id())).contains(ticket);
    assertThat(rows()).isEqualTo(before);
    assertThat(intakeKeys.find(MANUFACTURER, "api:status-1")).isEmpty();
  }

  @Test
  void partnerCreatedTicketIsSentToTheManufacturerOnly() {
    // When acme opens a ticket
    Ticket ticket = ticketOpenedByAcme();

    // Then one row goes to the manufacturer (for CREATED; ROUTED is the manufacturer's own) and
    // none back to acme
    List<OutboxRow> rows = outbox.ofTicket(ticket.id());
    assertThat(rows).extracting(OutboxRow::destination).containsExactly(MANUFACTURER);
    assertThat(journal.get(rows.get(0).eventId()).type()).isEqualTo(EventType.CREATED);
    assertThat(wakeUps).hasValue(1);
  }

  @Test
  void internalManufacturerCommentIsNotSentToThePartner() {
    // Given acme's ticket
    Ticket ticket = ticketOpenedByAcme();

    // When the manufacturer writes an internal note on it
    long commentEvent =
        commentByManufacturer(ticket, "api:note-1", Visibility.INTERNAL, "Check batch 42");

    // Then the note is journaled, and no outbox row carries it anywhere
    assertThat(journal.get(commentEvent).type()).isEqualTo(EventType.COMMENTED);
    assertThat(rowsOfEvent(ticket, commentEvent)).isEmpty();
  }

  @Test
  void publicManufacturerCommentIsSentToThePartnerOnly() {
    // Given acme's ticket
    Ticket ticket = ticketOpenedByAcme();

    // When the manufacturer answers it publicly
    long commentEvent =
        commentByManufacturer(ticket, "api:answer-1", Visibility.PUBLIC, "Please update to 4.2.2");

    // Then exactly one row carries the answer, to acme, and none back to the manufacturer
    assertThat(rowsOfEvent(ticket, commentEvent))
        .extracting(OutboxRow::destination)
        .containsExactly("acme");
  }

  // --- timestamps and pagination ---------------------------------------------------------------

  @Test
  void timestampsKeepMicrosecondPrecision() {
    // Given times that differ from a whole millisecond by some microseconds
    Instant created = Instant.parse("2025-03-01T09:15:30.000001Z");
    Instant updated = Instant.parse("2025-03-01T09:15:30.999999Z");
    Ticket ticket = insertTicket("acme", "T-1", created);
    Ticket saved = tickets.update(edited(ticket, "changed", Status.OPEN), updated);
    TicketEvent event = journal.append(ticket.id(), EventType.CREATED, ACME, "k", updated, null);
    outbox.enqueue(event.id(), ticket.id(), MANUFACTURER, updated);

    // Then they read back to the microsecond
    assertThat(saved.createdAt()).isEqualTo(created);
    assertThat(saved.updatedAt()).isEqualTo(updated);
    assertThat(journal.get(event.id()).occurredAt()).isEqualTo(updated);
    assertThat(outbox.ofTicket(ticket.id()).get(0).nextAttemptAt()).isEqualTo(updated);

    // And the database compares them to the microsecond too
    assertThat(tickets.page(since(updated))).extracting(Ticket::id).containsExactly(ticket.id());
    assertThat(tickets.page(since(updated.plusNanos(1_000)))).isEmpty();
    assertThat(outbox.dueHeads(updated.minusNanos(1_000), 10)).isEmpty();
    assertThat(outbox.dueHeads(updated, 10)).hasSize(1);
  }

  @Test
  void keysetPagesReturnEveryTicketOnceWhenManyShareUpdatedAt() {
    // Given 23 tickets over five instants one microsecond apart, about five sharing each instant,
    // inserted in pairs out of time order: id order and time order differ, and neighbouring ids
    // share an instant, so a page can end between two tickets of the same instant
    List<Ticket> all = new ArrayList<>();
    for (int i = 0; i < 23; i++) {
      Instant at = NOW.plusNanos(((i / 2 * 3L) % 5) * 1_000);
      all.add(insertTicket("acme", "T-" + i, at));
    }
    List<Long> expected =
        all.stream()
            .sorted(Comparator.comparing(Ticket::updatedAt).thenComparing(Ticket::id))
            .map(Ticket::id)
            .toList();

    // When they are read in pages of three, each continuing after the last ticket of the one before
    List<Long> seen = new ArrayList<>();
    TicketQuery.Position after = null;
    int pages = 0;
    while (true) {
      List<Ticket> page = tickets.page(new TicketQuery("acme", null, null, null, after, 3));
      if (page.isEmpty()) {
        break;
      }
      pages++;
      page.forEach(t -> seen.add(t.id()));
      Ticket last = page.get(page.size() - 1);
      after = new TicketQuery.Position(last.updatedAt(), last.id());
    }

    // Then every ticket came exactly once, in (updated, id) order
    assertThat(pages).isEqualTo(8);
    assertThat(seen).containsExactlyElementsOf(expected);
  }

  // --- helpers ---------------------------------------------------------------------------------

  /**
   * How many rows the intake can write, table by table; equal snapshots mean nothing was written.
   */
  private record Rows(
      long tickets,
      long comments,
      long events,
      long outbox,
      long rawInputs,
      long intakeKeys,
      long attachments) {}

  private Rows rows() {
    return new Rows(
        count("ticket"),
        count("comment"),
        count("ticket_event"),
        count("outbox"),
        count("raw_input"),
        count("intake_key"),
        count("attachment"));
  }

  private long count(String table) {
    return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
  }

  /** As the intake runs its writes: a failed insert takes the rest of its transaction with it. */
  private <T> T inTransaction(Supplier<T> work) {
    return tx.execute(status -> work.get());
  }

  private Ticket insertTicket(String partnerId, String externalId, Instant at) {
    var draft =
        new TicketDraft(
            externalId,
            "Panel offline",
            null,
            Priority.NORMAL,
            null,
            new Product("FP-2000", null, null),
            null,
            null,
            null);
    return tickets.insert(
        partnerId,
        draft,
        Status.NEW,
        new TicketStore.Routing("triage", "default", Priority.NORMAL, null),
        at);
  }

  private static Ticket edited(Ticket ticket, String subject, Status status) {
    return ticket.withFields(
        subject,
        status,
        ticket.priority(),
        ticket.category(),
        ticket.queue(),
        ticket.assignee(),
        ticket.attributes());
  }

  private static AttachmentUpload upload(String name, byte[] content) {
    return new AttachmentUpload(name, "application/octet-stream", content);
  }

  /** Enqueues a row for a fresh event of the ticket and returns the row's id. */
  private long enqueue(Ticket ticket, String destination) {
    TicketEvent event =
        journal.append(ticket.id(), EventType.FIELDS_CHANGED, ACME, null, NOW, Map.of());
    outbox.enqueue(event.id(), ticket.id(), destination, NOW);
    return outbox.ofTicket(ticket.id()).stream()
        .filter(row -> row.eventId() == event.id())
        .findFirst()
        .orElseThrow()
        .id();
  }

  private List<Long> headIds() {
    return outbox.dueHeads(NOW.plusSeconds(1), 100).stream().map(OutboxRow::id).toList();
  }

  private static void await(CyclicBarrier barrier) {
    try {
      barrier.await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("the other claimer never arrived", e);
    }
  }

  private static Submission submission(Side origin, String sourceKey, InboundChange change) {
    return new Submission(
        origin,
        sourceKey,
        fingerprint(sourceKey),
        change,
        null,
        new Submission.RawInput("text/plain", sourceKey.getBytes(StandardCharsets.UTF_8)));
  }

  private static Submission createBy(Side partner, String sourceKey, String content) {
    var draft =
        new TicketDraft(
            null,
            "Panel offline",
            "Sector 4 panel shows no status.",
            Priority.HIGH,
            null,
            new Product("FP-2000", "SN-1", null),
            null,
            null,
            null);
    return new Submission(
        partner,
        sourceKey,
        fingerprint(content),
        new InboundChange.CreateTicket(draft),
        null,
        new Submission.RawInput(
            "message/rfc822", "Subject: Panel offline".getBytes(StandardCharsets.UTF_8)));
  }

  /** A SHA-256 in hex, the shape the API gives a request's fingerprint. */
  private static String fingerprint(String content) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(content.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A change as a connector hands it over from a stored file. */
  private static Submission fileRow(Side partner, String sourceKey, InboundChange change) {
    return new Submission(partner, sourceKey, fingerprint(sourceKey), change, null, null);
  }

  private static InboundChange patch(String externalId, Status status, String subject) {
    return new InboundChange.UpdateTicket(
        TicketLocator.external(externalId),
        new TicketPatch(status, null, subject, null, null, null, Map.of()));
  }

  private static InboundChange newTicket(String externalId, String subject) {
    return new InboundChange.CreateTicket(
        new TicketDraft(
            externalId,
            subject,
            "After the storm",
            Priority.NORMAL,
            null,
            new Product("FP-2000", null, null),
            null,
            null,
            Map.of("site", "North")));
  }

  private Ticket ticketOpenedByAcme() {
    return intake.submit(createBy(ACME, "acme:mail-1", "first body"), o -> "created").ticket();
  }

  private static CommentDraft comment(Visibility visibility, String text) {
    return new CommentDraft("Agent", null, visibility, text, null, null, null, List.of());
  }

  /** Adds a manufacturer comment through the intake and returns the id of its journal event. */
  private long commentByManufacturer(
      Ticket ticket, String sourceKey, Visibility visibility, String text) {
    intake.submit(
        submission(
            Side.MANUFACTURER,
            sourceKey,
            new InboundChange.AddComment(
                TicketLocator.ref(ticket.ref()), comment(visibility, text))),
        o -> "commented");
    return journal.ofTicket(ticket.id()).stream()
        .filter(e -> e.type() == EventType.COMMENTED && sourceKey.equals(e.sourceKey()))
        .findFirst()
        .orElseThrow()
        .id();
  }

  private List<OutboxRow> rowsOfEvent(Ticket ticket, long eventId) {
    return outbox.ofTicket(ticket.id()).stream().filter(r -> r.eventId() == eventId).toList();
  }

  private static TicketQuery since(Instant instant) {
    return new TicketQuery(null, null, null, instant, null, 10);
  }
}
