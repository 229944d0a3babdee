package io.deskbridge.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.deskbridge.DeskBridgeApplication;
import io.deskbridge.partner.ApiKeys;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole gateway started for a test on a random port, over a file H2 database in a directory the
 * test owns, so that a test can stop it and start it again on the same data.
 */
public final class RunningGateway implements AutoCloseable {

  /** The manufacturer agent's and ops' tokens every test gateway accepts. */
  public static final String AGENT_TOKEN = ApiKeys.generate();

  public static final String OPS_TOKEN = ApiKeys.generate();

  private final ConfigurableApplicationContext context;

  private RunningGateway(ConfigurableApplicationContext context) {
    this.context = context;
  }

  public static RunningGateway start(Path configDir, Path dataDir, Map<String, Object> extra) {
    return start(configDir, dataDir, extra, null);
  }

  /** Starts the gateway on the given clock instead of the system's, when one is given. */
  public static RunningGateway start(
      Path configDir, Path dataDir, Map<String, Object> extra, Clock clock) {
    SpringApplicationBuilder builder = new SpringApplicationBuilder(DeskBridgeApplication.class);
    if (clock != null) {
      builder.initializers(c -> c.getBeanFactory().registerSingleton("testClock", clock));
    }
    ConfigurableApplicationContext context =
        builder.run(arguments(configDir, dataDir, extra).toArray(String[]::new));
    return new RunningGateway(context);
  }

  /**
   * The command-line arguments of a test gateway: a random port unless {@code extra} names one, the
   * test's directories, the agent's and ops' tokens, and quick retries. As arguments, so that they
   * win over application.yml like an operator's would.
   */
  public static List<String> arguments(Path configDir, Path dataDir, Map<String, Object> extra) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("server.port", "0");
    properties.put("deskbridge.config-dir", configDir.toString());
    properties.put("deskbridge.data-dir", dataDir.toString());
    properties.put("deskbridge.security.tokens[0].name", "agent");
    properties.put("deskbridge.security.tokens[0].role", "manufacturer");
    properties.put("deskbridge.security.tokens[0].sha256", ApiKeys.hashHex(AGENT_TOKEN));
    properties.put("deskbridge.security.tokens[1].name", "ops");
    properties.put("deskbridge.security.tokens[1].role", "ops");
    properties.put("deskbridge.security.tokens[1].sha256", ApiKeys.hashHex(OPS_TOKEN));
    properties.put("deskbridge.outbox.initial-backoff", "20ms");
    properties.put("deskbridge.outbox.max-backoff", "100ms");
    properties.put("deskbridge.outbox.poll-interval", "50ms");
    properties.put("deskbridge.outbox.max-attempts", "3");
    properties.put("logging.level.io.deskbridge.outbox", "WARN");
    properties.putAll(extra);
    return properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toList();
  }

  public int port() {
    return ((ServletWebServerApplicationContext) context).getWebServer().getPort();
  }

  public ApiClient as(String token) {
    return new ApiClient(port(), token);
  }

  public ApiClient agent() {
    return as(AGENT_TOKEN);
  }

  public ApiClient ops() {
    return as(OPS_TOKEN);
  }

  /** The open dead letters of a side, as ops list them. */
  public List<JsonNode> openDeadLetters(String side) {
    List<JsonNode> found = new ArrayList<>();
    ops()
        .get("/api/v1/dead-letters?state=OPEN&side=" + side)
        .json()
        .get("items")
        .forEach(found::add);
    return found;
  }

  /** Waits for an open dead letter whose reason says this, and gives it. */
  public JsonNode awaitOpenDeadLetter(String reasonPart) {
    return Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              for (JsonNode letter :
                  ops().get("/api/v1/dead-letters?state=OPEN").json().get("items")) {
                if (letter.get("reason").asText().contains(reasonPart)) {
                  return letter;
                }
              }
              return null;
            },
            letter -> letter != null);
  }

  public <T> T bean(String name, Class<T> type) {
    return context.getBean(name, type);
  }

  public <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  @Override
  public void close() {
    context.close();
  }
}
