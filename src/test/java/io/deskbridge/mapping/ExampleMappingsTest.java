package io.deskbridge.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.deskbridge.config.ConfigProblem;
import io.deskbridge.ticket.Contact;
import io.deskbridge.ticket.EventType;
import io.deskbridge.ticket.Priority;
import io.deskbridge.ticket.Product;
import io.deskbridge.ticket.Side;
import io.deskbridge.ticket.Site;
import io.deskbridge.ticket.Status;
import io.deskbridge.ticket.Ticket;
import io.deskbridge.ticket.TicketDraft;
import io.deskbridge.ticket.TicketEvent;
import io.deskbridge.ticket.TicketRef;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** The example mappings that ship with the gateway, applied to the example payloads. */
class ExampleMappingsTest {

  private static final Path EXAMPLES = Path.of("examples");
  private static final Path CSV_EXAMPLES = EXAMPLES.resolve("csv");

  private static Mapping example(String name) {
    List<ConfigProblem> problems = new ArrayList<>();
    Mapping mapping =
        new MappingFileReader()
            .read(name, EXAMPLES.resolve("mappings").resolve(name + ".yml"), problems)
            .orElse(null);
    assertThat(problems).as("problems of the example %s", name).isEmpty();
    assertThat(mapping).isNotNull();
    return mapping;
  }

  private static Mapping csvExample(String name) {
    List<ConfigProblem> problems = new ArrayList<>();
    Mapping mapping =
        new MappingFileReader()
            .read(name, CSV_EXAMPLES.resolve("mappings").resolve(name + ".yml"), problems)
            .orElse(null);
    assertThat(problems).as("problems of the CSV example %s", name).isEmpty();
    assertThat(mapping).isNotNull();
    return mapping;
  }

  /** The rows of a sample CSV file as records of column name to text, the header row first. */
  private static List<Map<String, Object>> sampleRows(String file, Charset charset, char delimiter)
      throws IOException {
    CSVFormat format =
        CSVFormat.DEFAULT
            .builder()
            .setDelimiter(delimiter)
            .setHeader()
            .setSkipHeaderRecord(true)
            .get();
    try (Reader reader =
            Files.newBufferedReader(CSV_EXAMPLES.resolve("samples").resolve(file), charset);
        CSVParser parser = CSVParser.parse(reader, format)) {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (CSVRecord row : parser) {
        rows.add(new LinkedHashMap<>(row.toMap()));
      }
      return rows;
    }
  }

  private static Map<String, Object> payload(String name) {
    return MappingCase.record(EXAMPLES.resolve("payloads").resolve(name));
  }

  private static Ticket ticket(Status status, Map<String, String> attributes) {
    Instant t0 = Instant.parse("2026-11-27T08:00:00Z");
    return new Ticket(
        1,
        new TicketRef("DB-000001"),
        "nordsec",
        "NS-2024-0815",
        "ППК-2000 не выходит на связь",
        null,
        status,
        Priority.CRITICAL,
        null,
        null,
        null,
        null,
        "fire-panels-l2",
        null,
        null,
        null,
        attributes,
        t0,
        t0,
        null,
        null,
        1);
  }

  private static TicketEvent statusChange(Status from, Status to) {
    return new TicketEvent(
        1,
        1,
        EventType.STATUS_CHANGED,
        Side.MANUFACTURER,
        "k",
        Instant.parse("2026-11-27T09:00:00Z"),
        Map.of("from", from.name(), "to", to.name()));
  }

  @Test
  void bothExampleMappingsReadWithoutProblems() {
    // Given the two example mappings
    // When they are read
    Mapping acme = example("acme-fire");
    Mapping nordsec = example("nordsec-ru");

    // Then both compile, with their tables and both halves
    assertThat(acme.tables()).containsOnlyKeys("statuses", "priorities");
    assertThat(nordsec.tables()).containsOnlyKeys("statuses", "priorities", "models");
    assertThat(acme.inbound().ticketRules()).hasSize(15);
    assertThat(nordsec.inbound().ticketRules()).hasSize(15);
    assertThat(nordsec.outbound().allowlist().allows("attributes.resolutionCode")).isTrue();
  }

