package io.deskbridge.connector.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.deskbridge.partner.ApiKeys;
import io.deskbridge.support.ApiClient;
import io.deskbridge.support.GatewayConfigFiles;
import io.deskbridge.support.RunningGateway;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Partners with an API of their own, played by WireMock: the manufacturer's changes reach it as
 * authenticated, signed, idempotent calls; a partner API that fails, stalls, rate-limits or refuses
 * is handled in the dispatcher's terms; and one partner being down holds up no other.
 */
class RestPartnerPushJourneyTest {

  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final String ACME_TOKEN = "acme-bearer-token";
  private static final String ACME_SIGNING = "acme-signing-secret";

  @TempDir static Path config;
  @TempDir static Path data;
  @TempDir static Path secrets;

  static WireMockServer partnerApi;
  static RunningGateway gateway;
  static final Map<String, String> partnerKeys = new LinkedHashMap<>();

  @BeforeAll
  static void start() throws IOException {
    partnerApi = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    partnerApi.start();
    // A cold WireMock answers its first call slowly; the timeout test wants only its own delay.
    new ApiClient(partnerApi.port(), null).get("/warm-up");
    String api = "http://localhost:" + partnerApi.port();
    GatewayConfigFiles files = GatewayConfigFiles.standard(config);
    partner(
        files,
        "acme",
        """
          baseUrl: %s/acme
          createPath: /api/tickets
          updatePath: /api/tickets/{externalId}
          commentPath: /api/tickets/{externalId}/comments
          commentIdPointer: /id
          headers:
            X-Tenant: maker
          auth: bearer
          token: "%s"
          signingSecret: "%s"
        """
            .formatted(api, secret("acme-token", ACME_TOKEN), secret("acme-sign", ACME_SIGNING)));
    partner(
        files,
        "flaky",
        """
          baseUrl: %s/flaky
          createPath: /api/tickets
          updatePath: /api/tickets/{externalId}
          commentPath: /api/tickets/{externalId}/comments
          circuitBreakerFailures: 50
        """
            .formatted(api));
    partner(
        files,
        "slow",
        """
          baseUrl: %s/slow
          createPath: /api/tickets
          updatePath: /api/tickets/{externalId}
          commentPath: /api/tickets/{externalId}/comments
          readTimeout: 1s
        """
            .formatted(api));
    partner(
        files,
        "oauthy",
        """
          baseUrl: %s/oauthy
          createPath: /api/tickets
          updatePath: /api/tickets/{externalId}
          commentPath: /api/tickets/{externalId}/comments
          auth: oauth2
          tokenUrl: %s/oauthy/token
          clientId: maker-gateway
          clientSecret: "%s"
          scope: tickets
        """
            .formatted(api, api, secret("oauthy-client", "oauthy-client-secret")));
    partner(
        files,
        "expiring",
        """
          baseUrl: %s/expiring
          createPath: /api/tickets
          updatePath: /api/tickets/{externalId}
          commentPath: /api/tickets/{externalId}/comments
          auth: oauth2
          tokenUrl: %s/expiring/token
          clientId: maker-gateway
          clientSecret: "%s"
        """
            .formatted(api, api, secret("expiring-client", "expiring-client-secret")));
    partner(
        files,
        "down",
        """
          baseUrl: http://localhost:%d/down
          createPath: /api/tickets
          updatePath: /api/tickets/{externalId}
          connectTimeout: 1s
          circuitBreakerFailures: 2
          circuitBreakerCoolDown: 1h
        """
            .formatted(closedPort()));
    partner(
        files,
        "steady",
        """
          baseUrl: %s/steady
          createPath: /api/tickets
          updatePath: /api/tickets/{externalId}
          commentPath: /api/tickets/{externalId}/comments
          auth: apiKeyHeader
          apiKeyName: X-Api-Key
          apiKey: "%s"
        """
            .formatted(api, secret("steady-key", "steady-api-key")));
    partner(
        files,
        "busy",
        """
          baseUrl: %s/busy
          createPath: /api/tickets
          updatePath: /api/tickets/{externalId}
          commentPath: /api/tickets/{externalId}/comments
          parallelCalls: 4
        """
            .formatted(api));
    gateway = RunningGateway.start(config, data, Map.of("deskbridge.outbox.max-attempts", "10"));
  }

