package io.deskbridge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.deskbridge.GatewayConfiguration;
import io.deskbridge.GatewayConfigurationLoader;
import io.deskbridge.connector.ConnectorKinds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A configuration directory on disk for tests: it starts valid (one manufacturer with three queues,
 * one REST partner, two routing rules) and a test replaces or removes the one file it is about, so
 * every problem a test sees comes from that file.
 */
public final class ConfigCase {

  /** The plain API key of {@link #ACME}; the file holds only its SHA-256. */
  public static final String ACME_KEY = "acme-test-key-0123456789abcdefghijklmnopqrstuv";

  public static final String MANUFACTURER =
      """
      name: Test Manufacturer
      connector: queues
      queues:
        - id: triage
        - id: fire-panels-l2
        - id: intrusion
      """;

  public static final String ACME =
      """
      id: acme-fire
      name: ACME Fire
      connector: rest
      security:
        apiKeys:
          - sha256: 1a910e16eb970415013bb4b0655297e67a635f4cdcbaa5d7d407866c558f7dbe
      """;

  public static final String ROUTING =
      """
      rules:
        - name: fire-panels
          when:
            product.model: "FP-*"
          queue: fire-panels-l2
        - name: default
          queue: triage
      """;

  private final Path root;

  private ConfigCase(Path root) {
    this.root = root;
  }

  /** A valid configuration directory under {@code root}. */
  public static ConfigCase valid(Path root) {
    ConfigCase config = new ConfigCase(root);
    config.write("connectors/manufacturer.yml", MANUFACTURER);
    config.write("connectors/acme-fire.yml", ACME);
    config.write("mappings/routing.yml", ROUTING);
    return config;
  }

  public Path root() {
    return root;
  }

  public ConfigDirectory directory() {
    return new ConfigDirectory(root);
  }

  public Path path(String relative) {
    return root.resolve(relative);
  }

  /** Writes (or replaces) a file of the directory and returns its path. */
  public Path write(String relative, String text) {
    Path file = path(relative);
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  public void delete(String relative) {
    try {
      Files.delete(path(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Loads the directory with no environment variables set. */
  public GatewayConfiguration load() {
    return loader(Map.of()).load(directory());
  }

  /** Every problem the loader reports; fails when the directory loads without any. */
  public List<ConfigProblem> problems() {
    ConfigurationException failure =
        catchThrowableOfType(ConfigurationException.class, () -> load());
    assertThat(failure).as("the configuration in %s should have been refused", root).isNotNull();
    return failure.problems();
  }

  public static GatewayConfigurationLoader loader(Map<String, String> environment) {
    return new GatewayConfigurationLoader(
        ConnectorKinds.discover(), new SecretReferences(environment));
  }
}
