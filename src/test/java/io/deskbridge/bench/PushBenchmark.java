package io.deskbridge.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.deskbridge.support.ApiClient;
import io.deskbridge.support.GatewayConfigFiles;
import io.deskbridge.support.RunningGateway;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Measures a REST partner that signs its calls and receives the manufacturer's answers pushed to
 * its own API (WireMock, in the same JVM): signed creates over HTTP, then the pushes of the
 * manufacturer's comments from the outbox to the partner's API, each signed by the gateway.
 */
public final class PushBenchmark {

  private static final String SECRET = "bench-signing-secret";

  private static final String METHOD =
      "gateway, WireMock (the partner's API, no request journal) and C client threads in one JVM;"
          + " phase 1: N signed creates (X-DeskBridge-Signature, HMAC-SHA256 over t.body,"
          + " Idempotency-Key) by the partner, latency = System.nanoTime() around each call,"
          + " rate = N / wall time; phase 2: one manufacturer comment per ticket, each pushed by"
          + " the outbox to the partner's comments path with the gateway's own signature, rate ="
          + " N / time from the first comment to the last delivered outbox row, push latency ="
          + " outbox delivered_at - created_at; percentiles nearest-rank; baseline = the same N"
          + " POSTs straight to WireMock from C threads with java.net.http, in the same run.";

  private PushBenchmark() {}

  public static void main(String[] args) {
    BenchmarkExit.after(() -> run());
  }

  private static boolean run() throws Exception {
    int count = Integer.getInteger("bench.pushes", 2000);
    int clients = Integer.getInteger("bench.clients", 8);
    // The partner's parallelCalls; 1 measures the single ordered lane for comparison.
    int parallel = Integer.getInteger("bench.parallelCalls", 4);
    Path output =
        Path.of(System.getProperty("bench.pushOutput", "target/bench/push-benchmark.json"));
    Path work = Files.createTempDirectory("deskbridge-push-bench-");
    WireMockServer api =
        new WireMockServer(
            WireMockConfiguration.options()
                .dynamicPort()
                .disableRequestJournal()
                .containerThreads(16));
    api.start();
    api.stubFor(
        post(urlPathMatching("/acme/api/tickets/.*/comments"))
            .willReturn(aResponse().withStatus(201).withBody("{\"id\":\"C-1\"}")));
    try {
      GatewayConfigFiles files = GatewayConfigFiles.standard(work.resolve("config"));
      String signing = files.secret("acme-signing", SECRET);
      String key =
          files.partner(
              "acme",
              "rest",
              null,
              "  signing:\n    secret: \"%s\"\nsettings:\n  baseUrl: http://localhost:%d/acme\n"
                      .formatted(signing, api.port())
                  + "  createPath: /api/tickets\n  updatePath: /api/tickets/{externalId}\n"
                  + "  commentPath: /api/tickets/{externalId}/comments\n"
                  + "  signingSecret: \"%s\"\n".formatted(signing)
                  + "  parallelCalls: %d\n".formatted(parallel));
      Map<String, Object> settings = new LinkedHashMap<>();
      settings.put("deskbridge.outbox.poll-interval", "1s");
      settings.put("deskbridge.outbox.initial-backoff", "2s");
      settings.put("deskbridge.outbox.max-backoff", "15m");
      settings.put("deskbridge.outbox.max-attempts", "10");
      settings.put("logging.level.root", "WARN");
      try (RunningGateway gateway =
          RunningGateway.start(work.resolve("config"), work.resolve("data"), settings)) {
        ApiClient partner = gateway.as(key);
        JdbcClient jdbc = gateway.bean(JdbcClient.class);
        // Warm-up, not counted: creates and pushes through every path once the JIT has seen them.
        List<String> warm = creates(partner, "W-", 200, clients, new ArrayList<>());
        comments(gateway.agent(), warm, clients);
        awaitDelivered(jdbc, warm.size());

        List<Long> createNanos = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        List<String> refs = creates(partner, "B-", count, clients, createNanos);
        double createSeconds = (System.nanoTime() - start) / 1e9;

        Instant pushStart = Instant.now();
        long pushStartNanos = System.nanoTime();
        comments(gateway.agent(), refs, clients);
        awaitDelivered(jdbc, warm.size() + count);
        double pushSeconds = (System.nanoTime() - pushStartNanos) / 1e9;
        long[] pushMillis = pushLatencies(jdbc, pushStart);

        double baseline = baseline(api.port(), count, clients);
        long[] creates = createNanos.stream().mapToLong(Long::longValue).sorted().toArray();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("method", METHOD);
        json.put("changes", count);
        json.put("clients", clients);
        json.put("parallelCalls", parallel);
        json.put("signedCreatesPerSecond", round(count / createSeconds));
        json.put(
            "signedCreateP50Ms", round(GatewayBenchmark.Summary.percentile(creates, 50) / 1e6));
        json.put(
            "signedCreateP99Ms", round(GatewayBenchmark.Summary.percentile(creates, 99) / 1e6));
        json.put("pushesPerSecond", round(count / pushSeconds));
        json.put("pushP50Ms", GatewayBenchmark.Summary.percentile(pushMillis, 50));
        json.put("pushP99Ms", GatewayBenchmark.Summary.percentile(pushMillis, 99));
        json.put("baselineDirectPostsPerSecond", round(baseline));
        Files.createDirectories(output.getParent());
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        mapper.writeValue(output.toFile(), json);
        System.out.println(mapper.writeValueAsString(json));
        return true;
      }
    } finally {
      api.stop();
      GatewayBenchmark.deleteTree(work);
    }
  }