  @AfterAll
  static void stop() {
    gateway.close();
    partnerApi.stop();
  }

  @Test
  void replyBecomesASignedCreateAndTheReturnedIdTurnsTheNextChangeIntoAnUpdate() throws Exception {
    // Given a ticket the partner opened through the gateway's API without its own id
    String ref = create("acme", null);
    partnerApi.stubFor(
        post(urlPathEqualTo("/acme/api/tickets"))
            .withRequestBody(matchingJsonPath("$.ref", equalTo(ref)))
            .willReturn(okJson("{\"id\": \"R-100\", \"status\": \"new\"}").withStatus(201)));
    partnerApi.stubFor(patch(urlPathEqualTo("/acme/api/tickets/R-100")).willReturn(okJson("{}")));

    // When the manufacturer replies
    gateway.agent().post("/api/v1/tickets/" + ref + "/comments", "{\"text\": \"Swap fuse F2.\"}");

    // Then the partner's API gets a create with the mapped record, our token, header and signature
    LoggedRequest created = awaitRequest("POST", "/acme/api/tickets");
    String body = created.getBodyAsString();
    assertThat(body).contains(ref).contains("Swap fuse F2.");
    assertThat(created.getHeader("Authorization")).isEqualTo("Bearer " + ACME_TOKEN);
    assertThat(created.getHeader("X-Tenant")).isEqualTo("maker");
    assertThat(created.getHeader("Idempotency-Key")).startsWith("deskbridge-");
    assertThat(signatureIsValid(created.getHeader("X-DeskBridge-Signature"), created.getBody()))
        .isTrue();

    // When the manufacturer then changes the ticket's status
    gateway.agent().patch("/api/v1/tickets/" + ref, "{\"status\": \"WAITING_ON_PARTNER\"}");

    // Then the change goes to the id the partner returned, as an update, and nothing is created
    LoggedRequest updated = awaitRequest("PATCH", "/acme/api/tickets/R-100");
    assertThat(updated.getBodyAsString()).contains(ref);
    assertThat(requests("POST", "/acme/api/tickets")).hasSize(1);
  }

  @Test
  void replyToATicketWithThePartnersOwnIdIsPostedToThatTicketsComments() {
    // Given a ticket the partner opened under its own id
    String ref = create("acme", "ACME-7");
    partnerApi.stubFor(
        post(urlPathEqualTo("/acme/api/tickets/ACME-7/comments"))
            .willReturn(okJson("{\"id\": \"C-1\"}").withStatus(201)));

    // When the manufacturer replies
    gateway.agent().post("/api/v1/tickets/" + ref + "/comments", "{\"text\": \"On our way.\"}");

    // Then the reply is a comment on the partner's ticket
    LoggedRequest comment = awaitRequest("POST", "/acme/api/tickets/ACME-7/comments");
    assertThat(comment.getBodyAsString()).contains("On our way.");
  }

  @Test
  void partnerApiFailingWith500sGetsEveryChangeOnceAndInOrderWhenItRecovers() {
    // Given a partner API that fails the first two calls on a ticket with 500
    String ref = create("flaky", "FLAKY-500");
    String comments = "/flaky/api/tickets/FLAKY-500/comments";
    partnerApi.stubFor(
        post(urlPathEqualTo(comments))
            .inScenario("500s")
            .whenScenarioStateIs(STARTED)
            .willReturn(aResponse().withStatus(500).withBody("oops"))
            .willSetStateTo("failed once"));
    partnerApi.stubFor(
        post(urlPathEqualTo(comments))
            .inScenario("500s")
            .whenScenarioStateIs("failed once")
            .willReturn(aResponse().withStatus(502).withBody("bad gateway"))
            .willSetStateTo("recovered"));
    partnerApi.stubFor(
        post(urlPathEqualTo(comments))
            .inScenario("500s")
            .whenScenarioStateIs("recovered")
            .willReturn(okJson("{}").withStatus(201)));
    partnerApi.stubFor(
        patch(urlPathEqualTo("/flaky/api/tickets/FLAKY-500")).willReturn(okJson("{}")));

    // When the manufacturer replies and then changes the status
    gateway.agent().post("/api/v1/tickets/" + ref + "/comments", "{\"text\": \"first\"}");
    gateway.agent().patch("/api/v1/tickets/" + ref, "{\"status\": \"WAITING_ON_PARTNER\"}");

    // Then the reply arrives once after its retries, and the status change only after it
    awaitRequest("PATCH", "/flaky/api/tickets/FLAKY-500");
    List<ServeEvent> ticket = served(e -> e.getRequest().getUrl().contains("FLAKY-500"));
    List<ServeEvent> accepted = ticket.stream().filter(e -> status(e) < 300).toList();
    assertThat(accepted)
        .extracting(e -> e.getRequest().getMethod().getName())
        .containsExactly("POST", "PATCH");
    assertThat(accepted.stream().map(RestPartnerPushJourneyTest::idempotencyKey).distinct())
        .hasSize(2);
    assertThat(changeId(accepted.get(0))).isLessThan(changeId(accepted.get(1)));
    // and every failed call was the same change, under the same key
    assertThat(ticket.stream().filter(e -> status(e) >= 500).map(e -> idempotencyKey(e)))
        .hasSize(2)
        .containsOnly(idempotencyKey(accepted.get(0)));
  }

