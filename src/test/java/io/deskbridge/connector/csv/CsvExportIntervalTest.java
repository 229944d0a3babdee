package io.deskbridge.connector.csv;

import static io.deskbridge.connector.csv.CsvExportChanges.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.deskbridge.connector.ConnectorSettings;
import io.deskbridge.connector.ConnectorState;
import io.deskbridge.support.MemoryConnectorState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Changes gathered in a spool on disk and published as one file per interval. */
class CsvExportIntervalTest {

  @TempDir Path outbox;
  @TempDir Path spool;

  private final ConnectorState state = new MemoryConnectorState();
  private final CamelContext camel = new DefaultCamelContext();

  @AfterEach
  void stopCamel() {
    camel.stop();
  }

  private CsvExport open(String interval) {
    Map<String, Object> settings = new HashMap<>();
    settings.put("outbox", outbox.toString());
    settings.put("exportInterval", interval);
    settings.put("exportBom", false);
    settings.put("exportColumns", List.of("@changeId", "status"));
    return CsvExport.open(
            "nordsec", new ConnectorSettings(settings), state, camel, Clock.systemUTC(), spool)
        .orElseThrow();
  }

  private List<String> files() throws IOException {
    try (Stream<Path> list = Files.list(outbox)) {
      return list.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }

  private String file(String name) throws IOException {
    return Files.readString(outbox.resolve(name), StandardCharsets.UTF_8);
  }

  @Test
  void changesOfOneIntervalBecomeOneFile() throws Exception {
    // Given an export gathering changes by the hour (its first tick an hour away)
    try (CsvExport export = open("1h")) {
      export.write(status(1, "open"));
      export.write(status(2, "pending"));
      export.write(status(3, "solved"));
      assertThat(files()).isEmpty();

      // When the interval is over
      export.publishDue();
    }

    // Then one file holds the three rows in order
    assertThat(files()).containsExactly("deskbridge-000001.csv");
    assertThat(file("deskbridge-000001.csv"))
        .isEqualTo("@changeId;status\r\n1;open\r\n2;pending\r\n3;solved\r\n");
  }

  @Test
  void timerPublishesEachInterval() throws Exception {
    // Given an export gathering changes for 200 ms
    try (CsvExport export = open("200ms")) {

      // When a change is delivered
      export.write(status(1, "open"));

      // Then a file with it appears within the interval
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(() -> assertThat(files()).containsExactly("deskbridge-000001.csv"));
      assertThat(file("deskbridge-000001.csv")).isEqualTo("@changeId;status\r\n1;open\r\n");
    }
  }

  @Test
  void spooledRowsSurviveARestartAndArePublishedAtStart() throws Exception {
    // Given two changes spooled when the gateway stops before the interval is over
    try (CsvExport export = open("1h")) {
      export.write(status(1, "open"));
      export.write(status(2, "pending"));
    }
    assertThat(files()).isEmpty();

    // When the export opens again
    try (CsvExport export = open("1h")) {

      // Then the two rows are published at once, not an hour later
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(() -> assertThat(files()).containsExactly("deskbridge-000001.csv"));
    }
    assertThat(file("deskbridge-000001.csv"))
        .isEqualTo("@changeId;status\r\n1;open\r\n2;pending\r\n");
  }

  @Test
  void changeDeliveredTwiceIsOneRow() throws Exception {
    try (CsvExport export = open("1h")) {
      // Given a change already spooled
      export.write(status(1, "open"));

      // When it is delivered again before and after its file is published
      export.write(status(1, "open"));
      export.publishDue();
      export.write(status(1, "open"));
      export.publishDue();
    }

    // Then it is one row of one file
    assertThat(files()).containsExactly("deskbridge-000001.csv");
    assertThat(file("deskbridge-000001.csv")).isEqualTo("@changeId;status\r\n1;open\r\n");
  }

  @Test
  void changeDeliveredAgainAfterARestartIsNotPublishedTwice() throws Exception {
    // Given a change that was spooled and then published at the next start
    try (CsvExport export = open("1h")) {
      export.write(status(1, "open"));
    }
    try (CsvExport export = open("1h")) {
      export.publishDue();

      // When the runtime, which did not record the first delivery, delivers it again
      export.write(status(1, "open"));
      export.publishDue();
    }

    // Then no second file carries it
    assertThat(files()).containsExactly("deskbridge-000001.csv");
  }

  @Test
  void batchThatCouldNotBePublishedWaitsAndKeepsItsName() throws Exception {
    Path later = outbox.resolve("later");
    Map<String, Object> settings = new HashMap<>();
    settings.put("outbox", later.toString());
    settings.put("exportInterval", "1h");
    try (CsvExport export =
        CsvExport.open(
                "nordsec", new ConnectorSettings(settings), state, camel, Clock.systemUTC(), spool)
            .orElseThrow()) {
      // Given a batch that could not be published because the folder was missing
      export.write(status(1, "open"));
      export.publishDue();
      assertThat(export.health().up()).isFalse();
      assertThat(export.health().detail()).contains("nordsec", later.toString());

      // When the folder appears, more changes come and the next interval is over
      Files.createDirectories(later);
      export.write(status(2, "pending"));
      export.publishDue();
      assertThat(export.health().up()).isTrue();
    }

    // Then the waiting batch goes first under its name, the newer rows in the next file
    try (Stream<Path> list = Files.list(later)) {
      assertThat(list.map(f -> f.getFileName().toString()).sorted())
          .containsExactly("deskbridge-000001.csv", "deskbridge-000002.csv");
    }
    assertThat(Files.readString(later.resolve("deskbridge-000001.csv"))).contains("open");
    assertThat(Files.readString(later.resolve("deskbridge-000002.csv")))
        .contains("pending")
        .doesNotContain("open");
  }
}
