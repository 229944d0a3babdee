package io.deskbridge.connector.csv;

import static io.deskbridge.connector.csv.CsvExportChanges.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.deskbridge.connector.ConnectorSettings;
import io.deskbridge.connector.DeliveryException;
import io.deskbridge.support.MemoryConnectorState;
import io.deskbridge.support.SftpServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exported files written to a partner's SFTP server, a real one in the test's process. */
class CsvExportSftpTest {

  @TempDir Path root;
  @TempDir Path keys;
  @TempDir Path spool;

  private final CamelContext camel = new DefaultCamelContext();
  private SftpServer server;

  @BeforeEach
  void startServer() throws IOException {
    server = SftpServer.start(root, keys.resolve("host.ser"));
    Files.createDirectories(root.resolve("outbox"));
    camel.start();
  }

  @AfterEach
  void stop() throws IOException {
    camel.stop();
    server.close();
  }

  private CsvExport open(int port) {
    return open(port, Map.of("hostKeyChecking", "off"));
  }

  private CsvExport open(int port, Map<String, Object> hostKeys) {
    Map<String, Object> settings = new HashMap<>(hostKeys);
    settings.put("outbox", "sftp://127.0.0.1:" + port + "/outbox");
    settings.put("username", SftpServer.USER);
    settings.put("password", SftpServer.PASSWORD);
    settings.put("exportDelimiter", ",");
    settings.put("exportBom", false);
    settings.put("exportColumns", List.of("@externalId", "status"));
    return CsvExport.open(
            "acme",
            new ConnectorSettings(settings),
            new MemoryConnectorState(),
            camel,
            Clock.systemUTC(),
            spool)
        .orElseThrow();
  }

  @Test
  void changeBecomesACompleteFileOnThePartnersServer() throws Exception {
    // Given a partner whose import reads its SFTP server
    try (CsvExport export = open(server.port())) {

      // When two changes are delivered
      export.write(status(1, "open"));
      export.write(status(2, "solved"));
    }

    // Then both files are there, complete, and nothing else is (no temporary file left)
    try (Stream<Path> list = Files.list(root.resolve("outbox"))) {
      assertThat(list.map(f -> f.getFileName().toString()).sorted())
          .containsExactly("deskbridge-000001.csv", "deskbridge-000002.csv");
    }
    assertThat(
            Files.readString(root.resolve("outbox/deskbridge-000002.csv"), StandardCharsets.UTF_8))
        .isEqualTo("@externalId,status\r\nP-1,solved\r\n");
  }

  @Test
  void unreachableServerFailsTheDeliveryNamingPartnerAndServer() throws Exception {
    // Given a partner whose server does not answer
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    try (CsvExport export = open(closed)) {

      // When a change is delivered
      DeliveryException failure =
          catchThrowableOfType(DeliveryException.class, () -> export.write(status(1, "open")));

      // Then the delivery fails for a retry, naming the partner and the server, not the password
      assertThat(failure.permanent()).isFalse();
      assertThat(failure.getMessage())
          .startsWith("partner acme: cannot write to outbox sftp://127.0.0.1:" + closed + "/outbox")
          .endsWith("Connection refused")
          .doesNotContain(SftpServer.PASSWORD)
          .doesNotContain("Exception")
          .doesNotContain("\n");
    }
  }

  @Test
  void serverWhoseKeyIsNotKnownIsRefusedUnderStrictChecking() throws Exception {
    // Given strict host key checking against a known_hosts file that lacks the server
    Path knownHosts = Files.writeString(keys.resolve("known_hosts"), "");
    try (CsvExport export =
        open(
            server.port(),
            Map.of("hostKeyChecking", "strict", "knownHostsFile", knownHosts.toString()))) {

      // When a change is delivered
      DeliveryException failure =
          catchThrowableOfType(DeliveryException.class, () -> export.write(status(1, "open")));

      // Then nothing is written and the failure names the partner and the server
      assertThat(failure.getMessage())
          .startsWith("partner acme: cannot write to outbox sftp://127.0.0.1:" + server.port());
    }
    try (Stream<Path> list = Files.list(root.resolve("outbox"))) {
      assertThat(list).isEmpty();
    }
  }
}