  @Test
  void acmeZendeskTicketMapsToCanonicalValues() {
    // Given the ACME mapping
    Mapping acme = example("acme-fire");

    // When its Zendesk-style payload is mapped
    MappedValues values = acme.inbound().ticket(payload("acme-zendesk-create.json"));

    // Then every field holds its canonical value
    assertThat(values.get("externalId")).isEqualTo("4711");
    assertThat(values.get("status")).isEqualTo("NEW");
    assertThat(values.get("priority")).isEqualTo("CRITICAL");
    assertThat(values.get("category")).isEqualTo("fault");
    assertThat(values.get("product.firmware")).isEqualTo("3.2.1");
    assertThat(values.get("attributes.tags")).isEqualTo("earth-fault, loop-2");
    assertThat(values.get("attributes.openedAt")).isEqualTo("2026-11-27T08:03:11Z");
    TicketDraft draft = values.toDraft();
    assertThat(draft.subject()).isEqualTo("Panel FP-2000 shows earth fault after firmware update");
    assertThat(draft.priority()).isEqualTo(Priority.CRITICAL);
    assertThat(draft.product()).isEqualTo(new Product("FP-2000", "FP2K-0042-7781", "3.2.1"));
    assertThat(draft.site()).isEqualTo(new Site("Riverside Mall", "12 River Road, Leeds"));
    assertThat(draft.requester())
        .isEqualTo(new Contact("Jane Doe", "jane.doe@acme-fire.example", null));
  }

  @Test
  void nordsecTicketInRussianMapsToCanonicalValues() {
    // Given the NordSec mapping with Russian names and words
    Mapping nordsec = example("nordsec-ru");

    // When its payload is mapped
    MappedValues values = nordsec.inbound().ticket(payload("nordsec-create.json"));

    // Then the Russian names and words become canonical values
    assertThat(values.get("externalId")).isEqualTo("NS-2024-0815");
    assertThat(values.get("subject")).isEqualTo("ППК-2000 не выходит на связь");
    assertThat(values.get("description"))
        .isEqualTo(
            "После грозы прибор не отвечает по RS-485.\n\nПроверили линию, напряжение в норме.");
    assertThat(values.get("status")).isEqualTo("NEW");
    assertThat(values.get("priority")).isEqualTo("CRITICAL");
    assertThat(values.get("category")).isEqualTo("неисправность");
    assertThat(values.get("product.model")).isEqualTo("FP-2000");
    assertThat(values.get("product.serialNumber")).isEqualTo("PPK2K-00451");
    assertThat(values.get("product.firmware")).isEqualTo("3.2.1");
    assertThat(values.get("site.name")).isEqualTo("ТЦ «Северный»");
    assertThat(values.get("site.address")).isEqualTo("г. Мурманск, ул. Ленина, 1");
    assertThat(values.get("requester.name")).isEqualTo("Иванов Пётр");
    assertThat(values.get("requester.phone")).isEqualTo("+78152550011");
    assertThat(values.get("attributes.openedAt")).isEqualTo("2026-11-27T06:15:00Z");
    assertThat(values.get("attributes.contractHours")).isEqualTo("1250.5");
  }

  @Test
  void nordsecModelOutsideItsTableIsKept() {
    // Given the NordSec mapping, whose models table keeps unknown models
    Mapping nordsec = example("nordsec-ru");
    Map<String, Object> record = new java.util.LinkedHashMap<>(payload("nordsec-create.json"));
    record.put("Оборудование", Map.of("Модель", " ИП-212 "));

    // When a payload with a model outside the table is mapped
    MappedValues values = nordsec.inbound().ticket(record);

    // Then the model is kept, trimmed
    assertThat(values.get("product.model")).isEqualTo("ИП-212");
  }

