package io.deskbridge.connector.csv;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.deskbridge.config.ConfigProblem;
import io.deskbridge.connector.ConnectorSettings;
import io.deskbridge.connector.OutboundChange;
import io.deskbridge.connector.SettingProblem;
import io.deskbridge.mapping.Mapping;
import io.deskbridge.mapping.MappingFileReader;
import io.deskbridge.mapping.PartnerView;
import io.deskbridge.support.MemoryConnectorState;
import io.deskbridge.ticket.Comment;
import io.deskbridge.ticket.EventType;
import io.deskbridge.ticket.Priority;
import io.deskbridge.ticket.Side;
import io.deskbridge.ticket.Status;
import io.deskbridge.ticket.Ticket;
import io.deskbridge.ticket.TicketEvent;
import io.deskbridge.ticket.TicketRef;
import io.deskbridge.ticket.Visibility;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example partners of {@code examples/csv}: their export settings pass validation, and a
 * manufacturer's comment goes through their outbound mapping into a file in their dialect.
 */
class CsvExportExamplesTest {

  private static final Path EXAMPLES = Path.of("examples/csv");
  private static final ObjectMapper YAML = new YAMLMapper();
  private static final Instant AT = Instant.parse("2026-11-27T12:30:00Z");

  @TempDir Path outbox;
  @TempDir Path spool;

  @SuppressWarnings("unchecked")
  private static Map<String, Object> settings(String partner) throws Exception {
    Map<String, Object> file =
        YAML.readValue(
            EXAMPLES.resolve("connectors").resolve(partner + ".yml").toFile(), Map.class);
    return new HashMap<>((Map<String, Object>) file.get("settings"));
  }

  private static Mapping mapping(String name) {
    List<ConfigProblem> problems = new ArrayList<>();
    Mapping mapping =
        new MappingFileReader()
            .read(name, EXAMPLES.resolve("mappings").resolve(name + ".yml"), problems)
            .orElseThrow();
    assertThat(problems).isEmpty();
    return mapping;
  }

  /** A public comment of the manufacturer on the partner's ticket, through its outbound mapping. */
  private static OutboundChange comment(Mapping mapping, String externalId, String text) {
    Ticket ticket =
        new Ticket(
            1,
            new TicketRef("DB-000042"),
            "p",
            externalId,
            "s",
            null,
            Status.IN_PROGRESS,
            Priority.CRITICAL,
            null,
            null,
            null,
            null,
            "triage",
            null,
            null,
            null,
            Map.of(),
            AT,
            AT,
            null,
            null,
            3);
    TicketEvent event =
        new TicketEvent(9, 1, EventType.COMMENTED, Side.MANUFACTURER, "api:1", AT, Map.of());
    Comment comment =
        new Comment(
            5,
            1,
            Side.MANUFACTURER,
            "Служба поддержки",
            null,
            Visibility.PUBLIC,
            text,
            null,
            null,
            null,
            AT,
            List.of());
    PartnerView view = mapping.outbound().view(ticket.forPartner(), event, comment);
    return new OutboundChange(
        9, "p", event, ticket.forPartner(), comment, externalId, view.record());
  }

  @Test
  void exampleExportSettingsPassValidation() throws Exception {
    for (String partner : List.of("sevzap", "polaris")) {
      List<SettingProblem> problems = new ArrayList<>();
      CsvExport.validate(new ConnectorSettings(settings(partner)), problems);
      assertThat(problems).as(partner).isEmpty();
    }
  }

  @Test
  void sevzapGetsAWindows1251FileWithItsColumnNames() throws Exception {
    // Given SevZap's settings, its outbox in a test folder, and its outbound mapping
    Map<String, Object> settings = settings("sevzap");
    settings.put("outbox", outbox.toString());
    OutboundChange change =
        comment(mapping("sevzap-ru"), "СЗ-2611", "Высылаем модуль связи 👍; ждите курьера");

    // When the comment is delivered and the interval is over
    try (CamelContext camel = new DefaultCamelContext();
        CsvExport export =
            CsvExport.open(
                    "sevzap",
                    new ConnectorSettings(settings),
                    new MemoryConnectorState(),
                    camel,
                    Clock.fixed(AT, ZoneOffset.UTC),
                    spool)
                .orElseThrow()) {
      export.write(change);
      export.publishDue();
    }

    // Then SevZap's file has its own column names and words, in windows-1251
    byte[] bytes = Files.readAllBytes(outbox.resolve("deskbridge-sevzap-000001.csv"));
    assertThat(new String(bytes, Charset.forName("windows-1251")))
        .isEqualTo(
            "Номер;Заявка производителя;Событие;Статус;Приоритет;Комментарий;Автор комментария;"
                + "Код решения;Изменена\r\n"
                + "СЗ-2611;DB-000042;COMMENTED;В работе;Авария;\"Высылаем модуль связи ?; ждите"
                + " курьера\";Служба поддержки;;2026-11-27T12:30:00Z\r\n");
  }

  @Test
  void polarisGetsAUtf8FileWithLineFeeds() throws Exception {
    // Given Polaris's settings with its outbox in a test folder
    Map<String, Object> settings = settings("polaris");
    settings.put("outbox", outbox.toString());
    OutboundChange change =
        comment(mapping("polaris"), "POL-1042", "Replacement board shipped.\nPlease confirm.");

    // When the comment is delivered
    try (CsvExport export =
        CsvExport.open(
                "polaris",
                new ConnectorSettings(settings),
                new MemoryConnectorState(),
                null,
                Clock.fixed(AT, ZoneOffset.UTC),
                spool)
            .orElseThrow()) {
      export.write(change);
    }

    // Then its file is plain UTF-8 with LF and the multi-line comment quoted
    assertThat(
            Files.readString(
                outbox.resolve("deskbridge-20261127-123000-000001.csv"), StandardCharsets.UTF_8))
        .isEqualTo(
            "Issue key,DeskBridge ref,Event,Status,Priority,Comment,Comment author,Changed\n"
                + "POL-1042,DB-000042,COMMENTED,In Progress,Highest,\"Replacement board shipped.\n"
                + "Please confirm.\",Служба поддержки,2026-11-27T12:30:00Z\n");
  }
}
