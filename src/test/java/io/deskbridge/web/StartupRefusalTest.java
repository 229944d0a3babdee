package io.deskbridge.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.deskbridge.config.ConfigurationException;
import io.deskbridge.support.GatewayConfigFiles;
import io.deskbridge.support.RunningGateway;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway does not start on broken configuration, and says everything that is wrong at once.
 */
class StartupRefusalTest {

  @TempDir Path config;
  @TempDir Path data;

  @Test
  void startUpListsEveryProblemWithFileLineAndField() {
    // Given an unknown connector kind in one partner file and a routing file without a default rule
    GatewayConfigFiles files = GatewayConfigFiles.standard(config);
    files.write("connectors/odd.yml", "id: odd\nconnector: carrier-pigeon\n");
    files.write(
        "mappings/routing.yml",
        "rules:\n  - name: panels\n    when:\n      product.model: \"FP-*\"\n    queue: triage\n");

    // When the gateway starts
    Throwable failure = catchThrowable(() -> RunningGateway.start(config, data, Map.of()).close());

    // Then it refuses, naming both problems with their place
    Throwable cause = failure;
    while (cause != null && !(cause instanceof ConfigurationException)) {
      cause = cause.getCause();
    }
    assertThat(cause).as("caused by a ConfigurationException").isNotNull();
    assertThat(((ConfigurationException) cause).problems())
        .extracting(Object::toString)
        .anySatisfy(p -> assertThat(p).contains("odd.yml:2:12: connector: unknown connector kind"))
        .anySatisfy(p -> assertThat(p).contains("routing.yml:2:5").contains("must have no 'when'"));
  }
}