  @Test
  void nordsecPriorityOutsideItsTableIsParkedNamingTheFileAndWords() {
    // Given the NordSec mapping, whose priorities park unknown words (line 31)
    Mapping nordsec = example("nordsec-ru");
    Map<String, Object> record = new java.util.LinkedHashMap<>(payload("nordsec-create.json"));
    record.put("Приоритет", "Срочный");

    // When a payload with another priority word is mapped
    MappingRejectedException rejected =
        catchThrowableOfType(
            MappingRejectedException.class, () -> nordsec.inbound().ticket(record));

    // Then it is rejected naming the mapping file, the field, the value and the table's words
    assertThat(rejected.reasons())
        .containsExactly(
            nordsec.file()
                + ":31: priority: value 'Срочный' is not in table priorities (it has:"
                + " Критический, Высокий, Обычный, Низкий)");
  }

  @Test
  void nordsecResolvedStatusLeavesInRussianWithTheResolutionCode() {
    // Given the NordSec outbound half
    OutboundMapping outbound = example("nordsec-ru").outbound();
    Ticket resolved = ticket(Status.RESOLVED, Map.of("resolutionCode", "Замена платы"));

    // When the manufacturer resolves a ticket in progress
    PartnerView view =
        outbound.view(resolved, statusChange(Status.IN_PROGRESS, Status.RESOLVED), null);

    // Then the record carries NordSec's words and names
    assertThat(view.send()).isTrue();
    assertThat(view.record())
        .containsEntry("Статус", "Решена")
        .containsEntry("Приоритет", "Критический")
        .containsEntry("Код решения", "Замена платы")
        .doesNotContainKey("subject");
  }

  @Test
  void nordsecCannotResolveWithoutAResolutionCode() {
    // Given the NordSec outbound half, whose workflow needs a resolution code for 'Решена'
    OutboundMapping outbound = example("nordsec-ru").outbound();
    Ticket resolved = ticket(Status.RESOLVED, Map.of());

    // When the manufacturer resolves a ticket without one
    MappingRejectedException rejected =
        catchThrowableOfType(
            MappingRejectedException.class,
            () -> outbound.view(resolved, statusChange(Status.IN_PROGRESS, Status.RESOLVED), null));

    // Then it is rejected naming the partner's status and the missing attribute
    assertThat(rejected.reasons())
        .singleElement()
        .asString()
        .contains("entering 'Решена' needs attributes.resolutionCode");
  }

  @Test
  void acmeWorkflowRefusesClosingATicketThatIsNotSolved() {
    // Given the ACME outbound half, where only 'solved' may become 'closed'
    OutboundMapping outbound = example("acme-fire").outbound();

    // When the manufacturer closes an open ticket
    MappingRejectedException rejected =
        catchThrowableOfType(
            MappingRejectedException.class,
            () ->
                outbound.view(
                    ticket(Status.CLOSED, Map.of()),
                    statusChange(Status.OPEN, Status.CLOSED),
                    null));

    // Then it is rejected naming ACME's two words
    assertThat(rejected.reasons())
        .singleElement()
        .asString()
        .endsWith("status: the partner's workflow has no transition 'open' -> 'closed'");
  }

  @Test
  void csvExampleMappingsReadWithoutProblems() {
    // Given the mappings of the CSV example directory
    // When they are read
    Mapping sevzap = csvExample("sevzap-ru");
    Mapping polaris = csvExample("polaris");

    // Then both compile with their tables
    assertThat(sevzap.tables()).containsOnlyKeys("statuses", "priorities", "models");
    assertThat(polaris.tables()).containsOnlyKeys("statuses", "priorities");
  }

