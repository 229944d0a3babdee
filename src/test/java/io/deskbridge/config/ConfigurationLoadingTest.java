package io.deskbridge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import io.deskbridge.GatewayConfiguration;
import io.deskbridge.partner.Partner;
import io.deskbridge.queue.ManufacturerFileReader;
import io.deskbridge.queue.ManufacturerSide;
import io.deskbridge.queue.Queue;
import io.deskbridge.routing.RoutingRule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigurationLoadingTest {

  @TempDir Path dir;

  @Test
  void examplesDirectoryOfTheRepositoryIsValid() {
    // Given the example configuration shipped in examples/ (Maven runs tests in the project root)
    ConfigDirectory examples = new ConfigDirectory(Path.of("examples"));

    // When it is loaded
    GatewayConfiguration configuration = ConfigCase.loader(Map.of()).load(examples);

    // Then it has its three queues, two partners and five rules
    assertThat(configuration.manufacturer().queueIds())
        .containsExactly("triage", "fire-panels-l2", "intrusion");
    assertThat(configuration.partners())
        .extracting(Partner::id)
        .containsExactly("acme-fire", "nordsec");
    assertThat(configuration.routing().rules())
        .extracting(RoutingRule::name)
        .containsExactly("fire-panel-down", "fire-panels", "intrusion", "alarm-words", "default");
  }

  @Test
  void configurationAtTheRepositoryRootIsValid() {
    // Given connectors/ and mappings/ at the root of the repository
    ConfigDirectory root = new ConfigDirectory(Path.of(""));

    // When they are loaded
    GatewayConfiguration configuration = ConfigCase.loader(Map.of()).load(root);

    // Then the manufacturer's queues and the routing rules are there, and no partner yet
    assertThat(configuration.manufacturer().queueIds()).contains("triage");
    assertThat(configuration.partners()).isEmpty();
    assertThat(configuration.routing().rules())
        .extracting(RoutingRule::name)
        .containsExactly("fire-panels", "default");
  }

  @Test
  void missingConfigurationDirectoryIsOneProblem() {
    // Given a directory that does not exist
    Path absent = dir.resolve("absent");

    // When it is loaded
    ConfigurationException failure =
        catchThrowableOfType(
            ConfigurationException.class,
            () -> ConfigCase.loader(Map.of()).load(new ConfigDirectory(absent)));

    // Then one problem names the directory
    assertThat(failure.problems())
        .singleElement()
        .isEqualTo(ConfigProblem.inFile(absent, "the configuration directory does not exist"));
  }

  @Test
  void missingManufacturerFileIsAProblemNamingIt() {
    // Given a configuration without connectors/manufacturer.yml
    ConfigCase config = ConfigCase.valid(dir);
    config.delete("connectors/manufacturer.yml");

    // When it is loaded
    List<ConfigProblem> problems = config.problems();

    // Then a problem without a line names the missing file
    assertThat(problems)
        .filteredOn(p -> p.file().equals(config.path("connectors/manufacturer.yml")))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.line()).isZero();
              assertThat(p.message()).startsWith("missing");
            });
  }

  @Test
  void brokenManufacturerFileDoesNotMakeEveryRoutingQueueUnknown() {
    // Given a configuration whose manufacturer.yml is missing
    ConfigCase config = ConfigCase.valid(dir);
    config.delete("connectors/manufacturer.yml");

    // When it is loaded
    List<ConfigProblem> problems = config.problems();

    // Then the missing file is the only problem, not also each queue that routing.yml names
    assertThat(problems)
        .extracting(ConfigProblem::file)
        .containsExactly(config.path("connectors/manufacturer.yml"));
  }

  @Test
  void brokenPartnerFileDoesNotMakeRoutingCallItsPartnerUnknown() {
    // Given a partner file with a wrong setting, and a routing rule on that partner
    ConfigCase config = ConfigCase.valid(dir);
    Path acme =
        config.write(
            "connectors/acme-fire.yml",
            """
            id: acme-fire
            connector: rest
            settings:
              url: https://acme.example
            """);
    config.write(
        "mappings/routing.yml",
        """
        rules:
          - name: acme
            when: { partner: acme-fire }
            queue: fire-panels-l2
          - name: default
            queue: triage
        """);

    // When the directory is loaded
    List<ConfigProblem> problems = config.problems();

    // Then the setting is the only problem; routing.yml is not blamed for the partner
    assertThat(problems)
        .extracting(ConfigProblem::file, ConfigProblem::field)
        .containsExactly(tuple(acme, "settings.url"));
  }

  @Test
  void duplicateQueueIdIsAProblemAtTheSecondId() {
    // Given a manufacturer.yml that declares 'triage' on lines 4 and 6
    ConfigCase config = ConfigCase.valid(dir);
    Path file =
        config.write(
            "connectors/manufacturer.yml",
            """
            name: Test Manufacturer
            connector: queues
            queues:
              - id: triage
              - id: intrusion
              - id: triage
            """);

    // When it is read
    List<ConfigProblem> problems = new ArrayList<>();
    Optional<ManufacturerSide> side = new ManufacturerFileReader().read(file, problems);

    // Then it is refused with one problem at the second id
    assertThat(side).isEmpty();
    assertThat(problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p)
                  .extracting(
                      ConfigProblem::file,
                      ConfigProblem::line,
                      ConfigProblem::column,
                      ConfigProblem::field)
                  .containsExactly(file, 6, 9, "queues[2].id");
              assertThat(p.message()).contains("'triage'").contains("twice");
            });
  }

  @Test
  void manufacturerQueuesKeepTheirOrderAndNames() {
    // Given a manufacturer.yml with a named queue and one without a name
    ConfigCase config = ConfigCase.valid(dir);
    Path file =
        config.write(
            "connectors/manufacturer.yml",
            """
            name: Test Manufacturer
            queues:
              - id: triage
                name: Triage
                description: First look
              - id: intrusion
            """);

    // When it is read
    ManufacturerSide side =
        new ManufacturerFileReader().read(file, new ArrayList<>()).orElseThrow();

    // Then both queues are there in order, the unnamed one named by its id
    assertThat(side.queues())
        .containsExactly(
            new Queue("triage", "Triage", "First look"), new Queue("intrusion", "intrusion", null));
  }

  @Test
  void manufacturerConnectorOtherThanBuiltInQueuesIsRefused() {
    // Given a manufacturer.yml that asks for a help desk connector
    ConfigCase config = ConfigCase.valid(dir);
    Path file =
        config.write(
            "connectors/manufacturer.yml",
            """
            name: Test Manufacturer
            connector: zendesk
            queues:
              - id: triage
            """);

    // When it is read
    List<ConfigProblem> problems = new ArrayList<>();
    new ManufacturerFileReader().read(file, problems);

    // Then the connector line is at fault
    assertThat(problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p)
                  .extracting(ConfigProblem::line, ConfigProblem::column, ConfigProblem::field)
                  .containsExactly(2, 12, "connector");
              assertThat(p.message()).contains("'queues'");
            });
  }

  @Test
  void malformedPartnerFileIsExactlyOneProblem() {
    // Given a partner file with bad indentation on line 3 and otherwise valid files
    ConfigCase config = ConfigCase.valid(dir);
    Path file =
        config.write(
            "connectors/acme-fire.yml",
            """
            id: acme-fire
            name: ACME Fire
              connector: rest
            """);

    // When the directory is loaded
    List<ConfigProblem> problems = config.problems();

    // Then the syntax error is the one problem, on line 3 of that file
    assertThat(problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p)
                  .extracting(ConfigProblem::file, ConfigProblem::line)
                  .containsExactly(file, 3);
              assertThat(p.message()).startsWith("not valid YAML");
            });
  }

  @Test
  void duplicatePartnerIdIsReportedAtTheSecondFileNamingTheFirst() {
    // Given two partner files that both say id: acme-fire (files are read in name order)
    ConfigCase config = ConfigCase.valid(dir);
    Path first = config.path("connectors/acme-fire.yml");
    Path second =
        config.write(
            "connectors/acme-fire2.yml",
            """
            # copied from acme-fire.yml and not renamed
            id: acme-fire
            connector: rest
            """);

    // When the directory is loaded
    List<ConfigProblem> problems = config.problems();

    // Then one problem points at the second file's id line and names the first file
    assertThat(problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p)
                  .extracting(
                      ConfigProblem::file,
                      ConfigProblem::line,
                      ConfigProblem::column,
                      ConfigProblem::field)
                  .containsExactly(second, 2, 5, "id");
              assertThat(p.message()).contains("'acme-fire'").contains(first.toString());
            });
  }

  @Test
  void severalBrokenFilesAreAllReportedInOneException() {
    // Given three broken files: an unknown kind, a short key hash and an unknown queue
    ConfigCase config = ConfigCase.valid(dir);
    Path acme = config.write("connectors/acme-fire.yml", "id: acme-fire\nconnector: rets\n");
    Path nordsec =
        config.write(
            "connectors/nordsec.yml",
            """
            id: nordsec
            connector: rest
            security:
              apiKeys:
                - sha256: abc123
            """);
    Path routing =
        config.write(
            "mappings/routing.yml",
            """
            rules:
              - name: default
                queue: triag
            """);

    // When the directory is loaded
    List<ConfigProblem> problems = config.problems();

    // Then one exception carries the problem of each file, each at its line
    assertThat(problems)
        .extracting(ConfigProblem::file, ConfigProblem::line, ConfigProblem::field)
        .containsExactlyInAnyOrder(
            tuple(acme, 2, "connector"),
            tuple(nordsec, 5, "security.apiKeys[0].sha256"),
            tuple(routing, 3, "rules[0].queue"));
  }

  @Test
  void partnerFilesAreTheYamlFilesOfConnectorsButManufacturer() throws Exception {
    // Given connectors/ with a .yaml partner, a README and the manufacturer file
    ConfigCase config = ConfigCase.valid(dir);
    config.write("connectors/nordsec.yaml", "id: nordsec\nconnector: rest\n");
    config.write("connectors/README.md", "id: not-a-partner\n");

    // When the partner files are listed
    List<Path> files = config.directory().partnerFiles();

    // Then both YAML partner files are there, in name order, and nothing else
    assertThat(files)
        .containsExactly(
            config.path("connectors/acme-fire.yml"), config.path("connectors/nordsec.yaml"));
  }
}
