package io.deskbridge.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.deskbridge.support.ApiClient;
import io.deskbridge.support.ApiClient.Answer;
import io.deskbridge.support.GatewayConfigFiles;
import io.deskbridge.support.RunningGateway;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A partner required to sign its bodies: a write passes only with a fresh, matching signature seen
 * for the first time, and a refused one leaves nothing behind.
 */
class SignedRequestTest {

  static final String SECRET = "signer-secret-for-tests";
  static final String OLD_SECRET = "signer-old-secret";

  @TempDir static Path config;
  @TempDir static Path data;

  static RunningGateway gateway;
  static ApiClient signer;
  static ApiClient plain;
  static ApiClient optional;

  @BeforeAll
  static void startGateway() {
    GatewayConfigFiles files = GatewayConfigFiles.standard(config);
    String signerKey =
        files.partner(
            "signer",
            "rest",
            null,
            "  signing:\n    secrets: [\"%s\", \"%s\"]\n"
                .formatted(files.secret("signer", SECRET), files.secret("old", OLD_SECRET)));
    String optionalKey =
        files.partner(
            "optional",
            "rest",
            null,
            "  signing:\n    secret: \"%s\"\n    required: false\n"
                .formatted(files.secret("optional", SECRET)));
    String plainKey = files.partner("plain", "rest");
    gateway = RunningGateway.start(config, data, Map.of("deskbridge.reload-interval", "0s"));
    signer = gateway.as(signerKey);
    plain = gateway.as(plainKey);
    optional = gateway.as(optionalKey);
  }

  @AfterAll
  static void stopGateway() {
    gateway.close();
  }

  static String body(String externalId) {
    return "{\"subject\": \"Panel offline\", \"externalId\": \"" + externalId + "\"}";
  }