  @Test
  void sevzapExcelExportRowMapsToCanonicalValues() throws IOException {
    // Given the first row of SevZap's windows-1251 export
    Map<String, Object> row =
        sampleRows("sevzap-export-2026-11-27.csv", Charset.forName("windows-1251"), ';').get(0);

    // When it is mapped
    MappedValues values = csvExample("sevzap-ru").inbound().ticket(row);

    // Then the Russian words, the multi-line description and the local time come through
    assertThat(values.get("externalId")).isEqualTo("СЗ-2611");
    assertThat(values.get("priority")).isEqualTo("CRITICAL");
    assertThat(values.get("product.model")).isEqualTo("FP-2000");
    assertThat(values.get("product.serialNumber")).isEqualTo("PPK2K-00451");
    assertThat(values.get("description"))
        .isEqualTo(
            "После грозы прибор не отвечает по RS-485.\nЛинию проверили, напряжение в норме.");
    assertThat(values.get("site.name")).isEqualTo("ТЦ «Северный»");
    assertThat(values.get("requester.phone")).isEqualTo("+78152550011");
    assertThat(values.get("attributes.openedAt")).isEqualTo("2026-11-27T06:15:00Z");
  }

  @Test
  void everySevzapSampleRowMaps() throws IOException {
    // Given every row of SevZap's export and comments files
    Mapping sevzap = csvExample("sevzap-ru");
    Charset cp1251 = Charset.forName("windows-1251");

    // When they are mapped, then none is refused
    for (Map<String, Object> row : sampleRows("sevzap-export-2026-11-27.csv", cp1251, ';')) {
      assertThat(sevzap.inbound().ticket(row).get("externalId")).isNotBlank();
    }
    for (Map<String, Object> row : sampleRows("sevzap-comments-2026-11-27.csv", cp1251, ';')) {
      assertThat(sevzap.inbound().comment(row).get("comment.text")).isNotBlank();
    }
  }

  @Test
  void polarisJiraExportRowMapsToCanonicalValues() throws IOException {
    // Given the rows of Polaris's UTF-8 export
    List<Map<String, Object>> rows = sampleRows("polaris-issues.csv", StandardCharsets.UTF_8, ',');
    Mapping polaris = csvExample("polaris");

    // When the first is mapped
    MappedValues values = polaris.inbound().ticket(rows.get(0));

    // Then its English words, quoted multi-line description and ISO time come through
    assertThat(values.get("externalId")).isEqualTo("POL-1042");
    assertThat(values.get("priority")).isEqualTo("CRITICAL");
    assertThat(values.get("category")).isEqualTo("fault");
    assertThat(values.get("product.model")).isEqualTo("FP-2000");
    assertThat(values.get("description"))
        .startsWith("After updating to 3.2.1 the panel reports \"Earth fault\" on loop 2.\n")
        .endsWith("\n\nRolled back? No, not yet.");
    assertThat(values.get("requester.email")).isEqualTo("jane.doe@polaris.example");
    assertThat(values.get("attributes.openedAt")).isEqualTo("2026-11-25T08:14:00Z");
    assertThat(polaris.inbound().ticket(rows.get(1)).get("status")).isEqualTo("IN_PROGRESS");
  }

  @Test
  void sevzapResolvedStatusLeavesUnderItsOwnColumnNamesWithoutDots() {
    // Given SevZap's outbound half
    OutboundMapping outbound = csvExample("sevzap-ru").outbound();
    Ticket resolved = ticket(Status.RESOLVED, Map.of("resolutionCode", "Замена модуля"));

    // When the manufacturer resolves a ticket in progress
    PartnerView view =
        outbound.view(resolved, statusChange(Status.IN_PROGRESS, Status.RESOLVED), null);

    // Then the record has SevZap's words under flat column names
    assertThat(view.record())
        .containsEntry("Статус", "Решена")
        .containsEntry("Приоритет", "Авария")
        .containsEntry("Код решения", "Замена модуля");
    assertThat(view.record().keySet()).noneMatch(key -> key.contains("."));
  }
}
