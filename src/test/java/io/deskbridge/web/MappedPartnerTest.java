package io.deskbridge.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.deskbridge.support.ApiClient;
import io.deskbridge.support.ApiClient.Answer;
import io.deskbridge.support.GatewayConfigFiles;
import io.deskbridge.support.RunningGateway;
import io.deskbridge.support.ScriptedPartnerSystem;
import io.deskbridge.support.ScriptedPartnerSystem.Received;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A partner that speaks its own vocabulary: its records come in through its mapping, what it may
 * see goes out through its allowlist and in its words, and its workflow decides which status
 * changes it can take.
 */
class MappedPartnerTest {

  static final String MAPPING =
      """
      tables:
        statuses:
          Новая: NEW
          В работе: IN_PROGRESS
          Ожидает ответа: WAITING_ON_PARTNER
          Решена: RESOLVED
          Закрыта: CLOSED
        priorities:
          Авария: CRITICAL
          Обычный: NORMAL
      inbound:
        fields:
          externalId: { from: Номер, required: true }
          subject: { from: Тема, transform: [collapse], required: true }
          description: { from: Описание }
          status: { from: Статус, table: statuses }
          priority: { from: Приоритет, table: priorities, unmapped: park }
          product.model: { from: Прибор, transform: [trim, upper] }
          attributes.contract: { from: Договор }
        comment:
          text: { from: Текст, required: true }
      outbound:
        allow: [status, priority, subject, attributes.resolutionCode]
        fields:
          status: { to: Статус, table: statuses }
          priority: { to: Приоритет, table: priorities }
        workflow:
          transitions:
            Новая: [В работе, Ожидает ответа]
            В работе: [Ожидает ответа, Решена]
            Ожидает ответа: [В работе, Решена]
            Решена: [Закрыта, В работе]
          requires:
            Решена: [attributes.resolutionCode]
      """;

  @TempDir static Path config;
  @TempDir static Path data;

  static RunningGateway gateway;
  static GatewayConfigFiles files;
  static ApiClient partner;
  static ApiClient scripted;
  static ScriptedPartnerSystem scriptedSystem;

  @BeforeAll
  static void startGateway() {
    ScriptedPartnerSystem.resetAll();
    files = GatewayConfigFiles.standard(config);
    files.write("mappings/ru.yml", MAPPING);
    String key = files.partner("sever", "rest", "ru");
    String scriptedKey = files.partner("yug", "scripted", "ru");
    gateway = RunningGateway.start(config, data, Map.of("deskbridge.reload-interval", "0s"));
    partner = gateway.as(key);
    scripted = gateway.as(scriptedKey);
    scriptedSystem = ScriptedPartnerSystem.of("yug");
  }

  @AfterAll
  static void stopGateway() {
    gateway.close();
  }

  static String record(String number, String priority) {
    return """
        {"Номер": "%s", "Тема": "  ППК-2000   не выходит на связь ", "Описание": "После грозы",
         "Статус": "Новая", "Приоритет": "%s", "Прибор": " fp-2000 ", "Договор": "золотой"}
        """
        .formatted(number, priority);
  }

  @Test
  void partnerRecordIsMappedIntoACanonicalTicketInTheRightQueue() {
    // When the partner posts a ticket in its own shape and words
    Answer created = partner.post("/api/v1/tickets", record("С-1", "Авария"));

    // Then the manufacturer sees a canonical ticket, routed by the canonical values
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    JsonNode ticket =
        gateway.agent().get("/api/v1/tickets/" + created.json().get("ref").asText()).json();
    assertThat(ticket.get("subject").asText()).isEqualTo("ППК-2000 не выходит на связь");
    assertThat(ticket.get("priority").asText()).isEqualTo("CRITICAL");
    assertThat(ticket.get("product").get("model").asText()).isEqualTo("FP-2000");
    assertThat(ticket.get("externalId").asText()).isEqualTo("С-1");
    assertThat(ticket.get("attributes").get("contract").asText()).isEqualTo("золотой");
    assertThat(ticket.get("queue").asText()).isEqualTo("fire-panels-l2");
  }

