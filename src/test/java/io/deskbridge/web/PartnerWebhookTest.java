package io.deskbridge.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deskbridge.support.ApiClient;
import io.deskbridge.support.ApiClient.Answer;
import io.deskbridge.support.GatewayConfigFiles;
import io.deskbridge.support.RunningGateway;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Raw webhooks of partner systems: each authenticates the way its partner file says, its body is
 * kept as it arrived and read through the partner's mapping, and a redelivery changes nothing.
 */
class PartnerWebhookTest {

  static final String MAPPING =
      """
      tables:
        priorities:
          urgent: CRITICAL
          normal: NORMAL
      inbound:
        fields:
          externalId: { from: issue.number, required: true }
          subject: { from: issue.title, required: true }
          priority: { from: issue.priority, table: priorities, unmapped: park }
        comment:
          text: { from: comment.body, required: true }
          authorName: { from: comment.user }
          externalId: { from: comment.id }
        commentWhen: { field: action, equals: [comment_created, Commented] }
      outbound:
        allow: [status, subject]
      """;

  static final String HMAC_SECRET = "hub-webhook-secret";
  static final String PASSWORD = "basic-webhook-password";
  static final String TOKEN = "bearer-webhook-token";

  @TempDir static Path config;
  @TempDir static Path data;

  static RunningGateway gateway;
  static ApiClient anonymous;
  static ApiClient keyed;

  @BeforeAll
  static void startGateway() {
    GatewayConfigFiles files = GatewayConfigFiles.standard(config);
    files.write("mappings/hub.yml", MAPPING);
    files.partner(
        "hubber",
        "rest",
        "hub",
        """
          webhook:
            scheme: hmac
            header: X-Hub-Signature-256
            prefix: "sha256="
            secret: "%s"
        """
            .formatted(files.secret("hub", HMAC_SECRET)));
    files.partner(
        "basicco",
        "rest",
        "hub",
        """
          webhook:
            scheme: basic
            username: deskbridge
            password: "%s"
        """
            .formatted(files.secret("basic", PASSWORD)));
    files.partner(
        "bearco",
        "rest",
        "hub",
        """
          webhook:
            scheme: bearer
            token: "%s"
            deliveryHeader: X-Bearco-Event
        """
            .formatted(files.secret("bearer", TOKEN)));
    String key = files.partner("keyed", "rest", "hub");
    gateway = RunningGateway.start(config, data, Map.of("deskbridge.reload-interval", "0s"));
    anonymous = gateway.as(null);
    keyed = gateway.as(key);
  }

  @AfterAll
  static void stopGateway() {
    gateway.close();
  }

  static String issue(String number, String title, String priority) {
    return """
        {"action": "opened", "issue": {"number": "%s", "title": "%s", "priority": "%s"}}
        """
        .formatted(number, title, priority);
  }

  static String hubSignature(String secret, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256="
          + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  static Answer hub(String body, String... more) {
    List<String> headers =
        new java.util.ArrayList<>(List.of("X-Hub-Signature-256", hubSignature(HMAC_SECRET, body)));
    headers.addAll(List.of(more));
    return anonymous.send("POST", "/api/v1/partners/hubber/inbound", body, headers);
  }

  static int tickets() {
    return TicketJourneyTest.allTickets(gateway.agent()).size();
  }

  static long rawInputs(String side) {
    return gateway
        .bean(JdbcClient.class)
        .sql("SELECT COUNT(*) FROM raw_input WHERE side = :side")
        .param("side", side)
        .query(Long.class)
        .single();
  }

  @Test
  void hmacSignedWebhookOpensATicketThroughThePartnersMapping() {
    // When the partner's system posts an issue signed the way its file says
    Answer answer = hub(issue("H-1", "Panel offline", "urgent"));

    // Then a ticket is opened from the mapped record
    assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    JsonNode ticket =
        gateway.agent().get("/api/v1/tickets/" + answer.json().get("ref").asText()).json();
    assertThat(ticket.get("externalId").asText()).isEqualTo("H-1");
    assertThat(ticket.get("subject").asText()).isEqualTo("Panel offline");
    assertThat(ticket.get("priority").asText()).isEqualTo("CRITICAL");
  }

  @Test
  void hmacOfAnotherBodyIsRefusedAndNothingIsStored() {
    // Given a signature made for another body
    String signature = hubSignature(HMAC_SECRET, issue("H-2", "Panel offline", "normal"));
    int ticketsBefore = tickets();
    long rawBefore = rawInputs("hubber");

    // When a changed body is sent under it
    Answer answer =
        anonymous.post(
            "/api/v1/partners/hubber/inbound",
            issue("H-2", "Changed", "normal"),
            "X-Hub-Signature-256",
            signature);

    // Then it is refused without detail and nothing is stored
    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.json().get("code").asText()).isEqualTo("unauthorized");
    assertThat(tickets()).isEqualTo(ticketsBefore);
    assertThat(rawInputs("hubber")).isEqualTo(rawBefore);
  }

