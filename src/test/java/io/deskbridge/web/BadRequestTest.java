package io.deskbridge.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.deskbridge.support.ApiClient;
import io.deskbridge.support.ApiClient.Answer;
import io.deskbridge.support.GatewayConfigFiles;
import io.deskbridge.support.RunningGateway;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input gets a problem+json that names the field or position at fault, and nothing is stored.
 */
class BadRequestTest {

  @TempDir static Path config;
  @TempDir static Path data;

  static RunningGateway gateway;
  static ApiClient partner;
  static ApiClient signer;
  static String ref;

  @BeforeAll
  static void startGateway() {
    GatewayConfigFiles files = GatewayConfigFiles.standard(config);
    String key = files.partner("acme", "rest");
    String signerKey =
        files.partner(
            "signer",
            "rest",
            null,
            "  signing:\n    secret: \"" + files.secret("signing", "s3cret") + "\"\n");
    gateway = RunningGateway.start(config, data, Map.of("deskbridge.api.max-body-bytes", "4096"));
    partner = gateway.as(key);
    signer = gateway.as(signerKey);
    ref = TicketJourneyTest.create(partner, "BASE-1");
  }

  @AfterAll
  static void stopGateway() {
    gateway.close();
  }

  private static void assertProblem(Answer answer, int status, String field, String detailPart) {
    assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    if (field != null) {
      assertThat(answer.json().get("field").asText()).isEqualTo(field);
    }
    assertThat(answer.json().get("detail").asText()).contains(detailPart);
    assertThat(answer.body()).doesNotContain("Exception", "at io.deskbridge");
  }

  private static int ticketCount() {
    return TicketJourneyTest.allTickets(partner).size();
  }

  @Test
  void unknownFieldIsNamedWithItsPath() {
    int before = ticketCount();

    Answer answer =
        partner.post(
            "/api/v1/tickets", "{\"subject\": \"x\", \"product\": {\"modell\": \"FP-1\"}}");

    assertProblem(answer, 400, "product.modell", "unknown field 'product.modell'");
    assertThat(ticketCount()).isEqualTo(before);
  }

  @Test
  void missingSubjectIsNamed() {
    assertProblem(
        partner.post("/api/v1/tickets", "{\"description\": \"no subject\"}"),
        400,
        "subject",
        "required");
  }

  @Test
  void wrongTypeIsNamed() {
    assertProblem(
        partner.post("/api/v1/tickets", "{\"subject\": 42}"), 400, "subject", "must be text");
    assertProblem(
        partner.post("/api/v1/tickets", "{\"subject\": \"x\", \"priority\": \"urgentish\"}"),
        400,
        "priority",
        "CRITICAL, HIGH, NORMAL, LOW");
  }

  @Test
  void malformedJsonNamesLineAndColumn() {
    assertProblem(
        partner.post("/api/v1/tickets", "{\n  \"subject\": \"x\",\n  oops\n}"),
        400,
        null,
        "line 3");
  }

  @Test
  void bodyOverTheLimitIsRefusedWithTheLimit() {
    int before = ticketCount();
    String big = "{\"subject\": \"x\", \"description\": \"" + "a".repeat(5000) + "\"}";

    assertProblem(partner.post("/api/v1/tickets", big), 413, null, "4096 bytes");
    assertThat(ticketCount()).isEqualTo(before);
  }

  @Test
  void invalidAttachmentIsNamedAndTheCommentIsNotStored() {
    Answer answer =
        partner.post(
            "/api/v1/tickets/" + ref + "/comments",
            "{\"text\": \"see file\", \"attachments\": [{\"name\": \"a.txt\", \"contentBase64\": \"%%%\"}]}");

    assertProblem(answer, 400, "attachments[0].contentBase64", "not valid Base64");
    assertThat(partner.get("/api/v1/tickets/" + ref).body()).doesNotContain("see file");
  }

  @Test
  void badQueryParametersAreNamed() {
    assertProblem(
        partner.get("/api/v1/tickets?updatedSince=yesterday"), 400, "updatedSince", "ISO-8601");
    assertProblem(partner.get("/api/v1/tickets?status=DONE"), 400, "status", "DONE");
    assertProblem(partner.get("/api/v1/tickets?cursor=garbage!"), 400, "cursor", "cursor");
    assertProblem(partner.get("/api/v1/tickets?limit=0"), 400, "limit", "between 1 and");
  }

  @Test
  void anEmptyPatchIsRefused() {
    assertProblem(partner.patch("/api/v1/tickets/" + ref, "{}"), 400, null, "changes nothing");
  }

  @Test
  void aSecondTicketWithTheSameExternalIdIsAConflictNamingTheFirst() {
    Answer answer =
        partner.post("/api/v1/tickets", TicketJourneyTest.PANEL_DOWN.formatted("BASE-1"));

    assertProblem(answer, 409, "externalId", ref);
  }

  @Test
  void signedBodyOverTheLimitIsRefusedWithTheLimitBeforeItsSignatureIsChecked() {
    // Given a correctly signed body larger than the limit
    int before = ticketCount();
    String big = "{\"subject\": \"x\", \"description\": \"" + "a".repeat(5000) + "\"}";
    String header = SignedRequestTest.signature("s3cret", SignedRequestTest.now(), big);

    // When and then: the partner that signs gets the same 413 naming the limit, and nothing is
    // stored
    assertProblem(
        signer.post("/api/v1/tickets", big, RequestSignatures.HEADER, header),
        413,
        null,
        "4096 bytes");
    assertThat(ticketCount()).isEqualTo(before);
  }
}