  @Test
  void partnerReadsItsTicketInItsOwnWordsAndOnlyWhatItsAllowlistLetsOut() {
    // Given a ticket of the partner, answered and moved on by the manufacturer
    String ref =
        partner.post("/api/v1/tickets", record("С-2", "Обычный")).json().get("ref").asText();
    gateway.agent().post("/api/v1/tickets/" + ref + "/comments", "{\"text\": \"public answer\"}");
    gateway.agent().patch("/api/v1/tickets/" + ref, "{\"status\": \"IN_PROGRESS\"}");

    // When the partner reads it
    JsonNode ticket = partner.get("/api/v1/tickets/" + ref).json();

    // Then its record speaks its words, and what the allowlist keeps in stays in
    assertThat(ticket.get("record").get("Статус").asText()).isEqualTo("В работе");
    assertThat(ticket.get("record").get("Приоритет").asText()).isEqualTo("Обычный");
    assertThat(ticket.has("description")).isFalse();
    assertThat(ticket.path("attributes").has("contract")).isFalse();
    assertThat(ticket.get("comments").findValuesAsText("text")).doesNotContain("public answer");
  }

  @Test
  void aValueTheTableDoesNotHaveIsParkedNamingMappingFieldAndValueAndReplaysOnceFixed() {
    // When the partner sends a priority word its table does not have
    Answer answer = partner.post("/api/v1/tickets", record("С-3", "Пожар"));

    // Then it is refused as not fitting, naming the mapping file, field and value, and kept for ops
    assertThat(answer.status()).isEqualTo(422);
    assertThat(answer.json().get("field").asText()).isEqualTo("priority");
    assertThat(answer.json().get("detail").asText()).contains("ru.yml:", "priority", "'Пожар'");
    long letter = answer.json().get("deadLetter").asLong();
    JsonNode parked = gateway.ops().get("/api/v1/dead-letters/" + letter).json();
    assertThat(parked.get("kind").asText()).isEqualTo("INTAKE");
    assertThat(parked.get("raw").get("text").asText()).contains("Пожар");
    assertThat(partner.get("/api/v1/tickets/ext:С-3").status()).isEqualTo(404);

    // When ops add the word to the table, reload and replay
    files.write(
        "mappings/ru.yml",
        MAPPING.replace("Авария: CRITICAL", "Авария: CRITICAL\n    Пожар: CRITICAL"));
    assertThat(gateway.ops().post("/api/v1/config/reload", null).json().get("reloaded").asBoolean())
        .isTrue();
    Answer replayed = gateway.ops().post("/api/v1/dead-letters/" + letter + "/replay", null);

    // Then the ticket exists as if it had fitted the first time
    assertThat(replayed.status()).as(replayed.toString()).isEqualTo(200);
    JsonNode ticket = partner.get("/api/v1/tickets/ext:С-3").json();
    assertThat(ticket.get("record").get("Приоритет").asText()).isEqualTo("Авария");
  }

