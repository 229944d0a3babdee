package io.deskbridge.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.deskbridge.support.ApiClient;
import io.deskbridge.support.ApiClient.Answer;
import io.deskbridge.support.GatewayConfigFiles;
import io.deskbridge.support.RunningGateway;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each partner sees only its own tickets: another partner's ticket answers exactly like a missing
 * one.
 */
class PartnerIsolationTest {

  @TempDir static Path config;
  @TempDir static Path data;

  static RunningGateway gateway;
  static ApiClient alpha;
  static ApiClient beta;
  static String betaRef;
  static long betaAttachment;

  @BeforeAll
  static void startGateway() {
    GatewayConfigFiles files = GatewayConfigFiles.standard(config);
    String alphaKey = files.partner("alpha", "rest");
    String betaKey = files.partner("beta", "rest");
    gateway = RunningGateway.start(config, data, Map.of());
    alpha = gateway.as(alphaKey);
    beta = gateway.as(betaKey);
    betaRef = TicketJourneyTest.create(beta, "SHARED-ID");
    String log = Base64.getEncoder().encodeToString("panel log".getBytes());
    Answer commented =
        beta.post(
            "/api/v1/tickets/" + betaRef + "/comments",
            "{\"text\": \"log attached\", \"attachments\": [{\"name\": \"panel.log\", \"mediaType\":"
                + " \"text/plain\", \"contentBase64\": \""
                + log
                + "\"}]}");
    betaAttachment =
        commented.json().get("comments").get(0).get("attachments").get(0).get("id").asLong();
  }

  @AfterAll
  static void stopGateway() {
    gateway.close();
  }

  @Test
  void readingAnotherPartnersTicketIsNotFoundLikeAMissingOne() {
    Answer foreign = alpha.get("/api/v1/tickets/" + betaRef);
    Answer missing = alpha.get("/api/v1/tickets/DB-999999");

    assertThat(foreign.status()).isEqualTo(404);
    assertThat(missing.status()).isEqualTo(404);
    assertThat(foreign.contentType()).startsWith("application/problem+json");
    assertThat(foreign.body()).doesNotContain("beta", "Panel");
  }

  @Test
  void anotherPartnersExternalIdNamesNothing() {
    // Given both partners could use the same id of their own; only beta has a ticket with it
    assertThat(alpha.get("/api/v1/tickets/ext:SHARED-ID").status()).isEqualTo(404);
    assertThat(beta.get("/api/v1/tickets/ext:SHARED-ID").status()).isEqualTo(200);
  }

  @Test
  void commentingOnAnotherPartnersTicketIsNotFoundAndStoresNothing() {
    Answer answer =
        alpha.post("/api/v1/tickets/" + betaRef + "/comments", "{\"text\": \"hello?\"}");

    assertThat(answer.status()).isEqualTo(404);
    assertThat(beta.get("/api/v1/tickets/" + betaRef).body()).doesNotContain("hello?");
  }

  @Test
  void changingAnotherPartnersTicketIsNotFoundAndChangesNothing() {
    Answer answer = alpha.patch("/api/v1/tickets/" + betaRef, "{\"status\": \"CLOSED\"}");

    assertThat(answer.status()).isEqualTo(404);
    assertThat(beta.get("/api/v1/tickets/" + betaRef).json().get("status").asText())
        .isEqualTo("NEW");
  }

  @Test
  void downloadingAnotherPartnersAttachmentIsNotFound() {
    assertThat(beta.get("/api/v1/tickets/" + betaRef + "/attachments/" + betaAttachment).body())
        .isEqualTo("panel log");
    assertThat(alpha.get("/api/v1/tickets/" + betaRef + "/attachments/" + betaAttachment).status())
        .isEqualTo(404);
  }

  @Test
  void listingShowsOnlyTheCallersOwnTickets() {
    TicketJourneyTest.create(alpha, "ALPHA-1");

    assertThat(TicketJourneyTest.allTickets(alpha))
        .extracting(t -> t.get("partner").asText())
        .containsOnly("alpha");
    assertThat(TicketJourneyTest.allTickets(beta))
        .extracting(t -> t.get("partner").asText())
        .containsOnly("beta");
  }

  @Test
  void partnersCannotReachTheManufacturersRoutes() {
    assertThat(alpha.get("/api/v1/queues").status()).isEqualTo(403);
    assertThat(alpha.get("/api/v1/queues/triage/tickets").status()).isEqualTo(403);
    assertThat(alpha.get("/api/v1/partners").status()).isEqualTo(403);
    assertThat(
            alpha
                .post(
                    "/api/v1/tickets/" + betaRef + "/comments",
                    "{\"text\": \"x\", \"visibility\": \"INTERNAL\"}")
                .status())
        .isIn(403, 404);
  }

  @Test
  void aPartnerCannotMoveItsTicketBetweenQueues() {
    String own = TicketJourneyTest.create(alpha, "ALPHA-Q");

    Answer answer = alpha.patch("/api/v1/tickets/" + own, "{\"queue\": \"triage\"}");

    assertThat(answer.status()).isEqualTo(403);
    assertThat(gateway.agent().get("/api/v1/tickets/" + own).json().get("queue").asText())
        .isEqualTo("fire-panels-l2");
  }

  @Test
  void anUnknownOrMissingTokenIsUnauthorisedWithoutDetail() {
    Answer unknown = gateway.as("not-a-key").get("/api/v1/tickets");
    Answer none = gateway.as(null).get("/api/v1/tickets");

    assertThat(unknown.status()).isEqualTo(401);
    assertThat(none.status()).isEqualTo(401);
    assertThat(unknown.body()).isEqualTo(none.body());
  }
}
