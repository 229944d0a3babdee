package io.deskbridge.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.deskbridge.support.GatewayConfigFiles;
import io.deskbridge.support.RunningGateway;
import io.deskbridge.support.ScriptedPartnerSystem;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the gateway stored and still has to deliver survives a stop and a start on the same data.
 */
class GatewayRestartTest {

  @TempDir Path config;
  @TempDir Path data;

  @Test
  void ticketsCommentsAndHistoryAreStillThereAfterARestart() {
    // Given a gateway where a partner opened a ticket and the manufacturer answered
    GatewayConfigFiles files = GatewayConfigFiles.standard(config);
    String key = files.partner("acme", "rest");
    String ref;
    try (RunningGateway gateway = RunningGateway.start(config, data, Map.of())) {
      ref = TicketJourneyTest.create(gateway.as(key), "ACME-R1");
      gateway.agent().post("/api/v1/tickets/" + ref + "/comments", "{\"text\": \"on it\"}");
      gateway.agent().patch("/api/v1/tickets/" + ref, "{\"status\": \"IN_PROGRESS\"}");
    }

    // When the gateway starts again on the same data directory
    try (RunningGateway gateway = RunningGateway.start(config, data, Map.of())) {
      // Then the partner reads everything back as before
      JsonNode ticket = gateway.as(key).get("/api/v1/tickets/" + ref).json();
      assertThat(ticket.get("status").asText()).isEqualTo("IN_PROGRESS");
      assertThat(ticket.get("comments").findValuesAsText("text")).containsExactly("on it");
      assertThat(ticket.get("statusHistory").findValuesAsText("to"))
          .containsExactly("NEW", "IN_PROGRESS");
      // and new tickets continue the numbering instead of reusing a reference
      String next = TicketJourneyTest.create(gateway.as(key), "ACME-R2");
      assertThat(next).isNotEqualTo(ref);
    }
  }

  @Test
  void pendingDeliveriesResumeAfterARestart() {
    // Given a partner system that refuses a ticket's changes while the gateway stops
    ScriptedPartnerSystem.resetAll();
    GatewayConfigFiles files = GatewayConfigFiles.standard(config);
    String key = files.partner("slowpoke", "scripted");
    ScriptedPartnerSystem partnerSystem = ScriptedPartnerSystem.of("slowpoke");
    String ref;
    Map<String, Object> patient = Map.of("deskbridge.outbox.max-attempts", "1000");
    try (RunningGateway gateway = RunningGateway.start(config, data, patient)) {
      ref = TicketJourneyTest.create(gateway.as(key), "SLOW-1");
      partnerSystem.refuse(ref);
      gateway
          .agent()
          .post(
              "/api/v1/tickets/" + ref + "/comments", "{\"text\": \"answer while you are down\"}");
      await().atMost(Duration.ofSeconds(20)).until(() -> partnerSystem.refusals() > 0);
    }

    // When the partner system is back and the gateway starts again
    partnerSystem.accept(ref);
    try (RunningGateway gateway = RunningGateway.start(config, data, patient)) {
      // Then the pending answer is delivered exactly once
      String delivered = ref;
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () ->
                  assertThat(partnerSystem.receivedFor(delivered))
                      .extracting(ScriptedPartnerSystem.Received::commentText)
                      .containsExactly("answer while you are down"));
    }
  }

  @Test
  void aSignedRequestSentAgainAfterARestartIsStillRefusedAsReplayed() {
    // Given a partner that signs, whose signed request was accepted before the gateway stopped
    GatewayConfigFiles files = GatewayConfigFiles.standard(config);
    String secret = "restart-signing-secret";
    String key =
        files.partner(
            "signer",
            "rest",
            null,
            "  signing:\n    secret: \"" + files.secret("signing", secret) + "\"\n");
    String body = "{\"subject\": \"Panel offline\", \"externalId\": \"R-S1\"}";
    String header = SignedRequestTest.signature(secret, SignedRequestTest.now(), body);
    try (RunningGateway gateway = RunningGateway.start(config, data, Map.of())) {
      assertThat(
              gateway
                  .as(key)
                  .post("/api/v1/tickets", body, RequestSignatures.HEADER, header)
                  .status())
          .isEqualTo(201);
    }

    // When the same request is sent to the restarted gateway
    try (RunningGateway gateway = RunningGateway.start(config, data, Map.of())) {
      var answer = gateway.as(key).post("/api/v1/tickets", body, RequestSignatures.HEADER, header);

      // Then the stored signature refuses it
      assertThat(answer.status()).isEqualTo(401);
      assertThat(answer.json().get("code").asText()).isEqualTo("signature-replayed");
    }
  }
}
