package io.deskbridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.deskbridge.config.ConfigCase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int validate(String... args) {
    return DeskBridgeApplication.validate(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void examplesDirectoryIsValidAndSummarised() {
    // Given the example configuration of the repository
    // When validate runs on it
    int exit = validate("--config-dir=examples");

    // Then it exits 0 with a one-line summary and nothing on stderr
    assertThat(exit).isZero();
    assertThat(out())
        .isEqualTo(
            Path.of("examples").toAbsolutePath()
                + ": valid (3 queue(s), 2 partner(s), 5 routing rule(s), 2 mapping(s))"
                + System.lineSeparator());
    assertThat(err()).isEmpty();
  }

  @Test
  void exampleOfFilePartnersIsValidWithTheCsvKindsSettings() {
    // Given the example configuration whose two partners exchange CSV files
    // When validate runs on it, which checks every partner's settings against its kind
    int exit = validate("--config-dir=examples/csv");

    // Then it is valid
    assertThat(err()).isEmpty();
    assertThat(exit).isZero();
    assertThat(out())
        .startsWith(Path.of("examples/csv").toAbsolutePath() + ": valid (")
        .contains("2 partner(s)");
  }

  @Test
  void workingDirectoryIsValidatedWhenNoDirectoryIsGiven() {
    // Given the repository root as the working directory, as under Maven
    // When validate runs without --config-dir
    int exit = validate();

    // Then the root's connectors/ and mappings/ are valid
    assertThat(exit).isZero();
    assertThat(out()).startsWith(Path.of("").toAbsolutePath() + ": valid (");
    assertThat(err()).isEmpty();
  }

  @Test
  void brokenDirectoryExitsOneWithEveryProblemAsFileLineColumnFieldMessage() {
    // Given a configuration with an unknown connector kind and an unknown queue
    ConfigCase config = ConfigCase.valid(dir);
    Path acme = config.write("connectors/acme-fire.yml", "id: acme-fire\nconnector: rets\n");
    Path routing =
        config.write(
            "mappings/routing.yml",
            """
            rules:
              - name: default
                queue: triag
            """);

    // When validate runs on it, with the directory as a separate argument
    int exit = validate("--config-dir", dir.toString());

    // Then it exits 1, prints nothing on stdout, and each problem on its own stderr line
    assertThat(exit).isEqualTo(1);
    assertThat(out()).isEmpty();
    assertThat(err().lines())
        .containsExactly(
            acme
                + ":2:12: connector: unknown connector kind 'rets' (did you mean 'rest'?);"
                + " known kinds: "
                + String.join(", ", io.deskbridge.connector.ConnectorKinds.discover().ids()),
            routing
                + ":3:12: rules[0].queue: no queue 'triag' in manufacturer.yml"
                + " (did you mean 'triage'?); queues: triage, fire-panels-l2, intrusion",
            dir + ": 2 problem(s)");
  }

  @Test
  void problemWithoutALineIsPrintedAsFileAndMessage() {
    // Given a configuration directory that does not exist
    Path absent = dir.resolve("absent");

    // When validate runs on it
    int exit = validate("--config-dir=" + absent);

    // Then it exits 1 naming the directory
    assertThat(exit).isEqualTo(1);
    assertThat(err().lines())
        .containsExactly(
            absent + ": the configuration directory does not exist", absent + ": 1 problem(s)");
  }
}
