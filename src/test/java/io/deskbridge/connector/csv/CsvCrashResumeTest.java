package io.deskbridge.connector.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.deskbridge.DeskBridgeApplication;
import io.deskbridge.support.ApiClient;
import io.deskbridge.support.GatewayConfigFiles;
import io.deskbridge.support.RunningGateway;
import java.io.BufferedWriter;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A gateway killed in the middle of a partner's file, as a power cut would: the gateway started
 * again on the same data reads the file again from its last checkpoint, and every row ends up
 * applied exactly once.
 */
class CsvCrashResumeTest {

  private static final int ROWS = 10_000;
  private static final Duration PATIENCE = Duration.ofSeconds(120);

  @TempDir Path config;
  @TempDir Path data;
  @TempDir Path inbox;

  private Process killed;
  private RunningGateway restarted;

  @AfterEach
  void stop() {
    if (killed != null) {
      killed.destroyForcibly();
    }
    if (restarted != null) {
      restarted.close();
    }
  }

  @Test
  void gatewayKilledMidFileAppliesEveryRowExactlyOnceAfterItsRestart() throws Exception {
    // Given a partner whose export of ten thousand tickets is being read by a gateway
    GatewayConfigFiles files = GatewayConfigFiles.standard(config);
    files.write("mappings/sever-csv.yml", CsvFixtures.MAPPING);
    String key =
        files.csvPartner(
            "sever",
            "sever-csv",
            """
              inbox: %s
              ticketIdColumn: Номер
              pollInterval: 100ms
              stableFor: 100ms
            """
                .formatted(inbox));
    int port = freePort();
    killed = gatewayProcess(port);
    ApiClient partner = new ApiClient(port, key);
    await()
        .atMost(PATIENCE)
        .ignoreExceptions()
        .until(() -> partner.get("/api/v1/tickets?limit=1").status() == 200);
    drop(export(), "tickets.csv");

    // When the gateway is killed once some thousands of rows are in, without a chance to stop
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(50))
        .until(() -> partner.get("/api/v1/tickets/ext:L-2000").status() == 200);
    killed.destroyForcibly().waitFor();
    assertThat(inbox.resolve("tickets.csv"))
        .as("the file was not read to the end before the gateway died")
        .exists();

    // And it is started again on the same database and inbox
    restarted = RunningGateway.start(config, data, Map.of("deskbridge.reload-interval", "0s"));
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                Files.exists(inbox.resolve(".done"))
                    && !Files.exists(inbox.resolve("tickets.csv")));

    // Then every row is one ticket, opened once, and nothing was parked
    JdbcClient jdbc = restarted.bean(JdbcClient.class);
    assertThat(count(jdbc, "SELECT COUNT(*) FROM ticket")).isEqualTo(ROWS);
    assertThat(count(jdbc, "SELECT COUNT(DISTINCT external_id) FROM partner_ticket_ref"))
        .isEqualTo(ROWS);
    assertThat(count(jdbc, "SELECT COUNT(*) FROM ticket_event WHERE type = 'CREATED'"))
        .isEqualTo(ROWS);
    assertThat(count(jdbc, "SELECT COUNT(*) FROM dead_letter")).isZero();
    // and the second reading started after the last checkpoint of the first, not at the top
    String last = restarted.ops().get("/api/v1/partners").json().toString();
    Matcher read =
        Pattern.compile("tickets\\.csv: (\\d+) rows applied, (\\d+) unchanged").matcher(last);
    assertThat(read.find()).as(last).isTrue();
    int applied = Integer.parseInt(read.group(1));
    int seenAgain = Integer.parseInt(read.group(2));
    assertThat(applied).isPositive();
    assertThat(applied + seenAgain).isLessThan(ROWS);
  }

  /** The gateway in a process of its own, so that it can be killed outright. */
  private Process gatewayProcess(int port) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(DeskBridgeApplication.class.getName());
    command.addAll(
        RunningGateway.arguments(
            config,
            data,
            Map.of("server.port", Integer.toString(port), "deskbridge.reload-interval", "0s")));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(data.resolve("killed-gateway.log").toFile())
        .start();
  }

  private Path export() throws IOException {
    Path file = config.resolve("export.csv");
    try (BufferedWriter out = Files.newBufferedWriter(file, Charset.forName("windows-1251"))) {
      out.write("Номер;Тема;Описание;Статус;Приоритет;Прибор;Создана\r\n");
      for (int i = 1; i <= ROWS; i++) {
        out.write(
            "L-"
                + i
                + ";Панель "
                + i
                + " не отвечает;После грозы;Новая;Обычный;fp-2000;03.11.2026\r\n");
      }
    }
    return file;
  }

  private void drop(Path export, String name) throws IOException {
    Path hidden = inbox.resolve("." + name + ".part");
    Files.copy(export, hidden);
    Files.move(hidden, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
  }

  private static long count(JdbcClient jdbc, String sql) {
    return jdbc.sql(sql).query(Long.class).single();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