  @Test
  void callThatTimesOutIsRetriedUnderTheSameIdempotencyKey() {
    // Given a partner API whose first answer comes after our read timeout
    String ref = create("slow", "SLOW-1");
    String comments = "/slow/api/tickets/SLOW-1/comments";
    partnerApi.stubFor(
        post(urlPathEqualTo(comments))
            .inScenario("slow")
            .whenScenarioStateIs(STARTED)
            .willReturn(okJson("{}").withStatus(201).withFixedDelay(4000))
            .willSetStateTo("fast"));
    partnerApi.stubFor(
        post(urlPathEqualTo(comments))
            .inScenario("slow")
            .whenScenarioStateIs("fast")
            .willReturn(okJson("{}").withStatus(201)));

    // When the manufacturer replies
    gateway.agent().post("/api/v1/tickets/" + ref + "/comments", "{\"text\": \"slow one\"}");

    // Then the reply is sent again after the timeout, with the key that lets the partner drop
    // the late first copy
    await().atMost(PATIENCE).until(() -> requests("POST", comments).size() >= 2);
    List<LoggedRequest> calls = requests("POST", comments);
    assertThat(calls).extracting(r -> r.getHeader("Idempotency-Key")).containsOnly(key(calls));
    assertThat(openDeadLetters("slow", ref)).isEmpty();
  }

  @Test
  void rateLimitedCallWaitsForRetryAfterAndIsThenDelivered() {
    // Given a partner API that answers 429 with Retry-After: 1 once
    String ref = create("flaky", "FLAKY-429");
    String comments = "/flaky/api/tickets/FLAKY-429/comments";
    partnerApi.stubFor(
        post(urlPathEqualTo(comments))
            .inScenario("429")
            .whenScenarioStateIs(STARTED)
            .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1"))
            .willSetStateTo("allowed"));
    partnerApi.stubFor(
        post(urlPathEqualTo(comments))
            .inScenario("429")
            .whenScenarioStateIs("allowed")
            .willReturn(okJson("{}").withStatus(201)));

    // When the manufacturer replies
    gateway.agent().post("/api/v1/tickets/" + ref + "/comments", "{\"text\": \"not so fast\"}");

    // Then the second call comes no sooner than the partner asked, and is accepted
    await().atMost(PATIENCE).until(() -> requests("POST", comments).size() >= 2);
    List<ServeEvent> calls = served(e -> e.getRequest().getUrl().contains("FLAKY-429"));
    assertThat(calls).extracting(RestPartnerPushJourneyTest::status).containsExactly(429, 201);
    long gap =
        calls.get(1).getRequest().getLoggedDate().getTime()
            - calls.get(0).getRequest().getLoggedDate().getTime();
    assertThat(gap).isGreaterThanOrEqualTo(1000);
  }

  @Test
  void refusalWithABodyBecomesADeadLetterCarryingThatBody() {
    // Given a partner API that refuses the reply as invalid
    String ref = create("flaky", "FLAKY-400");
    partnerApi.stubFor(
        post(urlPathEqualTo("/flaky/api/tickets/FLAKY-400/comments"))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withBody("{\"error\": \"comment text exceeds 20 characters\"}")));

