package io.deskbridge.connector.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deskbridge.connector.ChangeOutcome;
import io.deskbridge.connector.InboundChange;
import io.deskbridge.connector.InboundResult;
import io.deskbridge.connector.SourcedChange;
import io.deskbridge.support.MemoryConnectorState;
import io.deskbridge.ticket.Priority;
import io.deskbridge.ticket.Status;
import io.deskbridge.ticket.TicketDraft;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A partner file becomes tickets and comments row by row: every readable row counts, a bad row is
 * parked and reported, the same file or row again changes nothing, and a file read again after a
 * crash applies every row exactly once.
 */
class CsvImportTest {

  private static final Charset WINDOWS_1251 = CyrillicCharsets.WINDOWS_1251;

  @TempDir Path inbox;
  @TempDir Path work;

  CsvFixtures.Sink sink;
  CsvFixtures.Records records;
  MemoryConnectorState state;
  CsvImport importer;

  @BeforeEach
  void setUp() throws Exception {
    sink = new CsvFixtures.Sink();
    records = new CsvFixtures.Records(CsvFixtures.mapping(work, CsvFixtures.MAPPING));
    state = new MemoryConnectorState();
    importer = importerWith(sink);
  }

  private CsvImport importerWith(CsvFixtures.Sink target) {
    return new CsvImport(
        "sever", target, records.read, state, CsvFixtures.settings(inbox, Map.of()), work);
  }

  private CsvImport.Outcome drop(String resource, String as) throws Exception {
    return importer.read(CsvFixtures.copy(resource, inbox, as), as);
  }

  private CsvImport.Outcome dropText(String as, String text, Charset charset) throws Exception {
    Path file = inbox.resolve(as);
    Files.writeString(file, text, charset);
    return importer.read(file, as);
  }

