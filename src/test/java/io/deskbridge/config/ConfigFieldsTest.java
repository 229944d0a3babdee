package io.deskbridge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigFieldsTest {

  private static final Path FILE = Path.of("connectors/acme.yml");

  private final List<ConfigProblem> problems = new ArrayList<>();
  private final ConfigFields fields = new ConfigFields(problems);

  private YamlNode.MapNode parse(String yaml) {
    return (YamlNode.MapNode) YamlFiles.parse(FILE, new StringReader(yaml), problems);
  }

  @Test
  void didYouMeanSuggestsTheClosestKnownWordWhenItIsClose() {
    // Given the known keys of a partner file
    List<String> known = List.of("id", "name", "connector", "mapping");

    // When a near miss and a far miss are looked up
    String near = ConfigFields.didYouMean("conector", known);
    String far = ConfigFields.didYouMean("webhook", known);

    // Then only the near miss gets a suggestion
    assertThat(near).isEqualTo(" (did you mean 'connector'?)");
    assertThat(far).isEmpty();
  }

  @Test
  void missingRequiredFieldIsReportedAtItsMapWithTheFieldName() {
    // Given a mapping without 'id'
    YamlNode.MapNode root = parse("name: ACME\nconnector: rest\n");

    // When 'id' is required
    String id = fields.requiredText(root, "id");

    // Then it is null and the problem names the field at the map's start
    assertThat(id).isNull();
    assertThat(problems)
        .singleElement()
        .isEqualTo(new ConfigProblem(FILE, 1, 1, "id", "is required"));
  }

  @Test
  void everyUnknownKeyIsReportedNotOnlyTheFirst() {
    // Given a mapping with two unknown keys
    YamlNode.MapNode root = parse("id: acme\nnmae: ACME\nconector: rest\n");

    // When only the partner keys are allowed
    fields.onlyKeys(root, List.of("id", "name", "connector"));

    // Then both unknown keys are reported at their own lines
    assertThat(problems)
        .extracting(ConfigProblem::line, ConfigProblem::column, ConfigProblem::field)
        .containsExactly(tuple(2, 1, "nmae"), tuple(3, 1, "conector"));
    assertThat(problems.get(0).message()).contains("did you mean 'name'");
    assertThat(problems.get(1).message()).contains("did you mean 'connector'");
  }

  @Test
  void problemPrintsAsFileLineColumnFieldMessage() {
    // Given a problem with a location and a field
    ConfigProblem problem = new ConfigProblem(FILE, 3, 12, "connector", "unknown connector kind");

    // When it is printed
    String text = problem.toString();

    // Then it reads file:line:column: field: message
    assertThat(text).isEqualTo("connectors/acme.yml:3:12: connector: unknown connector kind");
  }
}