  /** The header as a partner computes it, here with javax.crypto independently of the gateway. */
  static String signature(String secret, long t, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] hmac = mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8));
      return "t=" + t + ",v1=" + HexFormat.of().formatHex(hmac);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static long now() {
    return Instant.now().getEpochSecond();
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

  /** Sends a create that must be refused with the code, and checks that nothing was stored. */
  static void assertRefused(String code, String body, String... headers) {
    int ticketsBefore = tickets();
    long rawBefore = rawInputs("signer");

    Answer answer = signer.post("/api/v1/tickets", body, headers);

    assertThat(answer.status()).as(answer.toString()).isEqualTo(401);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    assertThat(answer.json().get("code").asText()).isEqualTo(code);
    assertThat(answer.json().get("type").asText()).endsWith(":" + code);
    assertThat(tickets()).isEqualTo(ticketsBefore);
    assertThat(rawInputs("signer")).isEqualTo(rawBefore);
  }

  @Test
  void signedCreateIsAccepted() {
    // Given a body signed with the partner's secret just now
    String body = body("S-1");

    // When the partner sends it
    Answer created =
        signer.post(
            "/api/v1/tickets", body, RequestSignatures.HEADER, signature(SECRET, now(), body));

    // Then the ticket is opened from exactly that body
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(created.json().get("externalId").asText()).isEqualTo("S-1");
  }

  @Test
  void signatureWithTheSecretBeingRotatedOutIsAccepted() {
    // Given a body signed with the older of the partner's two secrets
    String body = body("S-2");

    // When the partner sends it
    Answer created =
        signer.post(
            "/api/v1/tickets", body, RequestSignatures.HEADER, signature(OLD_SECRET, now(), body));

    // Then it passes
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
  }

  @Test
  void unsignedWriteIsRefusedAsMissing() {
    // Given, when and then: a create without the header is refused and nothing is stored
    assertRefused("signature-missing", body("S-3"));
  }

  @Test
  void signatureNotInTheAgreedFormIsRefusedAsMalformed() {
    // Given, when and then: a header without a timestamp is refused and nothing is stored
    assertRefused(
        "signature-malformed", body("S-4"), RequestSignatures.HEADER, "v1=" + "ab".repeat(32));
  }

  @Test
  void signatureOfAnotherBodyIsRefusedAsMismatch() {
    // Given a signature made for another body
    String signed = signature(SECRET, now(), body("S-5"));

    // When and then: sending a changed body under it is refused and nothing is stored
    assertRefused("signature-mismatch", body("S-5-changed"), RequestSignatures.HEADER, signed);
  }

  @Test
  void signatureWithAWrongSecretIsRefusedAsMismatch() {
    String body = body("S-6");

    assertRefused(
        "signature-mismatch",
        body,
        RequestSignatures.HEADER,
        signature("not-the-secret", now(), body));
  }

  @Test
  void signatureOlderThanFiveMinutesIsRefusedAsStale() {
    // Given a body correctly signed six minutes ago
    String body = body("S-7");
    String old = signature(SECRET, now() - 360, body);

    // When and then: it is refused as stale and nothing is stored
    assertRefused("signature-stale", body, RequestSignatures.HEADER, old);
  }

  @Test
  void signatureSentASecondTimeIsRefusedAsReplayed() {
    // Given a signed request that was accepted
    String body = body("S-8");
    String header = signature(SECRET, now(), body);
    assertThat(signer.post("/api/v1/tickets", body, RequestSignatures.HEADER, header).status())
        .isEqualTo(201);

    // When and then: the very same request again is refused as replayed and nothing is stored
    assertRefused("signature-replayed", body, RequestSignatures.HEADER, header);
  }

  @Test
  void signedPatchIsCheckedLikeACreate() {
    // Given a ticket of the signing partner
    String body = body("S-9");
    String ref =
        signer
            .post("/api/v1/tickets", body, RequestSignatures.HEADER, signature(SECRET, now(), body))
            .json()
            .get("ref")
            .asText();

    // When it changes the ticket without a signature, then with one
    String patch = "{\"priority\": \"HIGH\"}";
    Answer unsigned = signer.patch("/api/v1/tickets/" + ref, patch);
    Answer signed =
        signer.patch(
            "/api/v1/tickets/" + ref,
            patch,
            RequestSignatures.HEADER,
            signature(SECRET, now(), patch));

    // Then only the signed change passes
    assertThat(unsigned.status()).isEqualTo(401);
    assertThat(unsigned.json().get("code").asText()).isEqualTo("signature-missing");
    assertThat(signed.status()).as(signed.toString()).isEqualTo(200);
  }

  @Test
  void readsNeedNoSignature() {
    // When the signing partner lists its tickets without a signature
    Answer list = signer.get("/api/v1/tickets");

    // Then it is answered
    assertThat(list.status()).isEqualTo(200);
  }

  @Test
  void unsignedCreateOfAPartnerThatDoesNotSignIsAccepted() {
    // When a partner without signing settings opens a ticket
    Answer created = plain.post("/api/v1/tickets", body("P-1"));

    // Then it is opened
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
  }

  @Test
  void partnerWhoseSigningIsOptionalMayLeaveItOutButNotGetItWrong() {
    // When a partner whose signing is not required sends one body unsigned and one badly signed
    Answer unsigned = optional.post("/api/v1/tickets", body("O-1"));
    String body = body("O-2");
    Answer wrong =
        optional.post(
            "/api/v1/tickets", body, RequestSignatures.HEADER, signature("wrong", now(), body));

    // Then the unsigned one passes and the wrong one is refused
    assertThat(unsigned.status()).as(unsigned.toString()).isEqualTo(201);
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.json().get("code").asText()).isEqualTo("signature-mismatch");
  }

  @Test
  void wrongApiKeyStaysAPlain401WithoutDetailOfTheSignature() {
    // Given a correctly signed body
    String body = body("S-10");

    // When it is sent with a wrong API key
    Answer answer =
        gateway
            .as("not-a-key")
            .post(
                "/api/v1/tickets", body, RequestSignatures.HEADER, signature(SECRET, now(), body));

    // Then it is the plain unauthorized answer
    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.json().get("code").asText()).isEqualTo("unauthorized");
  }

  @Test
  void expiredSignaturesArePrunedFromTheStore() {
    // Given a signature kept until a moment now past
    SignatureReplays replays = gateway.bean(SignatureReplays.class);
    Instant now = Instant.now();
    String expired = "e".repeat(64);
    assertThat(replays.firstUse("pruned", expired, now.minusSeconds(1), now)).isTrue();

    // When another signature is recorded more than a minute later
    replays.firstUse("pruned", "f".repeat(64), now.plusSeconds(3600), now.plusSeconds(120));

    // Then the expired one is gone, so the store does not grow without end
    assertThat(
            gateway
                .bean(JdbcClient.class)
                .sql("SELECT COUNT(*) FROM request_signature WHERE signature = :signature")
                .param("signature", expired)
                .query(Long.class)
                .single())
        .isZero();
  }
}
