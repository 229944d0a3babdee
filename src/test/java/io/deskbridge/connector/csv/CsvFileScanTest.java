package io.deskbridge.connector.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.deskbridge.ticket.ContentDigest;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file that cannot be read as a whole is refused before any row, saying where and why. */
class CsvFileScanTest {

  @TempDir Path folder;

  private CsvFileScan.ScannedFile scan(String file) throws Exception {
    Path path = CsvFixtures.copy(file, folder, file);
    return new CsvFileScan(CsvFixtures.settings(folder, Map.of())).scan(path, Set.of("Тема"));
  }

  private FileProblem refusal(String file) {
    CsvFileRejectedException rejected =
        catchThrowableOfType(CsvFileRejectedException.class, () -> scan(file));
    assertThat(rejected).as(file + " is refused").isNotNull();
    return rejected.problems().get(0);
  }

  @Test
  void wellFormedFileGivesItsDigestDialectAndHeader() throws Exception {
    CsvFileScan.ScannedFile scanned = scan("excel-ru-1251.csv");

    assertThat(scanned.sha256())
        .isEqualTo(ContentDigest.sha256Hex(CsvFixtures.bytes("excel-ru-1251.csv")));
    assertThat(scanned.dialect().charset()).isEqualTo(CyrillicCharsets.WINDOWS_1251);
    assertThat(scanned.header()).startsWith("Номер", "Тема", "Описание");
  }

  @Test
  void emptyFileIsRefused() {
    assertThat(refusal("bad-empty.csv")).isEqualTo(new FileProblem(1, "", "the file is empty"));
  }

  @Test
  void binaryFileRenamedCsvIsRefused() {
    assertThat(refusal("bad-binary.csv").reason())
        .isEqualTo("not a CSV text file: it has NUL bytes (the first at byte 8)");
  }

  @Test
  void unclosedQuoteIsRefusedNamingTheLineAndColumnWhereItOpened() {
    assertThat(refusal("bad-unclosed-quote.csv"))
        .isEqualTo(new FileProblem(3, "Описание", "the quote opened on line 3 is never closed"));
  }

  @Test
  void missingRequiredColumnIsRefusedByName() {
    assertThat(refusal("bad-missing-column.csv"))
        .isEqualTo(
            new FileProblem(1, "Тема", "missing column (the partner's mapping requires it)"));
  }

  @Test
  void missingTicketIdColumnIsRefusedByName() throws Exception {
    java.nio.file.Files.writeString(folder.resolve("no-id.csv"), "Тема;Статус\nx;y\n");

    CsvFileRejectedException rejected =
        catchThrowableOfType(
            CsvFileRejectedException.class,
            () ->
                new CsvFileScan(CsvFixtures.settings(folder, Map.of()))
                    .scan(folder.resolve("no-id.csv"), Set.of()));

    assertThat(rejected.problems())
        .containsExactly(new FileProblem(1, "Номер", "missing column (it is the ticketIdColumn)"));
  }

  @Test
  void textAfterAClosingQuoteIsRefused() throws Exception {
    java.nio.file.Files.writeString(folder.resolve("stray.csv"), "Номер;Тема\n1;\"ab\"c\n");

    CsvFileRejectedException rejected =
        catchThrowableOfType(
            CsvFileRejectedException.class,
            () ->
                new CsvFileScan(CsvFixtures.settings(folder, Map.of()))
                    .scan(folder.resolve("stray.csv"), Set.of()));

    assertThat(rejected.problems().get(0).line()).isEqualTo(2);
    assertThat(rejected.problems().get(0).column()).isEqualTo("Тема");
  }
}
