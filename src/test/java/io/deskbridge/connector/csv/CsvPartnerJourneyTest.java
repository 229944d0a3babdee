package io.deskbridge.connector.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.deskbridge.outbox.OutboxRow;
import io.deskbridge.outbox.OutboxState;
import io.deskbridge.outbox.OutboxStore;
import io.deskbridge.support.ApiClient;
import io.deskbridge.support.GatewayConfigFiles;
import io.deskbridge.support.RunningGateway;
import io.deskbridge.support.SftpServer;
import io.deskbridge.ticket.EventJournal;
import io.deskbridge.ticket.EventType;
import io.deskbridge.ticket.TicketEvent;
import io.deskbridge.ticket.TicketRef;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Partners that can only export files, through the whole gateway: one drops its Excel exports in a
 * local folder, another uploads them to its SFTP server. Their rows become tickets and comments in
 * the manufacturer's queues, a bad row is reported next to the file and waits for ops as a dead
 * letter, a file that cannot be read at all is set aside, and nothing is applied twice.
 */
class CsvPartnerJourneyTest {

  @TempDir static Path config;
  @TempDir static Path data;
  @TempDir static Path inbox;
  @TempDir static Path sftpRoot;
  @TempDir static Path keys;

  static SftpServer sftp;
  static RunningGateway gateway;
  static ApiClient sever;
  static ApiClient yug;

  @BeforeAll
  static void start() throws Exception {
    sftp = SftpServer.start(sftpRoot, keys.resolve("host-key"));
    Files.createDirectories(sftpRoot.resolve("out"));
    Path knownHosts = keys.resolve("known_hosts");
    Files.writeString(knownHosts, sftp.knownHostsLine() + "\n");
    GatewayConfigFiles files = GatewayConfigFiles.standard(config);
    files.write("mappings/sever-csv.yml", CsvFixtures.MAPPING);
    String severKey =
        files.csvPartner(
            "sever",
            "sever-csv",
            """
              inbox: %s
              ticketIdColumn: Номер
              pollInterval: 100ms
              stableFor: 200ms
            """
                .formatted(inbox));
    String password = files.secret("sftp-password", SftpServer.PASSWORD);
    String yugKey =
        files.csvPartner(
            "yug",
            "sever-csv",
            """
              inbox: sftp://127.0.0.1:%d/out
              username: %s
              password: "%s"
              knownHostsFile: %s
              ticketIdColumn: Номер
              pollInterval: 100ms
              readiness: marker
            """
                .formatted(sftp.port(), SftpServer.USER, password, knownHosts));
    files.csvPartner(
        "zapad",
        "sever-csv",
        """
          inbox: sftp://127.0.0.1:%d/out
          username: nobody
          password: "%s"
          hostKeyChecking: "off"
          ticketIdColumn: Номер
          pollInterval: 100ms
        """
            .formatted(portNobodyListensOn(), password));
    gateway = RunningGateway.start(config, data, Map.of("deskbridge.reload-interval", "0s"));
    sever = gateway.as(severKey);
    yug = gateway.as(yugKey);
  }

  @AfterAll
  static void stop() throws IOException {
    gateway.close();
    sftp.close();
  }

