package io.deskbridge.connector.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rows are read one by one in the file's dialect, each with the line it starts on. */
class CsvRowsTest {

  @TempDir Path folder;

  private List<CsvRow> read(String file, Map<String, Object> settings) throws Exception {
    Path path = CsvFixtures.copy(file, folder, file);
    CsvFileScan.ScannedFile scanned =
        new CsvFileScan(CsvFixtures.settings(folder, settings)).scan(path, Set.of());
    List<CsvRow> rows = new ArrayList<>();
    try (CsvRows reader = new CsvRows(path, scanned)) {
      reader.forEachRemaining(rows::add);
    }
    return rows;
  }

  @Test
  void excelRussianRowsAreReadAsRecordsByColumnName() throws Exception {
    List<CsvRow> rows = read("excel-ru-1251.csv", Map.of());

    assertThat(rows).extracting(CsvRow::line).containsExactly(2L, 3L, 4L);
    assertThat(rows.get(0).record())
        .containsEntry("Номер", "С-101")
        .containsEntry("Тема", "ППК-2000 не выходит на связь")
        .containsEntry("Создана", "03.11.2026");
    assertThat(rows).allMatch(row -> row.fault() == null);
  }

  @Test
  void emptyCellIsNoValue() throws Exception {
    List<CsvRow> rows = read("excel-ru-1251.csv", Map.of());

    assertThat(rows.get(2).record()).doesNotContainKey("Описание");
    assertThat(rows.get(2).fields().get(2)).isEmpty();
  }

  @Test
  void quotedCellsOverSeveralLinesKeepTheirTextAndTheNextRowItsLine() throws Exception {
    List<CsvRow> rows = read("comma-multiline.csv", Map.of());

    assertThat(rows).extracting(CsvRow::line).containsExactly(2L, 5L);
    assertThat(rows.get(0).record().get("Описание"))
        .isEqualTo("Line one\r\nLine two, with a comma\r\nLine three");
    assertThat(rows.get(0).record().get("Тема")).isEqualTo("Panel \"FP-2000\" beeps");
    assertThat(rows.get(1).record().get("Описание")).isEqualTo("He said \"reset it\", then left");
  }

  @Test
  void rowWithAFieldTooFewComesWithItsFaultAndTheOthersAreRead() throws Exception {
    List<CsvRow> rows = read("bad-column-count.csv", Map.of());

    assertThat(rows).extracting(CsvRow::line).containsExactly(2L, 3L, 4L);
    assertThat(rows.get(1).fault())
        .isEqualTo(new RowFault("", "the row has 6 fields where the header has 7 columns"));
    assertThat(rows.get(0).fault()).isNull();
    assertThat(rows.get(2).fault()).isNull();
  }

  @Test
  void bytesThatAreNotUtf8AreTheFaultOfTheirColumn() throws Exception {
    List<CsvRow> rows = read("bad-undecodable.csv", Map.of());

    assertThat(rows).hasSize(3);
    assertThat(rows.get(1).line()).isEqualTo(3);
    assertThat(rows.get(1).fault())
        .isEqualTo(new RowFault("Описание", "bytes that are not valid UTF-8"));
    assertThat(rows.get(2).record().get("Тема")).isEqualTo("Ещё годная");
  }

  @Test
  void fileWithoutHeaderTakesItsColumnsFromTheSettings() throws Exception {
    java.nio.file.Files.writeString(
        folder.resolve("plain.csv"),
        "A-1;Первая\n\nA-2;Вторая\n",
        java.nio.charset.StandardCharsets.UTF_8);

    List<CsvRow> rows = new ArrayList<>();
    CsvSettings settings =
        CsvFixtures.settings(folder, Map.of("columns", List.of("Номер", "Тема")));
    Path path = folder.resolve("plain.csv");
    try (CsvRows reader = new CsvRows(path, new CsvFileScan(settings).scan(path, Set.of()))) {
      reader.forEachRemaining(rows::add);
    }

    assertThat(rows).extracting(CsvRow::line).containsExactly(1L, 3L);
    assertThat(rows.get(1).record()).containsEntry("Номер", "A-2").containsEntry("Тема", "Вторая");
  }

  @Test
  void headerRowIsDetectedAndSkippedThoughTheSettingsNameTheColumns() throws Exception {
    // Given settings that name the columns, and an export that has a header row after all
    java.nio.file.Files.writeString(
        folder.resolve("with-header.csv"),
        "номер ; Тема\nA-1;Первая\nA-2;Вторая\n",
        java.nio.charset.StandardCharsets.UTF_8);
    CsvSettings settings =
        CsvFixtures.settings(folder, Map.of("columns", List.of("Номер", "Тема")));
    Path path = folder.resolve("with-header.csv");

    // When it is read
    List<CsvRow> rows = new ArrayList<>();
    try (CsvRows reader = new CsvRows(path, new CsvFileScan(settings).scan(path, Set.of()))) {
      reader.forEachRemaining(rows::add);
    }

    // Then the header is not taken for a ticket, and the rows are the two below it
    assertThat(rows).extracting(CsvRow::line).containsExactly(2L, 3L);
    assertThat(rows.get(0).record()).containsEntry("Номер", "A-1").containsEntry("Тема", "Первая");
  }

  @Test
  void firstRowThatNamesTooFewColumnsIsData() {
    // Given three configured columns
    List<String> columns = List.of("Номер", "Тема", "Статус");

    // Then a first row naming two of them is a header, one naming none or only one is data
    assertThat(CsvFileScan.namesColumns(List.of("Номер", "Тема", "x"), columns)).isTrue();
    assertThat(CsvFileScan.namesColumns(List.of("A-1", "Тема в письме", "Новая"), columns))
        .isFalse();
    assertThat(CsvFileScan.namesColumns(List.of("A-1", "Тема", "Новая"), columns)).isFalse();
  }
}