  @Test
  void webhookWithoutAnyCredentialIsRefused() {
    Answer answer =
        anonymous.post("/api/v1/partners/hubber/inbound", issue("H-3", "Panel offline", "normal"));

    assertThat(answer.status()).isEqualTo(401);
  }

  @Test
  void basicAuthenticatedWebhookIsAccepted() {
    // When the partner's system posts with the user name and password of its file
    Answer answer =
        anonymous.post(
            "/api/v1/partners/basicco/inbound",
            issue("B-1", "Keypad dead", "normal"),
            "Authorization",
            basic("deskbridge", PASSWORD));

    // Then the ticket is opened
    assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
  }

  @Test
  void basicWithAWrongPasswordIsRefused() {
    Answer answer =
        anonymous.post(
            "/api/v1/partners/basicco/inbound",
            issue("B-2", "Keypad dead", "normal"),
            "Authorization",
            basic("deskbridge", "guess"));

    assertThat(answer.status()).isEqualTo(401);
  }

  @Test
  void bearerAuthenticatedWebhookIsAccepted() {
    // When the partner's system posts with the token of its file
    Answer answer =
        gateway
            .as(TOKEN)
            .post("/api/v1/partners/bearco/inbound", issue("T-1", "Siren loops", "normal"));

    // Then the ticket is opened
    assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
  }

  @Test
  void bearerWithAWrongTokenIsRefused() {
    Answer answer =
        gateway
            .as("not-the-token")
            .post("/api/v1/partners/bearco/inbound", issue("T-2", "Siren loops", "normal"));

    assertThat(answer.status()).isEqualTo(401);
  }

  @Test
  void anotherPartnersWebhookIsNotFound() {
    // When a partner authenticated by its API key posts to another partner's webhook
    Answer answer =
        keyed.post("/api/v1/partners/hubber/inbound", issue("K-1", "Panel offline", "normal"));

    // Then it is not found, as if that partner did not exist
    assertThat(answer.status()).isEqualTo(404);
  }

  @Test
  void partnerWithoutAWebhookSchemeUsesItsApiKey() {
    // When a partner posts its own webhook with its API key
    Answer answer =
        keyed.post("/api/v1/partners/keyed/inbound", issue("K-2", "Panel offline", "normal"));

    // Then the ticket is opened
    assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
  }

  @Test
  void redeliveryWithTheSameDeliveryIdOpensNoSecondTicket() {
    // Given a delivery that opened a ticket
    String body = issue("H-4", "Panel offline", "normal");
    Answer first = hub(body, "X-GitHub-Delivery", "delivery-h4");
    int ticketsAfterFirst = tickets();

    // When the sender delivers it again under the same delivery id
    Answer again = hub(body, "X-GitHub-Delivery", "delivery-h4");

    // Then the first answer comes back and no ticket is added
    assertThat(first.status()).as(first.toString()).isEqualTo(201);
    assertThat(again.status()).as(again.toString()).isEqualTo(200);
    assertThat(again.json().get("ref").asText()).isEqualTo(first.json().get("ref").asText());
    assertThat(tickets()).isEqualTo(ticketsAfterFirst);
  }

  @Test
  void deliveryIdIsReadFromTheHeaderThePartnerFileNames() {
    // Given a delivery under the header the partner file configures
    String body = issue("T-3", "Siren loops", "normal");
    ApiClient bearco = gateway.as(TOKEN);
    bearco.post("/api/v1/partners/bearco/inbound", body, "X-Bearco-Event", "e-1");
    int ticketsAfterFirst = tickets();

    // When it is delivered again
    Answer again = bearco.post("/api/v1/partners/bearco/inbound", body, "X-Bearco-Event", "e-1");

    // Then nothing is added
    assertThat(again.status()).as(again.toString()).isEqualTo(200);
    assertThat(tickets()).isEqualTo(ticketsAfterFirst);
  }

  @Test
  void webhookForAKnownExternalIdChangesThatTicket() {
    // Given a ticket opened by a webhook
    String ref = hub(issue("H-5", "Panel offline", "normal")).json().get("ref").asText();
    int ticketsBefore = tickets();

    // When the partner's system reports the same issue as urgent now
    Answer answer = hub(issue("H-5", "Panel offline", "urgent"));

    // Then that ticket is changed and no other opened
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    assertThat(answer.json().get("ref").asText()).isEqualTo(ref);
    assertThat(gateway.agent().get("/api/v1/tickets/" + ref).json().get("priority").asText())
        .isEqualTo("CRITICAL");
    assertThat(tickets()).isEqualTo(ticketsBefore);
  }

