package io.deskbridge.connector.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.deskbridge.support.ApiClient;
import io.deskbridge.support.GatewayConfigFiles;
import io.deskbridge.support.RunningGateway;
import java.io.IOException;
import java.io.Reader;
import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole round trip of a partner that exchanges files only: its Excel export dropped in its
 * inbox becomes tickets in the manufacturer's queue, and the manufacturer's answer and status come
 * back as a CSV file in its outbox, in its own charset, delimiter, columns and words, ready for its
 * import.
 */
class CsvRoundTripJourneyTest {

  private static final Charset WINDOWS_1251 = Charset.forName("windows-1251");

  static final String MAPPING =
      CsvFixtures.MAPPING
          + """
          outbound:
            allow: [status, publicComments]
            fields:
              status: { to: Статус, table: statuses }
              comment.text: { to: Комментарий }
          """;

  @TempDir static Path config;
  @TempDir static Path data;
  @TempDir static Path inbox;
  @TempDir static Path outbox;
  @TempDir static Path togetherInbox;

  static RunningGateway gateway;
  static ApiClient partner;
  static ApiClient together;

  @BeforeAll
  static void start() {
    GatewayConfigFiles files = GatewayConfigFiles.standard(config);
    files.write("mappings/vostok-csv.yml", MAPPING);
    String key =
        files.csvPartner(
            "vostok",
            "vostok-csv",
            """
              inbox: %s
              ticketIdColumn: Номер
              pollInterval: 100ms
              stableFor: 200ms
              outbox: %s
              exportCharset: windows-1251
              exportColumns: [Номер=@externalId, Статус, Комментарий]
              exportFileName: "deskbridge-{seq}.csv"
            """
                .formatted(inbox, outbox));
    String togetherKey =
        files.csvPartner(
            "zarya",
            "vostok-csv",
            """
              inbox: %s
              ticketIdColumn: Номер
              pollInterval: 100ms
              stableFor: 200ms
            """
                .formatted(togetherInbox));
    gateway = RunningGateway.start(config, data, Map.of("deskbridge.reload-interval", "0s"));
    partner = gateway.as(key);
    together = gateway.as(togetherKey);
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @Test
  void droppedExportBecomesTicketsAndTheManufacturersAnswerComesBackAsAFileForTheImport()
      throws Exception {
    // Given the partner's Excel export dropped in its inbox, read into tickets
    drop("excel-ru-1251.csv", "tickets.csv");
    String ref = awaitRef(partner, "С-101");

    // When the manufacturer answers the ticket and asks the partner to wait
    gateway
        .agent()
        .post(
            "/api/v1/tickets/" + ref + "/comments",
            "{\"text\": \"Пришлите серийный номер модуля; см. инструкцию\"}");
    gateway.agent().patch("/api/v1/tickets/" + ref, "{\"status\": \"WAITING_ON_PARTNER\"}");

    // Then two files wait in the outbox, in the order of their names
    List<Path> written = awaitFiles(2);
    assertThat(written)
        .extracting(p -> p.getFileName().toString())
        .containsExactly("deskbridge-000001.csv", "deskbridge-000002.csv");
    // and each is windows-1251 with ';' and the partner's own columns and words
    List<CSVRecord> answer = read(written.get(0));
    assertThat(answer.get(0).values()).containsExactly("Номер", "Статус", "Комментарий");
    assertThat(answer.get(1).get("Номер")).isEqualTo("С-101");
    assertThat(answer.get(1).get("Комментарий"))
        .isEqualTo("Пришлите серийный номер модуля; см. инструкцию");
    List<CSVRecord> status = read(written.get(1));
    assertThat(status.get(1).get("Номер")).isEqualTo("С-101");
    assertThat(status.get(1).get("Статус")).isEqualTo("Ожидает ответа");
  }

  @Test
  void commentsDroppedTogetherWithTheExportThatOpensTheirTicketFindIt() throws Exception {
    // Given a comments file and the export that opens its ticket, the comments file even older
    FileTime earlier = FileTime.from(Instant.now().minusSeconds(60));
    FileTime later = FileTime.from(Instant.now().minusSeconds(30));
    Path comments =
        Files.write(togetherInbox.resolve(".c.part"), CsvFixtures.bytes("comments-ru-1251.csv"));
    Path tickets =
        Files.write(togetherInbox.resolve(".t.part"), CsvFixtures.bytes("excel-ru-1251.csv"));
    Files.setLastModifiedTime(comments, earlier);
    Files.setLastModifiedTime(tickets, later);

    // When both appear in the inbox at once
    Files.move(comments, togetherInbox.resolve("comments.csv"), StandardCopyOption.ATOMIC_MOVE);
    Files.move(tickets, togetherInbox.resolve("tickets.csv"), StandardCopyOption.ATOMIC_MOVE);

    // Then the tickets are opened first and both comments land on theirs, none rejected
    String ref = awaitRef(together, "С-101");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> gateway.agent().get("/api/v1/tickets/" + ref).json().get("comments").size() == 2);
    try (Stream<Path> left = Files.list(togetherInbox)) {
      assertThat(left.map(p -> p.getFileName().toString()))
          .noneMatch(n -> n.endsWith(".errors.csv"));
    }
  }

  // --- the partner's side

  private static void drop(String resource, String name) throws IOException {
    Path temporary = Files.write(inbox.resolve("." + name + ".part"), CsvFixtures.bytes(resource));
    Files.move(temporary, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
  }

  private static List<Path> awaitFiles(int count) {
    return await()
        .atMost(Duration.ofSeconds(20))
        .until(CsvRoundTripJourneyTest::outboxFiles, files -> files.size() >= count);
  }

  private static List<Path> outboxFiles() throws IOException {
    try (Stream<Path> files = Files.list(outbox)) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(".csv"))
          .filter(f -> !f.getFileName().toString().startsWith("."))
          .sorted()
          .toList();
    }
  }

  /** Reads a file the way the partner's import would: windows-1251, ';', a header row. */
  private static List<CSVRecord> read(Path file) throws IOException {
    try (Reader reader = Files.newBufferedReader(file, WINDOWS_1251)) {
      // The header is a record too, so that the test sees the columns exactly as written.
      List<CSVRecord> records =
          CSVFormat.DEFAULT.builder().setDelimiter(';').get().parse(reader).getRecords();
      String[] header = records.get(0).values();
      try (Reader again = Files.newBufferedReader(file, WINDOWS_1251)) {
        List<CSVRecord> named = new ArrayList<>(List.of(records.get(0)));
        named.addAll(
            CSVFormat.DEFAULT
                .builder()
                .setDelimiter(';')
                .setHeader(header)
                .setSkipHeaderRecord(true)
                .get()
                .parse(again)
                .getRecords());
        return named;
      }
    }
  }

  // --- the gateway's side

  private static String awaitRef(ApiClient partner, String externalId) {
    ApiClient.Answer found =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () ->
                    partner.get(
                        "/api/v1/tickets/ext:"
                            + URLEncoder.encode(externalId, StandardCharsets.UTF_8)),
                answer -> answer.status() == 200);
    return found.json().get("ref").asText();
  }
}
