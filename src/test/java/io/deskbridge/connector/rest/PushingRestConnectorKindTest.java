package io.deskbridge.connector.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.deskbridge.connector.ConnectorKind;
import io.deskbridge.connector.ConnectorKindContract;
import io.deskbridge.connector.ConnectorSettings;
import io.deskbridge.connector.DeliveryException;
import io.deskbridge.connector.DeliveryReceipt;
import io.deskbridge.connector.OutboundChange;
import io.deskbridge.connector.PartnerConnector;
import io.deskbridge.connector.PartnerContext;
import io.deskbridge.connector.PartnerRecords;
import io.deskbridge.support.MemoryConnectorState;
import io.deskbridge.ticket.Comment;
import io.deskbridge.ticket.EventType;
import io.deskbridge.ticket.Side;
import io.deskbridge.ticket.TicketEvent;
import io.deskbridge.ticket.Visibility;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code rest} kind in push mode keeps the connector contract against a WireMock partner API,
 * and what depends on time (token lifetimes, rate-limit resets, the breaker's cool-down) is checked
 * on a clock the test moves.
 */
class PushingRestConnectorKindTest extends ConnectorKindContract {

  private static final Instant START = Instant.parse("2026-01-31T08:00:00Z");

  static WireMockServer partnerApi;

  private final MovableClock clock = new MovableClock(START);

  @BeforeAll
  static void startPartnerApi() {
    partnerApi = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    partnerApi.start();
  }

  @AfterAll
  static void stopPartnerApi() {
    partnerApi.stop();
  }

  @BeforeEach
  void acceptUpdates() {
    partnerApi.resetAll();
    partnerApi.stubFor(patch(urlPathEqualTo("/api/tickets/P-1")).willReturn(okJson("{}")));
  }

  @Override
  protected ConnectorKind kind() {
    return new RestConnectorKind();
  }

  @Override
  protected Map<String, Object> validSettings() {
    Map<String, Object> settings = new HashMap<>();
    settings.put("baseUrl", partnerApi.baseUrl());
    settings.put("createPath", "/api/tickets");
    settings.put("updatePath", "/api/tickets/{externalId}");
    return settings;
  }

  private PartnerConnector open(Map<String, Object> settings) {
    assertThat(kind().validate(new ConnectorSettings(settings))).isEmpty();
    return kind()
        .open(
            new PartnerContext(
                "timed-partner",
                "Timed Partner",
                new ConnectorSettings(settings),
                recordingSink(),
                PartnerRecords.none(),
                new MemoryConnectorState(),
                attachment -> new byte[0],
                new DefaultCamelContext(),
                clock,
                workDir));
  }

  @Test
  void oauth2TokenIsKeptWhileGoodAndRenewedShortlyBeforeItExpires() throws Exception {
    // Given a token endpoint that hands out five-minute tokens, tok-1 then tok-2
    partnerApi.stubFor(
        post(urlPathEqualTo("/token"))
            .inScenario("tokens")
            .whenScenarioStateIs(STARTED)
            .willReturn(okJson("{\"access_token\": \"tok-1\", \"expires_in\": 300}"))
            .willSetStateTo("second"));
    partnerApi.stubFor(
        post(urlPathEqualTo("/token"))
            .inScenario("tokens")
            .whenScenarioStateIs("second")
            .willReturn(okJson("{\"access_token\": \"tok-2\", \"expires_in\": 300}")));
    Map<String, Object> settings = validSettings();
    settings.put("auth", "oauth2");
    settings.put("tokenUrl", partnerApi.baseUrl() + "/token");
    settings.put("clientId", "maker");
    settings.put("clientSecret", "client-secret");

    try (PartnerConnector connector = open(settings)) {
      // When changes go out at the start, a minute later, and 30 seconds before the token expires
      connector.deliver(statusChange(1));
      clock.advance(Duration.ofMinutes(1));
      connector.deliver(statusChange(2));
      clock.advance(Duration.ofSeconds(210));
      connector.deliver(statusChange(3));
    }

    // Then the first token served twice and a new one was fetched for the last change
    assertThat(partnerApi.findAll(patchRequestedFor(urlPathEqualTo("/api/tickets/P-1"))))
        .extracting(r -> r.getHeader("Authorization"))
        .containsExactly("Bearer tok-1", "Bearer tok-1", "Bearer tok-2");
    assertThat(partnerApi.findAll(postRequestedFor(urlPathEqualTo("/token")))).hasSize(2);
  }

  @Test
  void exhaustedRateLimitMakesTheNextChangeWaitForTheResetWithoutACall() throws Exception {
    // Given a partner API whose answer says no calls are left until 40 seconds from now
    long reset = START.plusSeconds(40).getEpochSecond();
    partnerApi.stubFor(
        patch(urlPathEqualTo("/api/tickets/P-1"))
            .willReturn(
                okJson("{}")
                    .withHeader("X-RateLimit-Remaining", "0")
                    .withHeader("X-RateLimit-Reset", String.valueOf(reset))));

    try (PartnerConnector connector = open(validSettings())) {
      connector.deliver(statusChange(1));

      // When the next change is due ten seconds later
      clock.advance(Duration.ofSeconds(10));
      DeliveryException refused =
          catchThrowableOfType(DeliveryException.class, () -> connector.deliver(statusChange(2)));

      // Then it is put off until the reset, and the partner's API is not called
      assertThat(refused.permanent()).isFalse();
      assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(30));
      assertThat(partnerApi.findAll(patchRequestedFor(urlPathEqualTo("/api/tickets/P-1"))))
          .hasSize(1);
    }
  }

  @Test
  void retryAfterAsAnHttpDateIsHonoured() throws Exception {
    // Given a partner API in maintenance until two minutes from now
    String until =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            ZonedDateTime.ofInstant(START.plusSeconds(120), ZoneOffset.UTC));
    partnerApi.stubFor(
        patch(urlPathEqualTo("/api/tickets/P-1"))
            .willReturn(aResponse().withStatus(503).withHeader("Retry-After", until)));

    try (PartnerConnector connector = open(validSettings())) {
      // When a change is delivered
      DeliveryException refused =
          catchThrowableOfType(DeliveryException.class, () -> connector.deliver(statusChange(1)));

      // Then the dispatcher is asked to come back at that time
      assertThat(refused.permanent()).isFalse();
      assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(120));
    }
  }

  @Test
  void openBreakerRefusesWithoutCallingAndLetsACallThroughAfterTheCoolDown() throws Exception {
    // Given a partner API that fails, and a breaker that opens after two failures for a minute
    partnerApi.stubFor(
        patch(urlPathEqualTo("/api/tickets/P-1"))
            .willReturn(aResponse().withStatus(500).withBody("down")));
    Map<String, Object> settings = validSettings();
    settings.put("circuitBreakerFailures", 2);
    settings.put("circuitBreakerCoolDown", "1m");

    try (PartnerConnector connector = open(settings)) {
      DeliveryException first =
          catchThrowableOfType(DeliveryException.class, () -> connector.deliver(statusChange(1)));
      DeliveryException opening =
          catchThrowableOfType(DeliveryException.class, () -> connector.deliver(statusChange(1)));
      // the first failure is left to the dispatcher's backoff; the one that opens the breaker
      // asks to come back after the cool-down rather than be refused before it
      assertThat(first.retryAfter()).isNull();
      assertThat(opening.retryAfter()).isEqualTo(Duration.ofMinutes(1));

      // When the next attempt comes 20 seconds later
      clock.advance(Duration.ofSeconds(20));
      DeliveryException refused =
          catchThrowableOfType(DeliveryException.class, () -> connector.deliver(statusChange(1)));

      // Then it fails fast with the rest of the cool-down, uncounted, and the health says why
      assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(40));
      assertThat(refused.deferred()).isTrue();
      assertThat(first.deferred()).isFalse();
      assertThat(partnerApi.findAll(patchRequestedFor(urlPathEqualTo("/api/tickets/P-1"))))
          .hasSize(2);
      assertThat(connector.check().up()).isFalse();

      // When the partner recovers and the cool-down is over
      partnerApi.stubFor(patch(urlPathEqualTo("/api/tickets/P-1")).willReturn(okJson("{}")));
      clock.advance(Duration.ofSeconds(41));

      // Then the change goes through and the breaker closes
      connector.deliver(statusChange(1));
      assertThat(connector.check().up()).isTrue();
    }
  }

  @Test
  void probeThatFindsThePartnerStillAwayDoesNotUseUpTheChangesAttempts() throws Exception {
    // Given a partner behind a proxy that answers 503 without its backend, and an open breaker
    partnerApi.stubFor(
        patch(urlPathEqualTo("/api/tickets/P-1"))
            .willReturn(aResponse().withStatus(503).withBody("no backend")));
    Map<String, Object> settings = validSettings();
    settings.put("circuitBreakerFailures", 1);
    settings.put("circuitBreakerCoolDown", "30s");
    try (PartnerConnector connector = open(settings)) {
      DeliveryException opening =
          catchThrowableOfType(DeliveryException.class, () -> connector.deliver(statusChange(1)));

      // When the probe after the cool-down finds it still away
      clock.advance(Duration.ofSeconds(30));
      DeliveryException probe =
          catchThrowableOfType(DeliveryException.class, () -> connector.deliver(statusChange(1)));

      // Then the call that opened the breaker counted, the probe does not, and it waits a cool-down
      assertThat(opening.deferred()).isFalse();
      assertThat(probe.deferred()).isTrue();
      assertThat(probe.retryAfter()).isEqualTo(Duration.ofSeconds(30));
      assertThat(probe.getMessage()).contains("503", "still unreachable");
    }
  }

  @Test
  void probeAnsweredWithA500CountsBecauseTheChangeItselfMayBeAtFault() throws Exception {
    // Given a partner that answers this change with a 500, and an open breaker
    partnerApi.stubFor(
        patch(urlPathEqualTo("/api/tickets/P-1"))
            .willReturn(aResponse().withStatus(500).withBody("NullPointerException")));
    Map<String, Object> settings = validSettings();
    settings.put("circuitBreakerFailures", 1);
    settings.put("circuitBreakerCoolDown", "30s");
    try (PartnerConnector connector = open(settings)) {
      catchThrowableOfType(DeliveryException.class, () -> connector.deliver(statusChange(1)));

      // When the probe gets the same answer
      clock.advance(Duration.ofSeconds(30));
      DeliveryException probe =
          catchThrowableOfType(DeliveryException.class, () -> connector.deliver(statusChange(1)));

      // Then it uses up an attempt, so a change the partner cannot take ends as a dead letter
      assertThat(probe.deferred()).isFalse();
      assertThat(probe.permanent()).isFalse();
    }
  }

  @Test
  void apiKeyInTheQueryIsSentButNeverNamedInAFailureReason() throws Exception {
    // Given a partner that takes its key as a query parameter and refuses the change
    partnerApi.stubFor(
        patch(urlPathEqualTo("/api/tickets/P-1"))
            .willReturn(aResponse().withStatus(422).withBody("status unknown")));
    Map<String, Object> settings = validSettings();
    settings.put("auth", "apiKeyQuery");
    settings.put("apiKey", "query-key-secret");

    try (PartnerConnector connector = open(settings)) {
      // When a change is delivered
      DeliveryException refused =
          catchThrowableOfType(DeliveryException.class, () -> connector.deliver(statusChange(1)));

      // Then the key went out in the query, and the permanent reason names the body, not the key
      LoggedRequest call =
          partnerApi.findAll(patchRequestedFor(urlPathEqualTo("/api/tickets/P-1"))).get(0);
      assertThat(call.queryParameter("api_key").firstValue()).isEqualTo("query-key-secret");
      assertThat(refused.permanent()).isTrue();
      assertThat(refused.getMessage()).contains("status unknown").doesNotContain("query-key");
    }
  }

  @Test
  void basicAuthenticationSendsTheUserAndPasswordEncoded() throws Exception {
    // Given a partner that takes basic authentication
    Map<String, Object> settings = validSettings();
    settings.put("auth", "basic");
    settings.put("username", "maker");
    settings.put("password", "päss:word");

    try (PartnerConnector connector = open(settings)) {
      // When a change is delivered
      connector.deliver(statusChange(1));
    }

    // Then the call carries them as RFC 7617 says, UTF-8 and base64
    LoggedRequest call =
        partnerApi.findAll(patchRequestedFor(urlPathEqualTo("/api/tickets/P-1"))).get(0);
    assertThat(call.getHeader("Authorization"))
        .isEqualTo(
            "Basic "
                + java.util.Base64.getEncoder()
                    .encodeToString(
                        "maker:päss:word".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  @Test
  void commentCallRecordsThePartnersCommentIdAndKeepsItsTicketId() throws Exception {
    // Given a partner whose comment endpoint answers with the new comment's id
    partnerApi.stubFor(
        post(urlPathEqualTo("/api/tickets/P-1/comments"))
            .willReturn(okJson("{\"comment\": {\"id\": 77}}").withStatus(201)));
    Map<String, Object> settings = validSettings();
    settings.put("commentPath", "/api/tickets/{externalId}/comments");
    settings.put("commentIdPointer", "/comment/id");
    OutboundChange status = statusChange(5);
    OutboundChange reply =
        new OutboundChange(
            5,
            status.destination(),
            new TicketEvent(
                5,
                1,
                EventType.COMMENTED,
                Side.MANUFACTURER,
                "api:1",
                START,
                Map.of("commentId", 9)),
            status.ticket(),
            new Comment(
                9,
                1,
                Side.MANUFACTURER,
                "Olga",
                null,
                Visibility.PUBLIC,
                "Swap fuse F2.",
                null,
                null,
                null,
                START,
                null),
            "P-1",
            Map.of("comment", Map.of("text", "Swap fuse F2.")));

    try (PartnerConnector connector = open(settings)) {
      // When the reply is delivered
      DeliveryReceipt receipt = connector.deliver(reply);

      // Then it was posted as a comment and both ids are known
      assertThat(receipt).isEqualTo(new DeliveryReceipt("P-1", "77"));
    }
  }

  /** A clock that stands still until the test moves it. */
  static final class MovableClock extends Clock {
    private Instant now;

    MovableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