  @Test
  void payloadThatDoesNotFitTheMappingIsA422NamingTheFieldAndParked() {
    // When the partner's system sends an issue without a title, which its mapping requires
    String body = "{\"issue\": {\"number\": \"H-6\"}}";
    int ticketsBefore = tickets();
    Answer answer = hub(body);

    // Then it is refused naming the field, and kept as a dead letter with the raw body
    assertThat(answer.status()).as(answer.toString()).isEqualTo(422);
    assertThat(answer.json().get("field").asText()).isEqualTo("subject");
    long letter = answer.json().get("deadLetter").asLong();
    JsonNode parked = gateway.ops().get("/api/v1/dead-letters/" + letter).json();
    assertThat(parked.get("kind").asText()).isEqualTo("INTAKE");
    assertThat(parked.get("raw").get("text").asText()).contains("H-6");
    assertThat(tickets()).isEqualTo(ticketsBefore);
  }

  static String commented(String number, String commentId, String text) {
    return """
        {"action": "comment_created", "issue": {"number": "%s"},
         "comment": {"id": "%s", "body": "%s", "user": "Ivan Petrov"}}
        """
        .formatted(number, commentId, text);
  }

  @Test
  void webhookThatTheMappingMarksAsACommentAddsItToTheNamedTicket() {
    // Given a ticket opened by a webhook
    String ref = hub(issue("H-10", "Panel offline", "normal")).json().get("ref").asText();
    int ticketsBefore = tickets();

    // When the partner's system reports a comment on that issue
    Answer answer = hub(commented("H-10", "C-1", "Replaced the loop card"));

    // Then the ticket has the comment, by its author, and no ticket was opened or changed
    assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    assertThat(answer.json().get("ref").asText()).isEqualTo(ref);
    JsonNode comments = gateway.agent().get("/api/v1/tickets/" + ref).json().get("comments");
    assertThat(comments).hasSize(1);
    assertThat(comments.get(0).get("text").asText()).isEqualTo("Replaced the loop card");
    assertThat(comments.get(0).get("authorName").asText()).isEqualTo("Ivan Petrov");
    assertThat(gateway.agent().get("/api/v1/tickets/" + ref).json().get("subject").asText())
        .isEqualTo("Panel offline");
    assertThat(tickets()).isEqualTo(ticketsBefore);
  }

  @Test
  void redeliveredCommentWebhookAddsTheCommentOnce() {
    // Given a ticket, and a comment delivered under a delivery id
    String ref = hub(issue("H-11", "Panel offline", "normal")).json().get("ref").asText();
    String body = commented("H-11", "C-2", "Checked the wiring");
    hub(body, "X-Delivery-Id", "comment-h11");

    // When the same delivery arrives again
    Answer again = hub(body, "X-Delivery-Id", "comment-h11");

    // Then it is answered as a repeat and the ticket has the comment once
    assertThat(again.status()).as(again.toString()).isEqualTo(200);
    JsonNode comments = gateway.agent().get("/api/v1/tickets/" + ref).json().get("comments");
    assertThat(comments).hasSize(1);
    assertThat(comments.get(0).get("text").asText()).isEqualTo("Checked the wiring");
  }

  @Test
  void commentWebhookForAnUnknownTicketIsNotFoundAndAddsNothing() {
    // When the partner's system reports a comment on an issue the gateway never saw
    Answer answer = hub(commented("H-404", "C-3", "Anyone there?"));

    // Then it is refused as not found
    assertThat(answer.status()).as(answer.toString()).isEqualTo(404);
    assertThat(answer.json().get("detail").asText()).contains("ext:H-404");
  }

  @Test
  void commentWebhookThatNamesNoTicketIsA422NamingTheField() {
    // When the partner's system reports a comment without the issue it belongs to
    Answer answer = hub("{\"action\": \"comment_created\", \"comment\": {\"body\": \"Orphan\"}}");

    // Then it is refused, naming the field that would have named the ticket
    assertThat(answer.status()).as(answer.toString()).isEqualTo(422);
    assertThat(answer.json().get("field").asText()).isEqualTo("externalId");
    assertThat(answer.json().get("code").asText()).isEqualTo("comment-names-no-ticket");
  }

  @Test
  void rawBodyIsStoredExactlyAsItArrived() {
    // When a delivery arrives with odd spacing and a field the mapping does not read
    String body = "{ \"issue\" : {\"number\":\"H-7\", \"title\":\"Panel offline\"},  \"x\": 1 }";
    Answer answer = hub(body, "X-Delivery-Id", "delivery-h7");

    // Then its bytes are kept under its delivery id
    assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    byte[] stored =
        gateway
            .bean(JdbcClient.class)
            .sql("SELECT body FROM raw_input WHERE side = 'hubber' AND source_key = :key")
            .param("key", "webhook:delivery-h7")
            .query((rs, n) -> rs.getBytes("body"))
            .single();
    assertThat(new String(stored, StandardCharsets.UTF_8)).isEqualTo(body);
  }
}