  @Test
  void internalCommentsAndWhatTheAllowlistKeepsInNeverReachThePartnerSystem() {
    // Given a ticket of a partner whose system receives our changes
    String ref =
        scripted.post("/api/v1/tickets", record("Ю-1", "Обычный")).json().get("ref").asText();

    // When the manufacturer writes an internal note, a public answer (not allowlisted) and changes
    // the status
    gateway
        .agent()
        .post(
            "/api/v1/tickets/" + ref + "/comments",
            "{\"text\": \"note\", \"visibility\": \"INTERNAL\"}");
    gateway
        .agent()
        .post("/api/v1/tickets/" + ref + "/comments", "{\"text\": \"public but not allowed\"}");
    gateway
        .agent()
        .patch("/api/v1/tickets/" + ref, "{\"status\": \"IN_PROGRESS\", \"category\": \"secret\"}");

    // Then only the status change arrives, in the partner's words, with nothing else of the ticket
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(scriptedSystem.receivedFor(ref))
                    .extracting(Received::event)
                    .containsExactly("STATUS_CHANGED"));
    assertThat(scriptedSystem.receivedFor(ref))
        .extracting(Received::commentText)
        .containsOnlyNulls();
    Map<String, Object> record = scriptedSystem.recordsFor(ref).get(0);
    assertThat(record)
        .containsEntry("Статус", "В работе")
        .doesNotContainKeys("category", "description");
  }

  @Test
  void aStatusChangeThePartnersWorkflowCannotTakeIsParkedWithTheReason() {
    // Given a new ticket (Новая), which the partner's workflow cannot close directly
    String ref =
        scripted.post("/api/v1/tickets", record("Ю-2", "Обычный")).json().get("ref").asText();

    // When the manufacturer closes it at once
    gateway.agent().patch("/api/v1/tickets/" + ref, "{\"status\": \"CLOSED\"}");

    // Then the change is parked, naming the transition the workflow lacks, and nothing arrives
    JsonNode letter = awaitDeadLetter(ref);
    assertThat(letter.get("reason").asText()).contains("ru.yml", "'Новая' -> 'Закрыта'");
    assertThat(scriptedSystem.receivedFor(ref)).isEmpty();
  }

  @Test
  void resolvingWithoutTheFieldTheWorkflowRequiresIsParkedNamingIt() {
    // Given a ticket in progress
    String ref =
        scripted.post("/api/v1/tickets", record("Ю-3", "Обычный")).json().get("ref").asText();
    gateway.agent().patch("/api/v1/tickets/" + ref, "{\"status\": \"IN_PROGRESS\"}");
    await().atMost(Duration.ofSeconds(20)).until(() -> scriptedSystem.receivedFor(ref).size() == 1);

    // When the manufacturer resolves it without a resolution code
    gateway.agent().patch("/api/v1/tickets/" + ref, "{\"status\": \"RESOLVED\"}");

    // Then the change is parked naming the missing field
    assertThat(awaitDeadLetter(ref).get("reason").asText()).contains("attributes.resolutionCode");
    assertThat(scriptedSystem.receivedFor(ref)).hasSize(1);
  }

  @Test
  void previewShowsCanonicalTicketRoutingAndWhatEachSideGetsWithoutStoringAnything() {
    int before = TicketJourneyTest.allTickets(gateway.agent()).size();

    JsonNode preview =
        gateway
            .ops()
            .post("/api/v1/mappings/ru/preview?partner=sever", record("П-1", "Авария"))
            .json();

    assertThat(preview.get("canonical").get("priority").asText()).isEqualTo("CRITICAL");
    assertThat(preview.get("routing").get("queue").asText()).isEqualTo("fire-panels-l2");
    assertThat(preview.get("sent").get("manufacturer").get("queue").asText())
        .isEqualTo("fire-panels-l2");
    assertThat(preview.get("sent").get("partner").get("Приоритет").asText()).isEqualTo("Авария");
    assertThat(preview.get("problems")).isEmpty();
    assertThat(TicketJourneyTest.allTickets(gateway.agent())).hasSize(before);
  }

  @Test
  void previewListsEveryProblemOfARecordThatDoesNotFit() {
    JsonNode preview =
        gateway.ops().post("/api/v1/mappings/ru/preview", "{\"Приоритет\": \"Пожарище\"}").json();

    assertThat(preview.get("problems").toString()).contains("externalId", "subject", "Пожарище");
  }

  private static JsonNode awaitDeadLetter(String ref) {
    JsonNode[] found = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              for (JsonNode item :
                  gateway
                      .ops()
                      .get("/api/v1/dead-letters?state=OPEN&side=yug")
                      .json()
                      .get("items")) {
                if (ref.equals(item.path("ticket").asText())) {
                  found[0] = item;
                  return true;
                }
              }
              return false;
            });
    return found[0];
  }
}
