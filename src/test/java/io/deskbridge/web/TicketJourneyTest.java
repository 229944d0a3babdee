package io.deskbridge.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deskbridge.support.ApiClient;
import io.deskbridge.support.ApiClient.Answer;
import io.deskbridge.support.GatewayConfigFiles;
import io.deskbridge.support.RunningGateway;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A ticket's way from a partner to a manufacturer queue and the answer's way back, over HTTP. */
class TicketJourneyTest {

  @TempDir static Path config;
  @TempDir static Path data;

  static RunningGateway gateway;
  static ApiClient acme;
  static ApiClient agent;

  @BeforeAll
  static void startGateway() {
    GatewayConfigFiles files = GatewayConfigFiles.standard(config);
    String acmeKey = files.partner("acme", "rest");
    gateway = RunningGateway.start(config, data, Map.of());
    acme = gateway.as(acmeKey);
    agent = gateway.agent();
  }

  @AfterAll
  static void stopGateway() {
    gateway.close();
  }

  static final String PANEL_DOWN =
      """
      {"externalId": "%s", "subject": "Panel FP-2000 in fault", "priority": "CRITICAL",
       "description": "Earth fault on loop 2", "category": "fault",
       "product": {"model": "FP-2000", "serialNumber": "SN-1", "firmware": "3.2.1"},
       "site": {"name": "Riverside Mall", "address": "12 River Road"},
       "requester": {"name": "Jane Doe", "email": "jane@acme.example"},
       "attributes": {"contract": "gold"}}
      """;

  static String create(ApiClient partner, String externalId) {
    Answer created = partner.post("/api/v1/tickets", PANEL_DOWN.formatted(externalId));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.json().get("ref").asText();
  }

  @Test
  void partnerTicketLandsInTheQueueItsRuleChose() {
    // Given a critical fault on an FP- panel, which the first routing rule sends to second line
    // When the partner opens the ticket
    String ref = create(acme, "ACME-1");

    // Then the manufacturer finds it in that queue, with the rule's response target
    JsonNode queue = agent.get("/api/v1/queues/fire-panels-l2/tickets").json();
    assertThat(queue.get("items").findValuesAsText("ref")).contains(ref);
    JsonNode ticket = agent.get("/api/v1/tickets/" + ref).json();
    assertThat(ticket.get("queue").asText()).isEqualTo("fire-panels-l2");
    assertThat(ticket.get("routingRule").asText()).isEqualTo("fire-panel-down");
    assertThat(ticket.get("timings").has("firstResponseDueAt")).isTrue();
    assertThat(ticket.get("product").get("serialNumber").asText()).isEqualTo("SN-1");
  }

  @Test
  void partnerReadsBackTheManufacturersAnswerAndStatus() {
    // Given a ticket the partner opened
    String ref = create(acme, "ACME-2");

    // When the manufacturer answers and waits for the partner
    assertThat(
            agent
                .post(
                    "/api/v1/tickets/" + ref + "/comments",
                    "{\"text\": \"Please send the panel log.\"}")
                .status())
        .isEqualTo(201);
    assertThat(
            agent.patch("/api/v1/tickets/" + ref, "{\"status\": \"WAITING_ON_PARTNER\"}").status())
        .isEqualTo(200);

    // Then the partner sees both, by our reference and by its own id
    for (String name : List.of(ref, "ext:ACME-2")) {
      JsonNode ticket = acme.get("/api/v1/tickets/" + name).json();
      assertThat(ticket.get("status").asText()).isEqualTo("WAITING_ON_PARTNER");
      assertThat(ticket.get("comments").findValuesAsText("text"))
          .containsExactly("Please send the panel log.");
      assertThat(ticket.get("statusHistory").findValuesAsText("to"))
          .containsExactly("NEW", "WAITING_ON_PARTNER");
    }
  }

  @Test
  void partnerNeverSeesInternalCommentsNorTheManufacturersOrganisation() {
    // Given a ticket with a public answer and an internal note
    String ref = create(acme, "ACME-3");
    agent.post("/api/v1/tickets/" + ref + "/comments", "{\"text\": \"public answer\"}");
    agent.post(
        "/api/v1/tickets/" + ref + "/comments",
        "{\"text\": \"batch 19 again, escalate\", \"visibility\": \"INTERNAL\"}");
    agent.patch("/api/v1/tickets/" + ref, "{\"assignee\": \"olga.engineer\"}");

    // When the partner reads it
    Answer answer = acme.get("/api/v1/tickets/" + ref);

    // Then only the public answer is there, and no queue, assignee or routing rule
    assertThat(answer.json().get("comments").findValuesAsText("text"))
        .containsExactly("public answer");
    assertThat(answer.body())
        .doesNotContain("batch 19", "olga.engineer", "fire-panels-l2", "routingRule");
    // while the manufacturer sees all of it
    assertThat(agent.get("/api/v1/tickets/" + ref).json().get("comments").findValuesAsText("text"))
        .containsExactly("public answer", "batch 19 again, escalate");
  }