  @Test
  void droppedExcelExportOpensTicketsInTheManufacturersQueuesAndItsCommentsLandOnThem()
      throws Exception {
    // When the partner's Excel export is dropped in its folder
    drop("excel-ru-1251.csv", "tickets-1.csv");

    // Then each row is a ticket with the mapped fields, routed by them
    JsonNode panel = awaitTicket(sever, "С-101");
    assertThat(panel.get("subject").asText()).isEqualTo("ППК-2000 не выходит на связь");
    assertThat(panel.get("priority").asText()).isEqualTo("CRITICAL");
    assertThat(panel.at("/product/model").asText()).isEqualTo("FP-2000");
    assertThat(panel.at("/attributes/openedAt").asText()).isEqualTo("2026-11-02T21:00:00Z");
    assertThat(panel.get("queue").asText()).isEqualTo("fire-panels-l2");
    assertThat(awaitTicket(sever, "С-102").get("queue").asText()).isEqualTo("intrusion");
    awaitTicket(sever, "С-103");
    // and the file is kept, read, in .done
    awaitFileIn(inbox.resolve(".done"), "tickets-1.csv.");

    // When the partner drops its comments file
    drop("comments-ru-1251.csv", "comments-1.csv");

    // Then the comments are on the ticket
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> texts(ticket(panel.get("ref").asText()).get("comments")).size() == 2);
    assertThat(texts(ticket(panel.get("ref").asText()).get("comments")))
        .containsExactly("Инженер выехал на объект", "Заменён модуль связи");
  }

  @Test
  void exportOfManyNewTicketsOpensEachWithItsHistoryAndLeavesNothingWaitingForTheManufacturer()
      throws Exception {
    // Given an export of 1,200 new tickets, more than two batches
    StringBuilder text = new StringBuilder("Номер;Тема;Описание;Статус;Приоритет;Прибор;Создана\n");
    for (int i = 1; i <= 1200; i++) {
      text.append("Б-")
          .append(i)
          .append(";Панель ")
          .append(i)
          .append(" не отвечает;После грозы;")
          .append("Новая;Обычный;fp-2000;03.11.2026\n");
    }
    Path temporary = inbox.resolve(".bulk-1.csv.part");
    Files.writeString(temporary, text, StandardCharsets.UTF_8);

    // When it is dropped
    Files.move(temporary, inbox.resolve("bulk-1.csv"), StandardCopyOption.ATOMIC_MOVE);

    // Then every ticket is open, with the history a ticket opened alone has
    awaitFileIn(inbox.resolve(".done"), "bulk-1.csv.");
    OutboxStore outbox = gateway.bean(OutboxStore.class);
    for (String id : List.of("Б-1", "Б-500", "Б-501", "Б-1200")) {
      JsonNode ticket = awaitTicket(sever, id);
      assertThat(ticket.get("subject").asText())
          .isEqualTo("Панель " + id.substring(2) + " не отвечает");
      long number = new TicketRef(ticket.get("ref").asText()).number();
      assertThat(gateway.bean(EventJournal.class).ofTicket(number))
          .extracting(TicketEvent::type)
          .containsExactly(EventType.CREATED, EventType.ROUTED);
      // and the manufacturer's queues have it: its delivery is closed
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () -> outbox.ofTicket(number).stream().map(OutboxRow::state).toList(),
              states -> states.equals(List.of(OutboxState.DELIVERED)));
    }
  }

  @Test
  void sameFileDroppedAgainChangesNothing() throws Exception {
    // Given a file that was read
    drop("utf8-bom-semicolon.csv", "utf8-1.csv");
    String ref = awaitTicket(sever, "У-202").get("ref").asText();
    awaitFileIn(inbox.resolve(".done"), "utf8-1.csv.");
    JsonNode before = ticket(ref);
    long ticketsBefore = ticketCount();

    // When the very same file is dropped again
    drop("utf8-bom-semicolon.csv", "utf8-2.csv");
    awaitFileIn(inbox.resolve(".done"), "utf8-2.csv.");

    // Then the ticket is exactly as it was, and no ticket was added
    assertThat(ticket(ref)).isEqualTo(before);
    assertThat(ticketCount()).isEqualTo(ticketsBefore);
  }

  @Test
  void badRowIsReportedAndParkedWhileTheOthersApplyAndReplaysOnceTheMappingIsFixed()
      throws Exception {
    // When a file with a date in an unknown format on line 3 is dropped
    drop("bad-date.csv", "dates.csv");

    // Then the other rows are tickets
    awaitTicket(sever, "E-901");
    awaitTicket(sever, "E-903");
    awaitFileIn(inbox.resolve(".done"), "dates.csv.");
    // and the partner finds a report next to its file naming line, column and reason
    Path report = inbox.resolve("dates.errors.csv");
    await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(report));
    List<String> lines = Files.readAllLines(report, StandardCharsets.UTF_8);
    assertThat(lines.get(0)).startsWith("line;column;reason;Номер;Тема");
    assertThat(lines.get(1))
        .startsWith("3;attributes.openedAt;")
        .contains("'2026/11/23' is not a date")
        .endsWith(";E-902;Дата непонятная;Плохая;Новая;Обычный;fp-2000;2026/11/23");
    // and ops find the row as a dead letter
    JsonNode letter = gateway.awaitOpenDeadLetter("dates.csv, line 3, column attributes.openedAt");
    assertThat(ticketOf(sever, "E-902").status()).isEqualTo(404);

    // When ops teach the mapping the partner's other date format and replay the row
    Files.writeString(
        config.resolve("mappings/sever-csv.yml"),
        CsvFixtures.MAPPING.replace("[\"dd.MM.yyyy\"]", "[\"dd.MM.yyyy\", \"yyyy/MM/dd\"]"));
    assertThat(gateway.ops().post("/api/v1/config/reload", "{}").status()).isEqualTo(200);
    var replayed =
        gateway.ops().post("/api/v1/dead-letters/" + letter.get("id").asLong() + "/replay", "{}");

    // Then the row is a ticket after all
    assertThat(replayed.status()).as(replayed.toString()).isEqualTo(200);
    assertThat(awaitTicket(sever, "E-902").at("/attributes/openedAt").asText())
        .isEqualTo("2026-11-22T21:00:00Z");
  }

  @Test
  void fileThatCannotBeReadAsAWholeIsSetAsideWithNothingApplied() throws Exception {
    // When a file whose quote on line 3 never closes is dropped
    drop("bad-unclosed-quote.csv", "quote.csv");

    // Then it goes to .failed, the report says where, ops have a dead letter
    awaitFileIn(inbox.resolve(".failed"), "quote.csv.");
    assertThat(Files.readAllLines(inbox.resolve("quote.errors.csv"), StandardCharsets.UTF_8))
        .containsExactly(
            "line;column;reason", "3;Описание;the quote opened on line 3 is never closed");
    gateway.awaitOpenDeadLetter(
        "file quote.csv rejected as a whole: line 3, column Описание: the quote opened on line 3"
            + " is never closed");
    // and not even its good first row was applied
    assertThat(ticketOf(sever, "Q-701").status()).isEqualTo(404);
    assertThat(Files.exists(inbox.resolve("quote.csv"))).isFalse();
  }

  @Test
  void filesUploadedToThePartnersSftpServerAreReadOnceMarkedReady() throws Exception {
    // Given a file uploaded to the partner's SFTP server without its marker yet
    Path out = sftpRoot.resolve("out");
    Files.write(out.resolve("koi8.csv"), CsvFixtures.bytes("koi8r.csv"));
    assertThat(ticketOf(yug, "К-301").status()).isEqualTo(404);

    // When the partner's system writes the marker
    Files.writeString(out.resolve("koi8.csv.ready"), "");

    // Then the KOI8-R rows are tickets and the file is moved to .done on the server
    assertThat(awaitTicket(yug, "К-301").get("subject").asText())
        .isEqualTo("Объект на охране не снимается");
    awaitTicket(yug, "К-302");
    awaitFileIn(out.resolve(".done"), "koi8.csv.");
  }

  @Test
  void errorReportOfAnSftpFileIsWrittenOnThePartnersServer() throws Exception {
    // When a file with a row a field short is uploaded and marked ready
    Path out = sftpRoot.resolve("out");
    Files.write(out.resolve("count.csv"), CsvFixtures.bytes("bad-column-count.csv"));
    Files.writeString(out.resolve("count.csv.ready"), "");

    // Then the good rows apply and the report lands next to the file on the server
    awaitTicket(yug, "B-601");
    awaitTicket(yug, "B-603");
    Path report = out.resolve("count.errors.csv");
    await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(report));
    assertThat(Files.readAllLines(report, StandardCharsets.UTF_8).get(1))
        .startsWith("3;;the row has 6 fields where the header has 7 columns;B-602");
  }

  @Test
  void partnerListShowsWhatTheInboxReadAndAnSftpServerThatCannotBeReached() {
    // When ops look at the partners while files come and one server is gone
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              JsonNode partners = gateway.ops().get("/api/v1/partners").json();
              JsonNode local = partner(partners, "sever");
              JsonNode gone = partner(partners, "zapad");

              // Then the local inbox is up and says what it read, the unreachable one is down
              assertThat(local.at("/health/up").asBoolean()).isTrue();
              assertThat(local.at("/health/detail").asText()).startsWith("inbox " + inbox);
              assertThat(gone.at("/health/up").asBoolean()).isFalse();
              assertThat(gone.at("/health/detail").asText())
                  .contains("sftp://127.0.0.1:")
                  .contains("poll failed")
                  .doesNotContain(SftpServer.PASSWORD);
            });
  }

  private static JsonNode partner(JsonNode partners, String id) {
    JsonNode items = partners.get("partners");
    return StreamSupport.stream(items.spliterator(), false)
        .filter(p -> p.get("id").asText().equals(id))
        .findFirst()
        .orElseThrow();
  }

  private static int portNobodyListensOn() throws IOException {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  // --- the partner's side

  /** Drops a file the way a partner's script should: written elsewhere, then moved in whole. */
  private static void drop(String resource, String name) throws IOException {
    Path temporary = Files.write(inbox.resolve("." + name + ".part"), CsvFixtures.bytes(resource));
    Files.move(temporary, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
  }

  private static void awaitFileIn(Path folder, String prefix) {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              if (!Files.isDirectory(folder)) {
                return false;
              }
              try (Stream<Path> files = Files.list(folder)) {
                return files.anyMatch(f -> f.getFileName().toString().startsWith(prefix));
              }
            });
  }

  // --- the gateway's side

  private static ApiClient.Answer ticketOf(ApiClient partner, String externalId) {
    return partner.get(
        "/api/v1/tickets/ext:" + URLEncoder.encode(externalId, StandardCharsets.UTF_8));
  }

  private static JsonNode awaitTicket(ApiClient partner, String externalId) {
    ApiClient.Answer found =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> ticketOf(partner, externalId), answer -> answer.status() == 200);
    return ticket(found.json().get("ref").asText());
  }

  private static JsonNode ticket(String ref) {
    return gateway.agent().get("/api/v1/tickets/" + ref).json();
  }

  private static long ticketCount() {
    return gateway
        .bean(JdbcClient.class)
        .sql("SELECT COUNT(*) FROM ticket")
        .query(Long.class)
        .single();
  }

  private static List<String> texts(JsonNode comments) {
    return StreamSupport.stream(comments.spliterator(), false)
        .map(c -> c.get("text").asText())
        .toList();
  }
}
