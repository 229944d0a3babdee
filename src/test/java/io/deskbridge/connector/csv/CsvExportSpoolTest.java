package io.deskbridge.connector.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spool of an interval export on disk, across crashes. */
class CsvExportSpoolTest {

  @TempDir Path folder;

  @Test
  void rowTornByACrashIsCutOffAndTheNextRowStaysReadable() throws Exception {
    // Given a spool whose last row was cut off in the middle by a crash
    ExportSpool first = ExportSpool.open(folder);
    first.append(1, Map.of("status", "open"));
    Files.writeString(
        folder.resolve("spool.jsonl"),
        "{\"changeId\":2,\"row\":{\"sta",
        StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);

    // When it is opened again and the redelivered change is appended
    ExportSpool reopened = ExportSpool.open(folder);
    reopened.append(2, Map.of("status", "pending"));

    // Then both changes are there once, and a third opening reads them all
    assertThat(ExportSpool.open(folder).rotate(1, "f.csv").entries())
        .extracting(ExportSpool.Entry::changeId)
        .containsExactly(1L, 2L);
  }

  @Test
  void batchWaitingToBePublishedSurvivesAReopenWithItsNameAndRows() throws Exception {
    // Given rows moved into a batch named for its file, not yet published
    ExportSpool spool = ExportSpool.open(folder);
    spool.append(7, Map.of("Статус", "В работе"));
    spool.rotate(12, "deskbridge-000012.csv");

    // When the spool is opened again (a restart)
    ExportSpool reopened = ExportSpool.open(folder);

    // Then the batch waits under its name, its change is known, and the spool is empty
    assertThat(reopened.pending())
        .singleElement()
        .satisfies(
            batch -> {
              assertThat(batch.seq()).isEqualTo(12);
              assertThat(batch.name()).isEqualTo("deskbridge-000012.csv");
              assertThat(batch.entries().get(0).row()).containsEntry("Статус", "В работе");
            });
    assertThat(reopened.contains(7)).isTrue();
    assertThat(reopened.isEmpty()).isTrue();
  }
}
