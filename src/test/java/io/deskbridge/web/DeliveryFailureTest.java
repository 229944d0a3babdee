package io.deskbridge.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.deskbridge.support.ApiClient;
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
 * A destination that fails: its deliveries are retried, parked as dead letters after the last
 * attempt, replayed by ops, and while one ticket's delivery is parked the ticket's later changes
 * wait and other tickets flow.
 */
class DeliveryFailureTest {

  @TempDir static Path config;
  @TempDir static Path data;

  static RunningGateway gateway;
  static ApiClient partner;
  static ScriptedPartnerSystem partnerSystem;
  static ApiClient steady;

  @BeforeAll
  static void startGateway() {
    ScriptedPartnerSystem.resetAll();
    GatewayConfigFiles files = GatewayConfigFiles.standard(config);
    String key = files.partner("flaky", "scripted");
    String steadyKey = files.partner("steady", "scripted");
    gateway = RunningGateway.start(config, data, Map.of());
    partner = gateway.as(key);
    partnerSystem = ScriptedPartnerSystem.of("flaky");
    steady = gateway.as(steadyKey);
  }

  @AfterAll
  static void stopGateway() {
    gateway.close();
  }

  @Test
  void failingDeliveryIsRetriedDeadLetteredAndDeliveredInOrderAfterReplay() {
    // Given two tickets of the same partner, one of which its system refuses
    String blocked = TicketJourneyTest.create(partner, "FLAKY-1");
    String flowing = TicketJourneyTest.create(partner, "FLAKY-2");
    partnerSystem.refuse(blocked);

    // When the manufacturer answers the refused ticket, then changes its status
    gateway
        .agent()
        .post("/api/v1/tickets/" + blocked + "/comments", "{\"text\": \"first answer\"}");
    gateway.agent().patch("/api/v1/tickets/" + blocked, "{\"status\": \"WAITING_ON_PARTNER\"}");

    // Then after the configured three attempts the answer is a dead letter naming the reason
    JsonNode letter = awaitOpenDeadLetter(blocked);
    assertThat(letter.get("attempts").asInt()).isEqualTo(3);
    assertThat(letter.get("reason").asText()).contains("503");
    assertThat(letter.get("kind").asText()).isEqualTo("DELIVERY");
    int openDeadLettersSeenInHealth =
        gateway
            .as(null)
            .get("/actuator/health")
            .json()
            .at("/components/deskbridge/details/openDeadLetters")
            .asInt();
    // and the status change behind it has not overtaken it
    assertThat(partnerSystem.receivedFor(blocked)).isEmpty();

    // When the other ticket is answered meanwhile
    gateway
        .agent()
        .post("/api/v1/tickets/" + flowing + "/comments", "{\"text\": \"other answer\"}");

    // Then it flows although the first ticket's lane is held
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> !partnerSystem.receivedFor(flowing).isEmpty());
    assertThat(partnerSystem.receivedFor(blocked)).isEmpty();

    // When the partner system recovers and ops replay the dead letter
    partnerSystem.accept(blocked);
    JsonNode replayed =
        gateway
            .ops()
            .post("/api/v1/dead-letters/" + letter.get("id").asText() + "/replay", null)
            .json();
    assertThat(replayed.get("state").asText()).isEqualTo("REPLAYED");

    // Then the answer and then the status change arrive, in that order, each once
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(partnerSystem.receivedFor(blocked))
                    .extracting(Received::event)
                    .containsExactly("COMMENTED", "STATUS_CHANGED"));
    // and ops saw it counted in the health report while it was open
    assertThat(openDeadLettersSeenInHealth).isGreaterThanOrEqualTo(1);
    // and replaying the same dead letter again is refused
    assertThat(
            gateway
                .ops()
                .post("/api/v1/dead-letters/" + letter.get("id").asText() + "/replay", null)
                .status())
        .isEqualTo(409);
  }

  @Test
  void discardingADeadLetterLetsTheTicketsLaterChangesThrough() {
    // Given a refused ticket whose answer became a dead letter, with a status change behind it
    String ref = TicketJourneyTest.create(partner, "FLAKY-3");
    partnerSystem.refuse(ref);
    gateway.agent().post("/api/v1/tickets/" + ref + "/comments", "{\"text\": \"lost answer\"}");
    gateway.agent().patch("/api/v1/tickets/" + ref, "{\"status\": \"RESOLVED\"}");
    JsonNode letter = awaitOpenDeadLetter(ref);

    // When ops discard it and the partner system takes changes again
    partnerSystem.accept(ref);
    assertThat(
            gateway
                .ops()
                .post("/api/v1/dead-letters/" + letter.get("id").asText() + "/discard", null)
                .json()
                .get("state")
                .asText())
        .isEqualTo("DISCARDED");

    // Then only the status change is delivered
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(partnerSystem.receivedFor(ref))
                    .extracting(Received::event)
                    .containsExactly("STATUS_CHANGED"));
  }

  @Test
  void aHangingPartnerSystemDelaysNoOtherPartner() {
    // Given a partner system that stops answering for one of its tickets
    String hanging = TicketJourneyTest.create(partner, "FLAKY-HANG");
    String other = TicketJourneyTest.create(steady, "STEADY-1");
    partnerSystem.hold(hanging);
    try {
      gateway
          .agent()
          .post("/api/v1/tickets/" + hanging + "/comments", "{\"text\": \"to the hanging one\"}");
      await().atMost(Duration.ofSeconds(20)).until(() -> partnerSystem.isHanging(hanging));

      // When the manufacturer answers another partner meanwhile
      gateway
          .agent()
          .post("/api/v1/tickets/" + other + "/comments", "{\"text\": \"to the steady one\"}");

      // Then that answer is delivered while the first delivery still hangs
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> !ScriptedPartnerSystem.of("steady").receivedFor(other).isEmpty());
      assertThat(partnerSystem.isHanging(hanging)).isTrue();
    } finally {
      partnerSystem.release(hanging);
    }
    // and once the partner system answers again, its delivery completes
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> !partnerSystem.receivedFor(hanging).isEmpty());
  }

  @Test
  void deadLettersAreForOpsOnly() {
    assertThat(gateway.agent().get("/api/v1/dead-letters").status()).isEqualTo(403);
    assertThat(partner.get("/api/v1/dead-letters").status()).isEqualTo(403);
    assertThat(gateway.ops().post("/api/v1/dead-letters/999999/replay", null).status())
        .isEqualTo(404);
  }

  private static JsonNode awaitOpenDeadLetter(String ref) {
    JsonNode[] found = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              JsonNode page =
                  gateway.ops().get("/api/v1/dead-letters?state=OPEN&side=flaky").json();
              for (JsonNode item : page.get("items")) {
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
