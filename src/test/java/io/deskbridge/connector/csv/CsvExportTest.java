package io.deskbridge.connector.csv;

import static io.deskbridge.connector.csv.CsvExportChanges.change;
import static io.deskbridge.connector.csv.CsvExportChanges.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.deskbridge.connector.ConnectorSettings;
import io.deskbridge.connector.ConnectorState;
import io.deskbridge.connector.DeliveryException;
import io.deskbridge.connector.DeliveryReceipt;
import io.deskbridge.support.MemoryConnectorState;
import io.deskbridge.ticket.EventType;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file per change, written to a local folder in the partner's dialect. */
class CsvExportTest {

  private static final Charset CP1251 = Charset.forName("windows-1251");
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-27T21:05:09Z"), ZoneOffset.UTC);

  @TempDir Path outbox;
  @TempDir Path spool;

  private final ConnectorState state = new MemoryConnectorState();

  private CsvExport open(Map<String, Object> settings) {
    Map<String, Object> all = new HashMap<>(settings);
    all.putIfAbsent("outbox", outbox.toString());
    return CsvExport.open("nordsec", new ConnectorSettings(all), state, null, CLOCK, spool)
        .orElseThrow();
  }

  private List<String> files() throws IOException {
    try (Stream<Path> list = Files.list(outbox)) {
      return list.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void changeBecomesAWindows1251FileWithSemicolonsQuotedCommentAndCrlf() throws Exception {
    // Given a partner whose import takes windows-1251 with semicolons and Russian column names
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("ref", "DB-000001");
    record.put("externalId", "P-1");
    record.put("event", "COMMENTED");
    record.put("Статус", "В работе");
    record.put(
        "Комментарий",
        Map.of("Текст", "Заменили плату; проверьте \"шлейф 2\"\nи перезапустите прибор"));
    try (CsvExport export =
        open(
            Map.of(
                "exportCharset",
                "windows-1251",
                "exportDelimiter",
                ";",
                "exportColumns",
                List.of("Заявка=@ref", "Номер=@externalId", "Статус", "Комментарий.Текст")))) {

      // When a comment is delivered
      export.write(change(7, EventType.COMMENTED, record));
    }

    // Then one file holds the header and the row, byte for byte
    assertThat(files()).containsExactly("deskbridge-000001.csv");
    byte[] expected =
        ("Заявка;Номер;Статус;Комментарий.Текст\r\n"
                + "DB-000001;P-1;В работе;\"Заменили плату; проверьте \"\"шлейф 2\"\"\n"
                + "и перезапустите прибор\"\r\n")
            .getBytes(CP1251);
    assertThat(Files.readAllBytes(outbox.resolve("deskbridge-000001.csv"))).isEqualTo(expected);
  }

  @Test
  void utf8FileStartsWithAByteOrderMarkAndHasEveryColumnByDefault() throws Exception {
    // Given a partner on the defaults but for commas
    try (CsvExport export = open(Map.of("exportDelimiter", ","))) {

      // When a status change is delivered
      export.write(status(41, "pending"));
    }

    // Then the file is UTF-8 with a BOM, the built-ins first, then the record's other keys
    byte[] bytes = Files.readAllBytes(outbox.resolve("deskbridge-000001.csv"));
    assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
    assertThat(new String(bytes, StandardCharsets.UTF_8))
        .isEqualTo(
            "\uFEFF@ref,@externalId,@event,@changeId,@changedAt,status\r\n"
                + "DB-000001,P-1,STATUS_CHANGED,41,2026-01-31T08:00:00Z,pending\r\n");
  }

  @Test
  void fileNamesCarryASequenceThatContinuesAfterReopening() throws Exception {
    // Given a partner that already got two files
    try (CsvExport export = open(Map.of())) {
      export.write(status(1, "open"));
      export.write(status(2, "pending"));
    }

    // When the export is opened again (a restart) and another change is delivered
    try (CsvExport export = open(Map.of())) {
      export.write(status(3, "solved"));
    }

    // Then the names sort in the order the changes were written
    assertThat(files())
        .containsExactly("deskbridge-000001.csv", "deskbridge-000002.csv", "deskbridge-000003.csv");
  }

  @Test
  void fileNamePatternTakesPartnerAndUtcTimestamp() throws Exception {
    // Given a pattern with every placeholder
    try (CsvExport export = open(Map.of("exportFileName", "{partner}_{timestamp}_{seq}.txt"))) {

      // When a change is delivered
      export.write(status(1, "open"));
    }

    // Then the name has the partner, the time in UTC and the sequence
    assertThat(files()).containsExactly("nordsec_20261127-210509_000001.txt");
  }

  @Test
  void changeDeliveredTwiceIsWrittenOnce() throws Exception {
    try (CsvExport export = open(Map.of())) {
      // Given a change already written
      DeliveryReceipt first = export.write(status(41, "pending"));

      // When the runtime delivers it again
      DeliveryReceipt second = export.write(status(41, "pending"));

      // Then there is still one file, and the answers agree
      assertThat(second).isEqualTo(first);
    }
    assertThat(files()).containsExactly("deskbridge-000001.csv");
  }

  @Test
  void changeDeliveredTwiceAcrossARestartIsWrittenOnce() throws Exception {
    // Given a change written before a restart
    try (CsvExport export = open(Map.of())) {
      export.write(status(41, "pending"));
    }

    // When the runtime delivers it again after the restart
    try (CsvExport export = open(Map.of())) {
      export.write(status(41, "pending"));
    }

    // Then there is still one file
    assertThat(files()).containsExactly("deskbridge-000001.csv");
  }

  @Test
  void folderShowsOnlyCompleteFilesWhileWriting() throws Exception {
    // Given a watcher that reads every *.csv file as soon as it shows up
    List<String> torn = new CopyOnWriteArrayList<>();
    AtomicBoolean writing = new AtomicBoolean(true);
    Thread watcher =
        new Thread(
            () -> {
              while (writing.get()) {
                try (Stream<Path> list = Files.list(outbox)) {
                  for (Path file : list.filter(f -> f.toString().endsWith(".csv")).toList()) {
                    String text = Files.readString(file, StandardCharsets.UTF_8);
                    if (!text.endsWith("\r\n") || text.split("\r\n").length != 2) {
                      torn.add(file.getFileName() + ": " + text);
                    }
                  }
                } catch (IOException e) {
                  // A file listed but not yet readable is no torn file.
                }
              }
            });
    watcher.start();

    // When forty changes are written while it watches
    try (CsvExport export = open(Map.of())) {
      for (long id = 1; id <= 40; id++) {
        export.write(status(id, "open"));
        // Then after each write the folder holds only complete files under their final names
        assertThat(files()).allMatch(name -> name.matches("deskbridge-\\d{6}\\.csv"));
      }
    } finally {
      writing.set(false);
      watcher.join();
    }

    // And the watcher never saw a file that was not complete
    assertThat(torn).isEmpty();
    assertThat(files()).hasSize(40);
  }

  @Test
  void charactersTheCharsetCannotEncodeBecomeQuestionMarks() throws Exception {
    // Given a windows-1251 partner
    try (CsvExport export =
        open(Map.of("exportCharset", "windows-1251", "exportColumns", List.of("status")))) {

      // When a status word has an emoji and a Chinese character in it
      export.write(status(1, "Готово 👍 好"));
    }

    // Then each becomes one question mark and the Cyrillic stays
    assertThat(Files.readAllBytes(outbox.resolve("deskbridge-000001.csv")))
        .isEqualTo("status\r\nГотово ? ?\r\n".getBytes(CP1251));
  }

  @Test
  void valuesThatStartLikeAFormulaAreWrittenAsTextWhenAskedFor() throws Exception {
    // Given a partner whose people open the files in a spreadsheet
    try (CsvExport export =
        open(
            Map.of(
                "exportEscapeFormulas",
                true,
                "exportBom",
                false,
                "exportColumns",
                List.of("status")))) {

      // When statuses arrive that a spreadsheet would run as formulas, and one it would not
      export.write(status(1, "=HYPERLINK(\"http://evil.example\",\"open\")"));
      export.write(status(2, "-1+2"));
      export.write(status(3, "open"));
    }

    // Then the first two start with a quote, which shows them as text, and the last is as it was
    assertThat(Files.readString(outbox.resolve("deskbridge-000001.csv")))
        .isEqualTo("status\r\n\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"open\"\")\"\r\n");
    assertThat(Files.readString(outbox.resolve("deskbridge-000002.csv")))
        .isEqualTo("status\r\n'-1+2\r\n");
    assertThat(Files.readString(outbox.resolve("deskbridge-000003.csv")))
        .isEqualTo("status\r\nopen\r\n");
  }

  @Test
  void valuesAreWrittenAsTheyAreUnlessFormulasAreToBeEscaped() throws Exception {
    // Given a partner whose import is a program, the default
    try (CsvExport export = open(Map.of("exportBom", false, "exportColumns", List.of("status")))) {

      // When a status starts with a minus
      export.write(status(1, "-1+2"));
    }

    // Then it is written unchanged
    assertThat(Files.readString(outbox.resolve("deskbridge-000001.csv")))
        .isEqualTo("status\r\n-1+2\r\n");
  }

  @Test
  void missingFolderFailsTheDeliveryNamingPartnerAndFolder() throws Exception {
    // Given an outbox folder that does not exist (a share that is not mounted)
    Path missing = outbox.resolve("not-mounted");
    try (CsvExport export = open(Map.of("outbox", missing.toString()))) {

      // When a change is delivered
      DeliveryException failure =
          catchThrowableOfType(DeliveryException.class, () -> export.write(status(1, "open")));

      // Then the delivery fails for a retry, saying which partner and folder, without a trace
      assertThat(failure.permanent()).isFalse();
      assertThat(failure.getMessage())
          .isEqualTo("partner nordsec: outbox folder " + missing + " does not exist")
          .doesNotContain("Exception");
      assertThat(export.health().up()).isFalse();
    }
    assertThat(missing).doesNotExist();
  }

  @Test
  void fileWhereTheFolderShouldBeFailsTheDeliveryNamingPartnerAndFolder() throws Exception {
    // Given an outbox that is a file, not a folder
    Path file = Files.writeString(outbox.resolve("outbox.txt"), "x");
    try (CsvExport export = open(Map.of("outbox", file.toString()))) {

      // When a change is delivered
      DeliveryException failure =
          catchThrowableOfType(DeliveryException.class, () -> export.write(status(1, "open")));

      // Then the delivery fails saying which partner and folder
      assertThat(failure.getMessage())
          .isEqualTo("partner nordsec: outbox folder " + file + " is not a folder");
    }
  }

  @Test
  void changeRetriedAfterAFailureKeepsItsFileNameAndLeavesNoGap() throws Exception {
    Path later = outbox.resolve("later");
    try (CsvExport export = open(Map.of("outbox", later.toString()))) {
      // Given a change whose delivery failed because the folder was missing
      catchThrowableOfType(DeliveryException.class, () -> export.write(status(1, "open")));

      // When the folder appears and the change is retried, then the next one comes
      Files.createDirectories(later);
      export.write(status(1, "open"));
      export.write(status(2, "pending"));

      // Then the files are numbered without a gap and the export is healthy again
      assertThat(export.health().up()).isTrue();
    }
    List<String> names = new ArrayList<>();
    try (Stream<Path> list = Files.list(later)) {
      list.map(f -> f.getFileName().toString()).sorted().forEach(names::add);
    }
    assertThat(names).containsExactly("deskbridge-000001.csv", "deskbridge-000002.csv");
  }

  @Test
  void noOutboxMeansNoExport() {
    // Given settings without an outbox
    // When the export is opened
    // Then there is none
    assertThat(
            CsvExport.open("nordsec", new ConnectorSettings(Map.of()), state, null, CLOCK, spool))
        .isEmpty();
  }
}
