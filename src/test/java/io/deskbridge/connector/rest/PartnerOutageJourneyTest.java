package io.deskbridge.connector.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.deskbridge.outbox.OutboxStore;
import io.deskbridge.partner.ApiKeys;
import io.deskbridge.support.ApiClient;
import io.deskbridge.support.GatewayConfigFiles;
import io.deskbridge.support.RunningGateway;
import io.deskbridge.support.ShiftedClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A partner's API that is down for minutes, lived through on the gateway's own clock with the
 * production retry policy and circuit breaker: the partner's server really refuses connections, and
 * once it is back every change arrives, once, in order per ticket.
 */
class PartnerOutageJourneyTest {

  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final List<String> TICKETS = List.of("OUT-1", "OUT-2", "OUT-3");

  @TempDir Path config;
  @TempDir Path data;

  private final ShiftedClock clock = new ShiftedClock();
  private final String partnerKey = ApiKeys.generate();
  private WireMockServer partnerApi;
  private RunningGateway gateway;

  @BeforeEach
  void start() {
    partnerApi = partnerApi(0);
    GatewayConfigFiles files = GatewayConfigFiles.standard(config);
    files.write(
        "connectors/outage.yml",
        """
        id: outage
        name: Outage Partner
        connector: rest
        settings:
          baseUrl: http://localhost:%d
          createPath: /api/tickets
          updatePath: /api/tickets/{externalId}
          commentPath: /api/tickets/{externalId}/comments
          connectTimeout: 1s
        security:
          apiKeys:
            - sha256: %s
        """
            .formatted(partnerApi.port(), ApiKeys.hashHex(partnerKey)));
    // The production retry policy and breaker; only the poll is quicker, which changes no timing
    // that matters here because every wait is measured on the gateway's clock.
    Map<String, Object> production = new LinkedHashMap<>();
    production.put("deskbridge.outbox.max-attempts", "10");
    production.put("deskbridge.outbox.initial-backoff", "2s");
    production.put("deskbridge.outbox.max-backoff", "15m");
    production.put("deskbridge.outbox.jitter", "0.5");
    gateway = RunningGateway.start(config, data, production, clock);
  }

  @AfterEach
  void stop() {
    gateway.close();
    partnerApi.stop();
  }

  @ParameterizedTest(name = "an outage of {0} minutes")
  @ValueSource(ints = {2, 10})
  void everyChangeMadeDuringAnOutageArrivesOnceAndInOrderAfterIt(int minutes) {
    // Given three tickets of the partner, and its API answering
    List<String> refs = TICKETS.stream().map(this::create).toList();
    reply(refs.get(0), "before the outage");
    await().atMost(PATIENCE).until(() -> accepted().size() == 1);

    // When its server goes away for some minutes of the gateway's time, while the manufacturer
    // answers every ticket twice and puts each on hold
    int port = partnerApi.port();
    partnerApi.stop();
    int outage = minutes * 60;
    for (int second = 0; second < outage; second += 10) {
      if (second == 0 || second == outage / 2) {
        for (String ref : refs) {
          reply(ref, "answer " + (second == 0 ? "one" : "two"));
        }
      }
      if (second == outage * 3 / 4) {
        refs.forEach(this::holdOn);
      }
      clock.advance(Duration.ofSeconds(10));
      awaitNothingDue();
    }

    // Then nothing was given up on while it was down
    assertThat(gateway.openDeadLetters("outage")).isEmpty();

    // When it comes back on the same address
    partnerApi = partnerApi(port);
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              clock.advance(Duration.ofSeconds(15));
              return accepted().size() >= 9;
            });

    // Then each of the nine changes arrived exactly once
    List<ServeEvent> accepted = accepted();
    assertThat(accepted).hasSize(9);
    assertThat(accepted.stream().map(PartnerOutageJourneyTest::changeId).distinct()).hasSize(9);
    // and on every ticket in the order they were made: two answers, then the hold
    for (String ticket : TICKETS) {
      List<ServeEvent> calls =
          accepted.stream().filter(e -> e.getRequest().getUrl().contains(ticket)).toList();
      assertThat(calls)
          .extracting(e -> e.getRequest().getMethod().getName())
          .containsExactly("POST", "POST", "PATCH");
      assertThat(calls.stream().map(PartnerOutageJourneyTest::changeId).toList()).isSorted();
      assertThat(calls.get(0).getRequest().getBodyAsString()).contains("answer one");
      assertThat(calls.get(1).getRequest().getBodyAsString()).contains("answer two");
    }
    assertThat(gateway.openDeadLetters("outage")).isEmpty();
  }

  private static WireMockServer partnerApi(int port) {
    WireMockServer server =
        new WireMockServer(
            port == 0
                ? WireMockConfiguration.options().dynamicPort()
                : WireMockConfiguration.options().port(port));
    server.start();
    server.stubFor(
        post(urlPathMatching("/api/tickets/[^/]+/comments"))
            .willReturn(okJson("{}").withStatus(201)));
    server.stubFor(patch(urlPathMatching("/api/tickets/[^/]+")).willReturn(okJson("{}")));
    return server;
  }

  private String create(String externalId) {
    ApiClient.Answer created =
        gateway
            .as(partnerKey)
            .post(
                "/api/v1/tickets",
                """
                {"externalId": "%s", "subject": "Panel FP-2000 in fault",
                 "description": "Earth fault on loop 2"}
                """
                    .formatted(externalId));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.json().get("ref").asText();
  }

  private void reply(String ref, String text) {
    ApiClient.Answer answer =
        gateway
            .agent()
            .post("/api/v1/tickets/" + ref + "/comments", "{\"text\": \"" + text + "\"}");
    assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
  }

  private void holdOn(String ref) {
    ApiClient.Answer answer =
        gateway.agent().patch("/api/v1/tickets/" + ref, "{\"status\": \"WAITING_ON_PARTNER\"}");
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
  }

  /** Waits until the dispatcher has tried every change that is due by the gateway's clock. */
  private void awaitNothingDue() {
    OutboxStore outbox = gateway.bean(OutboxStore.class);
    await().atMost(PATIENCE).until(() -> outbox.dueHeads(clock.instant(), 100).isEmpty());
  }

  /** The partner's answered calls, oldest first. */
  private List<ServeEvent> accepted() {
    List<ServeEvent> all = new ArrayList<>(partnerApi.getAllServeEvents());
    Collections.reverse(all);
    return all.stream().filter(e -> e.getResponse().getStatus() < 300).toList();
  }

  private static long changeId(ServeEvent event) {
    return Long.parseLong(
        event.getRequest().getHeader("Idempotency-Key").substring("deskbridge-".length()));
  }
}