    // When the manufacturer replies
    gateway
        .agent()
        .post(
            "/api/v1/tickets/" + ref + "/comments",
            "{\"text\": \"a reply far longer than twenty characters\"}");

    // Then it is parked at once with the partner's own words as the reason
    await().atMost(PATIENCE).until(() -> !openDeadLetters("flaky", ref).isEmpty());
    JsonNode letter = openDeadLetters("flaky", ref).get(0);
    assertThat(letter.get("reason").asText())
        .contains("400")
        .contains("comment text exceeds 20 characters");
    assertThat(letter.get("attempts").asInt()).as(letter.toString()).isEqualTo(1);
  }

  @Test
  void refusedOAuth2TokenIsRenewedOnceAndTheCallSucceeds() {
    // Given a token endpoint handing out tok-1 then tok-2, and an API that refuses tok-1
    String ref = create("oauthy", "OAUTH-1");
    partnerApi.stubFor(
        post(urlPathEqualTo("/oauthy/token"))
            .inScenario("tokens")
            .whenScenarioStateIs(STARTED)
            .willReturn(okJson("{\"access_token\": \"tok-1\", \"expires_in\": 3600}"))
            .willSetStateTo("second"));
    partnerApi.stubFor(
        post(urlPathEqualTo("/oauthy/token"))
            .inScenario("tokens")
            .whenScenarioStateIs("second")
            .willReturn(okJson("{\"access_token\": \"tok-2\", \"expires_in\": 3600}")));
    partnerApi.stubFor(
        any(urlPathMatching("/oauthy/api/.*"))
            .withHeader("Authorization", equalTo("Bearer tok-1"))
            .willReturn(aResponse().withStatus(401)));
    partnerApi.stubFor(
        any(urlPathMatching("/oauthy/api/.*"))
            .withHeader("Authorization", equalTo("Bearer tok-2"))
            .willReturn(okJson("{}").withStatus(201)));

    // When the manufacturer replies
    gateway.agent().post("/api/v1/tickets/" + ref + "/comments", "{\"text\": \"token test\"}");

    // Then the reply goes through with the renewed token, fetched with the client credentials
    LoggedRequest accepted =
        await()
            .atMost(PATIENCE)
            .until(
                () ->
                    requests("POST", "/oauthy/api/tickets/OAUTH-1/comments").stream()
                        .filter(r -> "Bearer tok-2".equals(r.getHeader("Authorization")))
                        .findFirst()
                        .orElse(null),
                r -> r != null);
    assertThat(accepted.getBodyAsString()).contains("token test");
    List<LoggedRequest> tokenCalls = requests("POST", "/oauthy/token");
    assertThat(tokenCalls).hasSize(2);
    assertThat(tokenCalls.get(0).getBodyAsString())
        .contains("grant_type=client_credentials")
        .contains("client_id=maker-gateway")
        .contains("scope=tickets");
    assertThat(openDeadLetters("oauthy", ref)).isEmpty();
  }

  @Test
  void tokenThatExpiresBetweenTwoChangesIsReplacedBeforeTheSecond() {
    // Given a token endpoint whose tokens expire at once: tok-a, then tok-b
    String ref = create("expiring", "EXP-1");
    partnerApi.stubFor(
        post(urlPathEqualTo("/expiring/token"))
            .inScenario("expiring tokens")
            .whenScenarioStateIs(STARTED)
            .willReturn(okJson("{\"access_token\": \"tok-a\", \"expires_in\": 0}"))
            .willSetStateTo("second"));
    partnerApi.stubFor(
        post(urlPathEqualTo("/expiring/token"))
            .inScenario("expiring tokens")
            .whenScenarioStateIs("second")
            .willReturn(okJson("{\"access_token\": \"tok-b\", \"expires_in\": 0}")));
    partnerApi.stubFor(
        any(urlPathMatching("/expiring/api/.*")).willReturn(okJson("{}").withStatus(201)));

    // When the manufacturer replies twice, the token having expired in between
    gateway.agent().post("/api/v1/tickets/" + ref + "/comments", "{\"text\": \"first\"}");
    await()
        .atMost(PATIENCE)
        .until(() -> requests("POST", "/expiring/api/tickets/EXP-1/comments").size() == 1);
    gateway.agent().post("/api/v1/tickets/" + ref + "/comments", "{\"text\": \"second\"}");

    // Then the second call carries a token fetched after the first had expired
    List<LoggedRequest> calls =
        await()
            .atMost(PATIENCE)
            .until(
                () -> requests("POST", "/expiring/api/tickets/EXP-1/comments"),
                list -> list.size() == 2);
    assertThat(calls.get(0).getHeader("Authorization")).isEqualTo("Bearer tok-a");
    assertThat(calls.get(1).getHeader("Authorization")).isEqualTo("Bearer tok-b");
    assertThat(requests("POST", "/expiring/token")).hasSize(2);
    assertThat(openDeadLetters("expiring", ref)).isEmpty();
  }

  @Test
  void partnerWithParallelCallsGetsSeveralTicketsAtOnceAndEachTicketInOrder() {
    // Given a partner whose API takes 400 ms per call and allows four calls at once
    List<String> refs = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      refs.add(create("busy", "BUSY-" + i));
    }
    partnerApi.stubFor(
        post(urlPathMatching("/busy/api/tickets/BUSY-\\d/comments"))
            .willReturn(okJson("{}").withStatus(201).withFixedDelay(400)));

    // When the manufacturer answers each ticket twice
    for (String ref : refs) {
      gateway.agent().post("/api/v1/tickets/" + ref + "/comments", "{\"text\": \"first\"}");
      gateway.agent().post("/api/v1/tickets/" + ref + "/comments", "{\"text\": \"second\"}");
    }

    // Then calls for different tickets were under way at the same time
    await()
        .atMost(PATIENCE)
        .until(() -> served(e -> e.getRequest().getUrl().startsWith("/busy/")).size() == 8);
    List<ServeEvent> calls = served(e -> e.getRequest().getUrl().startsWith("/busy/"));
    assertThat(mostAtOnce(calls)).isGreaterThan(1);
    // and each ticket got its answers one after the other, in order
    for (int i = 1; i <= 4; i++) {
      String ticket = "BUSY-" + i;
      List<ServeEvent> own =
          calls.stream().filter(e -> e.getRequest().getUrl().contains(ticket + "/")).toList();
      assertThat(own)
          .extracting(e -> e.getRequest().getBodyAsString())
          .satisfiesExactly(
              first -> assertThat(first).contains("first"),
              second -> assertThat(second).contains("second"));
      assertThat(startMillis(own.get(1))).isGreaterThanOrEqualTo(endMillis(own.get(0)));
    }
  }

  /** The most calls the partner's API was serving at one moment. */
  private static int mostAtOnce(List<ServeEvent> calls) {
    int most = 0;
    for (ServeEvent call : calls) {
      long at = startMillis(call);
      int open = 0;
      for (ServeEvent other : calls) {
        if (startMillis(other) <= at && at < endMillis(other)) {
          open++;
        }
      }
      most = Math.max(most, open);
    }
    return most;
  }

  private static long startMillis(ServeEvent call) {
    return call.getRequest().getLoggedDate().getTime();
  }

  /** When the call was answered at the earliest: its start plus the API's fixed delay. */
  private static long endMillis(ServeEvent call) {
    return startMillis(call) + 400;
  }

  @Test
  void partnerThatIsDownHoldsUpNoOtherPartner() {
    // Given one partner whose API cannot be reached
    String downRef = create("down", "DOWN-1");
    String steadyRef = create("steady", "STEADY-1");
    partnerApi.stubFor(
        post(urlPathEqualTo("/steady/api/tickets/STEADY-1/comments"))
            .willReturn(okJson("{}").withStatus(201)));

    // When the manufacturer answers both partners' tickets, the unreachable one first
    for (int i = 1; i <= 3; i++) {
      gateway
          .agent()
          .post("/api/v1/tickets/" + downRef + "/comments", "{\"text\": \"down " + i + "\"}");
    }
    gateway
        .agent()
        .post("/api/v1/tickets/" + steadyRef + "/comments", "{\"text\": \"steady reply\"}");

    // Then the other partner gets its answer, with its API key
    LoggedRequest steady = awaitRequest("POST", "/steady/api/tickets/STEADY-1/comments");
    assertThat(steady.getHeader("X-Api-Key")).isEqualTo("steady-api-key");
    // and the unreachable partner's breaker opens, so its changes wait instead of failing
    await()
        .atMost(PATIENCE)
        .until(() -> partnerHealth("down").path("detail").asText().contains("circuit breaker"));
    assertThat(partnerHealth("down").path("up").asBoolean()).isFalse();
    assertThat(openDeadLetters("down", downRef)).isEmpty();
  }

  // --- the partners and their API

  private static void partner(GatewayConfigFiles files, String id, String settings) {
    String key = ApiKeys.generate();
    files.write(
        "connectors/" + id + ".yml",
        "id: "
            + id
            + "\nname: Partner "
            + id
            + "\nconnector: rest\nsettings:\n"
            + settings
            + "security:\n  apiKeys:\n    - sha256: "
            + ApiKeys.hashHex(key)
            + "\n");
    partnerKeys.put(id, key);
  }

  private static String secret(String name, String value) throws IOException {
    Path file = secrets.resolve(name);
    Files.writeString(file, value);
    return "file:" + file;
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static String create(String partner, String externalId) {
    String body =
        """
        {%s"subject": "Panel FP-2000 in fault", "priority": "HIGH",
         "description": "Earth fault on loop 2", "category": "fault",
         "product": {"model": "FP-2000", "serialNumber": "SN-1", "firmware": "3.2.1"},
         "site": {"name": "Riverside Mall", "address": "12 River Road"},
         "requester": {"name": "Jane Doe", "email": "jane@partner.example"}}
        """
            .formatted(externalId == null ? "" : "\"externalId\": \"" + externalId + "\", ");
    ApiClient.Answer created = gateway.as(partnerKeys.get(partner)).post("/api/v1/tickets", body);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.json().get("ref").asText();
  }

  private static List<LoggedRequest> requests(String method, String path) {
    return served(
            e ->
                e.getRequest().getMethod().getName().equals(method)
                    && e.getRequest().getUrl().split("\\?")[0].equals(path))
        .stream()
        .map(ServeEvent::getRequest)
        .map(LoggedRequest.class::cast)
        .toList();
  }

  /** The partner API's calls matching the filter, oldest first. */
  private static List<ServeEvent> served(Predicate<ServeEvent> filter) {
    List<ServeEvent> all = new ArrayList<>(partnerApi.getAllServeEvents());
    java.util.Collections.reverse(all);
    return all.stream().filter(filter).toList();
  }

  private static LoggedRequest awaitRequest(String method, String path) {
    await().atMost(PATIENCE).until(() -> !requests(method, path).isEmpty());
    return requests(method, path).get(0);
  }

  private static int status(ServeEvent event) {
    return event.getResponse().getStatus();
  }

  private static String idempotencyKey(ServeEvent event) {
    return event.getRequest().getHeader("Idempotency-Key");
  }

  private static long changeId(ServeEvent event) {
    return Long.parseLong(idempotencyKey(event).substring("deskbridge-".length()));
  }

  private static String key(List<LoggedRequest> calls) {
    return calls.get(0).getHeader("Idempotency-Key");
  }

  private static List<JsonNode> openDeadLetters(String side, String ref) {
    return gateway.openDeadLetters(side).stream()
        .filter(letter -> ref.equals(letter.path("ticket").asText()))
        .toList();
  }

  private static JsonNode partnerHealth(String id) {
    JsonNode list = gateway.ops().get("/api/v1/partners").json();
    for (JsonNode partner : list.path("partners")) {
      if (id.equals(partner.path("id").asText())) {
        return partner.path("health");
      }
    }
    throw new AssertionError("no partner " + id + " in " + list);
  }

  /** Verifies the signature as a partner would, with nothing but javax.crypto. */
  private static boolean signatureIsValid(String header, byte[] body) throws Exception {
    String t = header.replaceAll("^t=(\\d+),v1=[0-9a-f]+$", "$1");
    String v1 = header.replaceAll("^t=\\d+,v1=([0-9a-f]+)$", "$1");
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(ACME_SIGNING.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
    mac.update(body);
    return HexFormat.of().formatHex(mac.doFinal()).equals(v1);
  }
}