  @Test
  void firstResponseAndResolutionAreMeasured() {
    // Given a new ticket: no response yet
    String ref = create(acme, "ACME-4");
    assertThat(agent.get("/api/v1/tickets/" + ref).json().get("timings").has("firstResponseAt"))
        .isFalse();

    // When the manufacturer answers publicly and then resolves it
    agent.post(
        "/api/v1/tickets/" + ref + "/comments",
        "{\"text\": \"internal first\", \"visibility\": \"INTERNAL\"}");
    JsonNode afterInternal = agent.get("/api/v1/tickets/" + ref).json().get("timings");
    agent.post("/api/v1/tickets/" + ref + "/comments", "{\"text\": \"firmware 3.2.2 fixes it\"}");
    agent.patch("/api/v1/tickets/" + ref, "{\"status\": \"RESOLVED\"}");

    // Then the internal note did not count; the public answer and the resolution did
    assertThat(afterInternal.has("firstResponseAt")).isFalse();
    JsonNode timings = agent.get("/api/v1/tickets/" + ref).json().get("timings");
    assertThat(timings.get("firstResponseSeconds").asLong()).isGreaterThanOrEqualTo(0);
    assertThat(timings.get("resolutionSeconds").asLong()).isGreaterThanOrEqualTo(0);
    assertThat(timings.get("firstResponseBreached").asBoolean()).isFalse();

    // And reopening clears the resolution
    agent.patch("/api/v1/tickets/" + ref, "{\"status\": \"OPEN\"}");
    assertThat(agent.get("/api/v1/tickets/" + ref).json().get("timings").has("resolvedAt"))
        .isFalse();
  }

  @Test
  void idempotencyKeyReplayReturnsTheFirstResultAndCreatesNothing() {
    // Given a ticket created with an Idempotency-Key
    String body = PANEL_DOWN.formatted("ACME-IDEM");
    Answer first = acme.post("/api/v1/tickets", body, "Idempotency-Key", "create-idem-1");
    // and the ticket changed since
    agent.post(
        "/api/v1/tickets/" + first.json().get("ref").asText() + "/comments",
        "{\"text\": \"seen\"}");

    // When the partner retries the very same request
    Answer again = acme.post("/api/v1/tickets", body, "Idempotency-Key", "create-idem-1");

    // Then it gets the first answer, word for word, and no second ticket exists
    assertThat(again.status()).isEqualTo(201);
    assertThat(again.body()).isEqualTo(first.body());
    long withThatId =
        allTickets(acme).stream()
            .filter(t -> "ACME-IDEM".equals(t.path("externalId").asText()))
            .count();
    assertThat(withThatId).isEqualTo(1);
  }

  @Test
  void idempotencyKeyReusedForAnotherRequestIsAConflict() {
    // Given a key used for one ticket
    acme.post("/api/v1/tickets", PANEL_DOWN.formatted("ACME-K1"), "Idempotency-Key", "reused-key");

    // When the partner sends a different body under the same key
    Answer answer =
        acme.post(
            "/api/v1/tickets", PANEL_DOWN.formatted("ACME-K2"), "Idempotency-Key", "reused-key");

    // Then it is refused as a conflict naming the header, and the second ticket was not created
    assertThat(answer.status()).isEqualTo(409);
    assertThat(answer.json().get("field").asText()).isEqualTo("Idempotency-Key");
    assertThat(acme.get("/api/v1/tickets/ext:ACME-K2").status()).isEqualTo(404);
  }

  @Test
  void partnerPicksUpChangesSinceItsLastPollPageByPage() {
    // Given some tickets, and the time of the partner's last poll
    String before = create(acme, "ACME-POLL-0");
    String since = acme.get("/api/v1/tickets/" + before).json().get("updatedAt").asText();
    List<String> refs = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      refs.add(create(acme, "ACME-POLL-" + i));
    }
    // and a manufacturer answer on the oldest, which makes it changed again
    agent.post("/api/v1/tickets/" + before + "/comments", "{\"text\": \"answer\"}");

    // When the partner polls with updatedSince in pages of two
    Set<String> seen = new HashSet<>();
    String cursor = null;
    int pages = 0;
    do {
      String query =
          "/api/v1/tickets?limit=2&updatedSince="
              + since
              + (cursor == null ? "" : "&cursor=" + cursor);
      JsonNode page = acme.get(query).json();
      page.get("items")
          .forEach(t -> assertThat(seen.add(t.get("ref").asText())).as("seen once").isTrue());
      cursor =
          page.path("nextCursor").isMissingNode() || page.path("nextCursor").isNull()
              ? null
              : page.get("nextCursor").asText();
      pages++;
    } while (cursor != null && pages < 50);

    // Then every changed ticket came exactly once, the answered one included
    assertThat(seen).containsAll(refs).contains(before);
    assertThat(pages).isGreaterThan(1);
  }

  static List<JsonNode> allTickets(ApiClient client) {
    List<JsonNode> all = new ArrayList<>();
    String cursor = null;
    do {
      JsonNode page =
          client
              .get("/api/v1/tickets?limit=200" + (cursor == null ? "" : "&cursor=" + cursor))
              .json();
      page.get("items").forEach(all::add);
      cursor = page.hasNonNull("nextCursor") ? page.get("nextCursor").asText() : null;
    } while (cursor != null);
    return all;
  }
}