  private static List<String> creates(
      ApiClient partner, String prefix, int count, int clients, List<Long> nanos) throws Exception {
    List<String> refs = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger next = new AtomicInteger();
    runClients(
        clients,
        () -> {
          for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
            String body =
                "{\"externalId\":\"" + prefix + i + "\",\"subject\":\"Panel " + i + " offline\"}";
            long t0 = System.nanoTime();
            var answer =
                partner.post(
                    "/api/v1/tickets",
                    body,
                    "X-DeskBridge-Signature",
                    signature(body),
                    "Idempotency-Key",
                    prefix + i);
            nanos.add(System.nanoTime() - t0);
            if (answer.status() != 201) {
              throw new IllegalStateException("create failed: " + answer);
            }
            refs.add(answer.json().get("ref").asText());
          }
        });
    return refs;
  }

  private static void comments(ApiClient agent, List<String> refs, int clients) throws Exception {
    AtomicInteger next = new AtomicInteger();
    runClients(
        clients,
        () -> {
          for (int i = next.getAndIncrement(); i < refs.size(); i = next.getAndIncrement()) {
            var answer =
                agent.post(
                    "/api/v1/tickets/" + refs.get(i) + "/comments",
                    "{\"text\":\"Please check the loop resistance.\"}");
            if (answer.status() != 201) {
              throw new IllegalStateException("comment failed: " + answer);
            }
          }
        });
  }

  private static void runClients(int clients, Runnable work) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        running.add(pool.submit(work));
      }
      for (Future<?> future : running) {
        future.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  private static String signature(String body) {
    try {
      long t = Instant.now().getEpochSecond();
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] digest = mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8));
      return "t=" + t + ",v1=" + HexFormat.of().formatHex(digest);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void awaitDelivered(JdbcClient jdbc, long rows) {
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofMinutes(10))
        .pollInterval(Duration.ofMillis(5))
        .until(
            () ->
                jdbc.sql(
                            "SELECT COUNT(*) FROM outbox WHERE destination = 'acme'"
                                + " AND state = 'DELIVERED'")
                        .query(Long.class)
                        .single()
                    >= rows);
  }

  private static long[] pushLatencies(JdbcClient jdbc, Instant since) {
    return jdbc
        .sql(
            "SELECT created_at, delivered_at FROM outbox WHERE destination = 'acme'"
                + " AND state = 'DELIVERED' AND created_at >= :since")
        .param("since", Timestamp.from(since))
        .query(
            (rs, n) ->
                Duration.between(
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("delivered_at").toInstant())
                    .toMillis())
        .list()
        .stream()
        .mapToLong(Long::longValue)
        .sorted()
        .toArray();
  }

  private static double baseline(int port, int count, int clients) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    URI uri = URI.create("http://localhost:" + port + "/acme/api/tickets/X/comments");
    AtomicInteger next = new AtomicInteger();
    long start = System.nanoTime();
    runClients(
        clients,
        () -> {
          for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
            try {
              http.send(
                  HttpRequest.newBuilder(uri)
                      .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"x\"}"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          }
        });
    return count / ((System.nanoTime() - start) / 1e9);
  }

  private static double round(double value) {
    return Math.round(value * 10) / 10.0;
  }
}
