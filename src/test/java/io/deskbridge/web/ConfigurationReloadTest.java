package io.deskbridge.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.deskbridge.support.ApiClient;
import io.deskbridge.support.ApiClient.Answer;
import io.deskbridge.support.GatewayConfigFiles;
import io.deskbridge.support.RunningGateway;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ops change a mapping while a partner keeps sending: a broken file leaves the last good version in
 * force and is reported; the fixed file takes over without a restart; no change is lost meanwhile.
 */
class ConfigurationReloadTest {

  static final String VERSION_ONE =
      """
      tables:
        priorities: { срочно: CRITICAL, обычно: NORMAL }
      inbound:
        fields:
          externalId: { from: id, required: true }
          subject: { from: title, required: true }
          priority: { from: urgency, table: priorities }
      """;

  @TempDir Path config;
  @TempDir Path data;

  @Test
  void brokenMappingKeepsTheLastGoodOneInForceAndTheFixedOneTakesOverWhileChangesFlow()
      throws Exception {
    GatewayConfigFiles files = GatewayConfigFiles.standard(config);
    files.write("mappings/flow.yml", VERSION_ONE);
    String key = files.partner("flow", "rest", "flow");
    try (RunningGateway gateway =
        RunningGateway.start(config, data, Map.of("deskbridge.reload-interval", "100ms"))) {
      ApiClient partner = gateway.as(key);
      List<Integer> statuses = new CopyOnWriteArrayList<>();
      AtomicBoolean sending = new AtomicBoolean(true);
      AtomicInteger sent = new AtomicInteger();
      ExecutorService sender = Executors.newSingleThreadExecutor();
      // Given a partner that keeps sending tickets (bounded, so the test ends whatever happens)
      Future<?> flow =
          sender.submit(
              () -> {
                while (sending.get() && sent.get() < 2000) {
                  int n = sent.incrementAndGet();
                  Answer answer =
                      partner.post(
                          "/api/v1/tickets",
                          "{\"id\": \"F-" + n + "\", \"title\": \"t\", \"urgency\": \"срочно\"}");
                  statuses.add(answer.status());
                }
              });
      int version = gateway.ops().get("/api/v1/config").json().get("version").asInt();

      // When ops save a broken version of the mapping
      files.write(
          "mappings/flow.yml", VERSION_ONE.replace("table: priorities", "tabel: priorities"));

      // Then the watcher reports it, with file, line and a suggestion, and version one stays in
      // force
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> !gateway.ops().get("/api/v1/config").json().get("problems").isEmpty());
      JsonNode partners = gateway.ops().get("/api/v1/partners").json();
      assertThat(partners.get("configuration").get("version").asInt()).isEqualTo(version);
      assertThat(partners.get("configuration").get("problems").get(0).asText())
          .contains("flow.yml:7:", "unknown key", "did you mean 'table'");
      JsonNode answer = gateway.ops().post("/api/v1/config/reload", null).json();
      assertThat(answer.get("reloaded").asBoolean()).isFalse();
      assertThat(answer.get("problems")).isNotEmpty();
      assertThat(priorityOf(partner, "F-CHECK-1")).isEqualTo("CRITICAL");

      // When ops fix it, mapping срочно to HIGH now
      files.write("mappings/flow.yml", VERSION_ONE.replace("срочно: CRITICAL", "срочно: HIGH"));

      // Then the new version takes over without a restart
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> gateway.ops().get("/api/v1/config").json().get("version").asInt() > version);
      assertThat(gateway.ops().get("/api/v1/config").json().get("problems")).isEmpty();
      assertThat(priorityOf(partner, "F-CHECK-2")).isEqualTo("HIGH");

      // And every ticket sent meanwhile was taken, under one version or the other
      sending.set(false);
      flow.get(30, TimeUnit.SECONDS);
      sender.shutdown();
      assertThat(statuses).isNotEmpty().containsOnly(201);
      List<String> priorities =
          TicketJourneyTest.allTickets(gateway.agent()).stream()
              .map(t -> t.get("priority").asText())
              .distinct()
              .toList();
      assertThat(priorities).containsAnyOf("CRITICAL", "HIGH").isSubsetOf("CRITICAL", "HIGH");
    }
  }

  private static String priorityOf(ApiClient partner, String id) {
    Answer created =
        partner.post(
            "/api/v1/tickets",
            "{\"id\": \"" + id + "\", \"title\": \"t\", \"urgency\": \"срочно\"}");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.json().get("priority").asText();
  }
}