  /** A UTF-8 file of new tickets R-1 to R-count, each on its own line. */
  private Path newTicketsFile(String name, int count) throws Exception {
    StringBuilder text = new StringBuilder("Номер;Тема;Статус\n");
    for (int i = 1; i <= count; i++) {
      text.append("R-").append(i).append(";Заявка ").append(i).append(";Новая\n");
    }
    Path file = inbox.resolve(name);
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  /** A sink that notes the size of every batch it is handed. */
  private static CsvFixtures.Sink countingBatches(List<Integer> sizes) {
    return new CsvFixtures.Sink() {
      @Override
      public List<ChangeOutcome> submitAll(long raw, List<SourcedChange> changes) {
        sizes.add(changes.size());
        return super.submitAll(raw, changes);
      }
    };
  }

  private static TicketDraft draft(InboundChange change) {
    return ((InboundChange.CreateTicket) change).draft();
  }

  @Test
  void excelRussianFileOpensATicketPerRowWithMappedFields() throws Exception {
    CsvImport.Outcome outcome = drop("excel-ru-1251.csv", "tickets.csv");

    assertThat(outcome.applied()).isEqualTo(3);
    List<InboundChange> changes = sink.changes();
    assertThat(changes).hasSize(3).allMatch(c -> c instanceof InboundChange.CreateTicket);
    TicketDraft first = draft(changes.get(0));
    assertThat(first.externalId()).isEqualTo("С-101");
    assertThat(first.subject()).isEqualTo("ППК-2000 не выходит на связь");
    assertThat(first.priority()).isEqualTo(Priority.CRITICAL);
    assertThat(first.product().model()).isEqualTo("FP-2000");
    assertThat(first.attributes()).containsEntry("openedAt", "2026-11-02T21:00:00Z");
    assertThat(sink.applied.keySet()).allMatch(key -> key.matches("csv:[0-9a-f]{64}:[234]"));
  }

  @Test
  void everyDialectOfTheTestFilesOpensItsTickets() throws Exception {
    drop("utf8-bom-semicolon.csv", "a.csv");
    drop("koi8r.csv", "b.csv");
    drop("tab-separated.csv", "c.csv");
    drop("comma-multiline.csv", "d.csv");

    assertThat(sink.changes())
        .extracting(c -> draft(c).subject())
        .containsExactly(
            "Датчик дыма запылён",
            "Пульт: ошибка связи",
            "Объект на охране не снимается",
            "Проверка оборудования после ремонта",
            "Beacon B-7 flashes red",
            "Panel; loop 3 open",
            "Panel \"FP-2000\" beeps",
            "Keypad dead");
    assertThat(draft(sink.changes().get(6)).description())
        .isEqualTo("Line one\r\nLine two, with a comma\r\nLine three");
  }

  @Test
  void sameFileDroppedAgainChangesNothing() throws Exception {
    drop("excel-ru-1251.csv", "tickets.csv");

    CsvImport.Outcome again = drop("excel-ru-1251.csv", "tickets-again.csv");

    assertThat(again.applied()).isZero();
    assertThat(sink.changes()).hasSize(3);
  }

  @Test
  void sameFileWithABadRowDroppedAgainParksTheRowOnlyOnceButReportsItAgain() throws Exception {
    drop("bad-date.csv", "dates.csv");

    CsvImport.Outcome again = drop("bad-date.csv", "dates.csv");

    assertThat(sink.rejected).hasSize(1);
    assertThat(again.rowsRejected()).isEqualTo(1);
    assertThat(again.report()).isNotNull();
    assertThat(sink.changes()).hasSize(2);
  }

  @Test
  void newExportWithOneStatusChangedUpdatesOnlyThatTicket() throws Exception {
    String header = "Номер;Тема;Описание;Статус;Приоритет;Прибор;Создана\r\n";
    String a = "A-1;Панель;;Новая;Обычный;fp-2000;01.11.2026\r\n";
    String b = "A-2;Сирена;;Новая;Обычный;sr-5;01.11.2026\r\n";
    dropText("export-1.csv", header + a + b, WINDOWS_1251);

    CsvImport.Outcome second =
        dropText("export-2.csv", header + a + b.replace("Новая", "В работе"), WINDOWS_1251);

    assertThat(second.applied()).isEqualTo(1);
    assertThat(second.unchanged()).isEqualTo(1);
    InboundChange update = sink.changes().get(2);
    assertThat(update).isInstanceOf(InboundChange.UpdateTicket.class);
    assertThat(((InboundChange.UpdateTicket) update).ticket().externalId()).isEqualTo("A-2");
    assertThat(((InboundChange.UpdateTicket) update).patch().status())
        .isEqualTo(Status.IN_PROGRESS);
  }

  @Test
  void ticketAppliedBeforeIsUpdatedWithoutLookingItUpAgain() throws Exception {
    AtomicInteger lookups = new AtomicInteger();
    CsvFixtures.Sink counting =
        new CsvFixtures.Sink() {
          @Override
          public synchronized java.util.Optional<io.deskbridge.ticket.TicketRef> ticketByExternalId(
              String id) {
            lookups.incrementAndGet();
            return super.ticketByExternalId(id);
          }
        };
    CsvImport counted = importerWith(counting);
    String header = "Номер;Тема;Статус\r\n";
    Path first = inbox.resolve("1.csv");
    Files.writeString(first, header + "A-1;Панель;Новая\r\n", StandardCharsets.UTF_8);
    counted.read(first, "1.csv");
    assertThat(lookups).hasValue(1);

    Path second = inbox.resolve("2.csv");
    Files.writeString(second, header + "A-1;Панель;В работе\r\n", StandardCharsets.UTF_8);
    CsvImport.Outcome outcome = counted.read(second, "2.csv");

    assertThat(outcome.applied()).isEqualTo(1);
    assertThat(counting.changes().get(1)).isInstanceOf(InboundChange.UpdateTicket.class);
    assertThat(lookups).as("the row digest says the ticket exists").hasValue(1);
  }

  @Test
  void rowsOfALargeFileReachTheGatewayInBatchesInFileOrder() throws Exception {
    // Given a file of 1,200 new tickets
    Path file = newTicketsFile("big.csv", 1200);
    List<Integer> batches = new ArrayList<>();
    CsvFixtures.Sink batching = countingBatches(batches);

    // When it is read
    CsvImport.Outcome outcome = importerWith(batching).read(file, "big.csv");

    // Then the gateway got the rows 500 at a time, in the file's order
    assertThat(batches).containsExactly(500, 500, 200);
    assertThat(outcome.applied()).isEqualTo(1200);
    assertThat(batching.changes())
        .extracting(change -> draft(change).externalId())
        .startsWith("R-1", "R-2", "R-3")
        .endsWith("R-1199", "R-1200");
  }

  @Test
  void laterRowOfATicketStartsANewBatchSoItUpdatesTheTicketTheEarlierRowOpened() throws Exception {
    // Given a file that opens, then moves A-1 on
    List<Integer> batches = new ArrayList<>();
    CsvFixtures.Sink batching = countingBatches(batches);
    Path file = inbox.resolve("moves.csv");
    Files.writeString(
        file,
        "Номер;Тема;Статус\r\nA-1;Панель;Новая\r\nA-2;Датчик;Новая\r\nA-1;Панель;В работе\r\n",
        StandardCharsets.UTF_8);

    // When it is read
    importerWith(batching).read(file, "moves.csv");

    // Then A-1's second row went in a batch of its own, as an update of the ticket just opened
    assertThat(batches).containsExactly(2, 1);
    assertThat(batching.changes().get(2)).isInstanceOf(InboundChange.UpdateTicket.class);
    assertThat(((InboundChange.UpdateTicket) batching.changes().get(2)).patch().status())
        .isEqualTo(Status.IN_PROGRESS);
  }

  @Test
  void commentsOnOneTicketShareABatch() throws Exception {
    // Given the tickets of the Excel export, and its comments file: two comments on С-101
    drop("excel-ru-1251.csv", "tickets.csv");
    List<Integer> batches = new ArrayList<>();
    Path file = CsvFixtures.copy("comments-ru-1251.csv", inbox, "comments-1.csv");

    CsvFixtures.Sink batching = countingBatches(batches);
    batching.tickets.putAll(sink.tickets);

    // When it is read
    CsvImport.Outcome outcome = importerWith(batching).read(file, "comments-1.csv");

    // Then both comments went to the gateway together
    assertThat(outcome.applied()).isEqualTo(2);
    assertThat(batches).containsExactly(2);
  }

  @Test
  void statusThatGoesBackAndForthIsAppliedEachTime() throws Exception {
    String header = "Номер;Тема;Статус\r\n";
    dropText("1.csv", header + "A-1;Панель;Новая\r\n", StandardCharsets.UTF_8);
    dropText("2.csv", header + "A-1;Панель;В работе\r\n", StandardCharsets.UTF_8);

    CsvImport.Outcome back =
        dropText("3.csv", header + "A-1;Панель;Ожидает ответа\r\n", StandardCharsets.UTF_8);
    CsvImport.Outcome again =
        dropText("4.csv", header + "A-1;Панель;В работе\r\n", StandardCharsets.UTF_8);

    assertThat(back.applied()).isEqualTo(1);
    assertThat(again.applied()).isEqualTo(1);
    assertThat(sink.changes()).hasSize(4);
  }

  @Test
  void commentFileAddsCommentsAndTheSameCommentsAgainAreRepeats() throws Exception {
    drop("excel-ru-1251.csv", "tickets.csv");

    CsvImport.Outcome first = drop("comments-ru-1251.csv", "comments-1.csv");
    CsvImport.Outcome second = drop("comments-ru-1251.csv", "comments-2.csv");

    assertThat(first.applied()).isEqualTo(2);
    assertThat(second.applied()).isZero();
    List<InboundChange> comments =
        sink.changes().stream().filter(c -> c instanceof InboundChange.AddComment).toList();
    assertThat(comments).hasSize(2);
    InboundChange.AddComment comment = (InboundChange.AddComment) comments.get(0);
    assertThat(comment.ticket().externalId()).isEqualTo("С-101");
    assertThat(comment.comment().text()).isEqualTo("Инженер выехал на объект");
    assertThat(comment.comment().authorName()).isEqualTo("Иванов");
  }

  @Test
  void commentOnAnUnknownTicketIsParkedNamingTheTicket() throws Exception {
    CsvImport.Outcome outcome = drop("comments-ru-1251.csv", "comments.csv");

    assertThat(outcome.rowsRejected()).isEqualTo(2);
    assertThat(sink.rejected.get(0))
        .isEqualTo("comments.csv, line 2, column Номер: no ticket 'С-101' of this partner");
  }

  @Test
  void dateInAnUnknownFormatParksItsRowAndReportsItWhileTheOthersApply() throws Exception {
    CsvImport.Outcome outcome = drop("bad-date.csv", "dates.csv");

    assertThat(outcome.applied()).isEqualTo(2);
    assertThat(outcome.rowsRejected()).isEqualTo(1);
    assertThat(sink.changes())
        .extracting(c -> draft(c).externalId())
        .containsExactly("E-901", "E-903");
    assertThat(sink.rejected).hasSize(1);
    assertThat(sink.rejected.get(0))
        .startsWith("dates.csv, line 3, column attributes.openedAt: ")
        .contains("2026/11/23");
    List<String> report = Files.readAllLines(outcome.report(), StandardCharsets.UTF_8);
    assertThat(report.get(0))
        .isEqualTo("line;column;reason;Номер;Тема;Описание;Статус;Приоритет;Прибор;Создана");
    assertThat(report.get(1))
        .startsWith("3;attributes.openedAt;")
        .endsWith(";E-902;Дата непонятная;Плохая;Новая;Обычный;fp-2000;2026/11/23");
    assertThat(report).hasSize(2);
  }

  @Test
  void rowWithAFieldTooFewIsReportedInTheFilesOwnDialect() throws Exception {
    CsvImport.Outcome outcome = drop("bad-column-count.csv", "count.csv");

    assertThat(outcome.applied()).isEqualTo(2);
    List<String> report = Files.readAllLines(outcome.report(), StandardCharsets.UTF_8);
    assertThat(report.get(1))
        .isEqualTo(
            "3;;the row has 6 fields where the header has 7 columns;B-602;Вторая строка;Поле"
                + " пропущено;Новая;Обычный;fp-2000");
  }

  @Test
  void undecodableBytesParkTheirRowNamingTheColumn() throws Exception {
    CsvImport.Outcome outcome = drop("bad-undecodable.csv", "bytes.csv");

    assertThat(outcome.applied()).isEqualTo(2);
    assertThat(sink.rejected)
        .containsExactly("bytes.csv, line 3, column Описание: bytes that are not valid UTF-8");
    byte[] report = Files.readAllBytes(outcome.report());
    assertThat(report).startsWith(0xEF, 0xBB, 0xBF);
  }

  @Test
  void fileRejectedAsAWholeAppliesNothingAndSaysWhere() throws Exception {
    CsvImport.Outcome outcome = drop("bad-unclosed-quote.csv", "quote.csv");

    assertThat(outcome.rejected()).isTrue();
    assertThat(sink.changes()).isEmpty();
    assertThat(sink.rejected)
        .containsExactly(
            "file quote.csv rejected as a whole: line 3, column Описание: the quote opened on line"
                + " 3 is never closed");
    assertThat(Files.readAllLines(outcome.report(), StandardCharsets.UTF_8))
        .containsExactly(
            "line;column;reason", "3;Описание;the quote opened on line 3 is never closed");
  }

  @Test
  void everyWholeFileFaultIsRejectedWithNothingApplied() throws Exception {
    for (String file :
        List.of(
            "bad-empty.csv",
            "bad-binary.csv",
            "bad-missing-column.csv",
            "bad-unclosed-quote.csv")) {
      assertThat(drop(file, file).rejected()).as(file).isTrue();
    }

    assertThat(sink.changes()).isEmpty();
    assertThat(sink.rejected).hasSize(4);
    assertThat(sink.rejected.get(2))
        .isEqualTo(
            "file bad-missing-column.csv rejected as a whole: line 1, column Тема: missing column"
                + " (the partner's mapping requires it)");
  }

  @Test
  void fileReadAgainAfterACrashAppliesEveryRowExactlyOnce() throws Exception {
    Path file = newTicketsFile("big.csv", 1200);
    AtomicInteger submits = new AtomicInteger();
    CsvFixtures.Sink failing =
        new CsvFixtures.Sink() {
          @Override
          public synchronized InboundResult submit(long raw, String key, InboundChange change) {
            if (submits.incrementAndGet() > 700) {
              throw new IllegalStateException("the store is down");
            }
            return super.submit(raw, key, change);
          }

          @Override
          public synchronized void reject(long rawInputId, String reason) {
            throw new IllegalStateException("the store is down");
          }
        };

    assertThatThrownBy(() -> importerWith(failing).read(file, "big.csv"))
        .hasMessageContaining("the store is down");
    String sha = io.deskbridge.ticket.ContentDigest.sha256Hex(Files.readAllBytes(file));
    assertThat(state.get("file:" + sha)).contains("501");

    // The same store comes back; the file is read again from where it was left.
    CsvFixtures.Sink recovered = new CsvFixtures.Sink();
    recovered.applied.putAll(failing.applied);
    recovered.tickets.putAll(failing.tickets);
    AtomicInteger resubmitted = new AtomicInteger();
    CsvFixtures.Sink counting =
        new CsvFixtures.Sink() {
          @Override
          public synchronized InboundResult submit(long raw, String key, InboundChange change) {
            resubmitted.incrementAndGet();
            return recovered.submit(raw, key, change);
          }

          @Override
          public synchronized java.util.Optional<io.deskbridge.ticket.TicketRef> ticketByExternalId(
              String id) {
            return recovered.ticketByExternalId(id);
          }
        };
    CsvImport.Outcome outcome = importerWith(counting).read(file, "big.csv");

    assertThat(recovered.changes())
        .hasSize(1200)
        .allMatch(c -> c instanceof InboundChange.CreateTicket);
    assertThat(recovered.tickets).hasSize(1200);
    // Rows 501 to 700 were applied before the crash: their row digests say so, and only the rows
    // after them reach the intake again.
    assertThat(resubmitted.get()).as("rows not applied before the crash only").isEqualTo(500);
    assertThat(outcome.applied()).isEqualTo(500);
    assertThat(state.get("file:" + sha)).isEmpty();
  }

  @Test
  void parkedRowIsAppliedWhenReplayedAfterTheMappingIsFixed() throws Exception {
    drop("bad-date.csv", "dates.csv");
    long rawId =
        sink.rawTypes.entrySet().stream()
            .filter(e -> e.getValue().equals(RowDocument.MEDIA_TYPE))
            .findFirst()
            .orElseThrow()
            .getKey();

    assertThatThrownBy(() -> importer.replay(rawId, RowDocument.MEDIA_TYPE, sink.raw.get(rawId)))
        .hasMessageStartingWith("dates.csv, line 3, column attributes.openedAt: ");
    records.mapping =
        CsvFixtures.mapping(
            work,
            CsvFixtures.MAPPING.replace("[\"dd.MM.yyyy\"]", "[\"dd.MM.yyyy\", \"yyyy/MM/dd\"]"));
    importer.replay(rawId, RowDocument.MEDIA_TYPE, sink.raw.get(rawId));

    assertThat(sink.changes())
        .extracting(c -> draft(c).externalId())
        .containsExactly("E-901", "E-903", "E-902");
    assertThat(draft(sink.changes().get(2)).attributes())
        .containsEntry("openedAt", "2026-11-22T21:00:00Z");
  }

  @Test
  void partnerWithoutAMappingHasItsFileRejectedAsAWholeSayingSo() throws Exception {
    CsvImport unmapped =
        new CsvImport(
            "sever",
            sink,
            io.deskbridge.connector.PartnerRecords.none(),
            state,
            CsvFixtures.settings(inbox, Map.of()),
            work);

    CsvImport.Outcome outcome =
        unmapped.read(CsvFixtures.copy("excel-ru-1251.csv", inbox, "t.csv"), "t.csv");

    assertThat(outcome.rejected()).isTrue();
    assertThat(sink.rejected)
        .containsExactly(
            "file t.csv rejected as a whole: line 1: the partner's mapping has no ticket rules, so"
                + " its rows cannot become tickets");
  }

  @Test
  void headerIsCheckedAgainstTheMappingBeforeAnyRow() throws Exception {
    assertThat(records.read.requiredFields(io.deskbridge.connector.PartnerRecords.Operation.CREATE))
        .isEqualTo(Set.of("Номер", "Тема"));
    CsvImport.Outcome outcome =
        dropText("no-subject.csv", "Номер;Статус\nA-1;Новая\n", StandardCharsets.UTF_8);

    assertThat(outcome.rejected()).isTrue();
    assertThat(sink.changes()).isEmpty();
  }

  @Test
  void rowsTheMappingMarksAsCommentsAreAddedToTheTicketsOfTheSameFile() throws Exception {
    // Given a mapping whose rows say in a Тип column whether they are a ticket or a comment
    records.mapping =
        CsvFixtures.mapping(
            work, CsvFixtures.MAPPING + "  commentWhen: { field: Тип, equals: [Комментарий] }\n");
    String file =
        "Тип;Номер;Тема;Текст;Автор\n"
            + "Заявка;M-1;Нет связи с ППК;;\n"
            + "Комментарий;M-1;;Выехал на объект;Иванов\n";

    // When the file is read
    CsvImport.Outcome outcome = dropText("mixed.csv", file, StandardCharsets.UTF_8);

    // Then the first row opened the ticket and the second commented on it
    assertThat(outcome.applied()).isEqualTo(2);
    assertThat(sink.changes().get(0)).isInstanceOf(InboundChange.CreateTicket.class);
    InboundChange.AddComment comment = (InboundChange.AddComment) sink.changes().get(1);
    assertThat(comment.ticket().externalId()).isEqualTo("M-1");
    assertThat(comment.comment().text()).isEqualTo("Выехал на объект");
    assertThat(comment.comment().authorName()).isEqualTo("Иванов");
  }

  @Test
  void everyRowIsMadeDurableBeforeTheFileMayLeaveTheInbox() throws Exception {
    // Given a sink that notes how many changes it held when asked to make them durable
    List<Integer> changesWhenSynced = new java.util.ArrayList<>();
    CsvFixtures.Sink noting =
        new CsvFixtures.Sink() {
          @Override
          public void sync() {
            changesWhenSynced.add(changes().size());
          }
        };

    // When a file of three rows is read
    CsvImport.Outcome outcome =
        importerWith(noting).read(CsvFixtures.copy("excel-ru-1251.csv", inbox, "t.csv"), "t.csv");

    // Then all three were made durable, once, before the read handed the file back to be moved
    assertThat(outcome.applied()).isEqualTo(3);
    assertThat(changesWhenSynced).containsExactly(3);
  }
}
