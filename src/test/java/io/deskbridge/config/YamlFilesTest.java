package io.deskbridge.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YamlFilesTest {

  @TempDir Path dir;

  private final List<ConfigProblem> problems = new ArrayList<>();

  private Path file(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }

  @Test
  void badIndentationIsOneProblemAtTheLineOfTheSyntaxError() throws IOException {
    // Given a file whose third line is indented under a plain value
    Path file =
        file(
            "acme.yml",
            """
            id: acme
            name: ACME
              connector: rest
            """);

    // When it is read
    YamlNode node = YamlFiles.read(file, problems);

    // Then nothing is returned and one problem names the file and line 3, where the ':' stands
    assertThat(node).isNull();
    assertThat(problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p)
                  .extracting(ConfigProblem::file, ConfigProblem::line, ConfigProblem::column)
                  .containsExactly(file, 3, 12);
              assertThat(p.message()).startsWith("not valid YAML").contains("mapping values");
            });
  }

  @Test
  void tabIndentationIsOneProblemAtTheTab() throws IOException {
    // Given a file that indents its second line with a tab
    Path file = file("tabs.yml", "id: acme\n\tname: ACME\n");

    // When it is read
    YamlNode node = YamlFiles.read(file, problems);

    // Then one problem points at line 2, column 1
    assertThat(node).isNull();
    assertThat(problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p)
                  .extracting(ConfigProblem::file, ConfigProblem::line, ConfigProblem::column)
                  .containsExactly(file, 2, 1);
              assertThat(p.message()).startsWith("not valid YAML");
            });
  }

  @Test
  void unclosedQuoteIsReportedWhereTheQuoteOpens() throws IOException {
    // Given a file whose second line opens a quote that is never closed
    Path file =
        file(
            "quote.yml",
            """
            id: acme
            name: "ACME
            connector: rest
            mapping: acme
            """);

    // When it is read
    YamlFiles.read(file, problems);

    // Then the one problem points at the opening quote (line 2, column 7) and says what is open
    assertThat(problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p)
                  .extracting(ConfigProblem::file, ConfigProblem::line, ConfigProblem::column)
                  .containsExactly(file, 2, 7);
              assertThat(p.message()).contains("quoted scalar");
            });
  }

  @Test
  void unclosedQuoteIsOneProblemNamingTheFile() throws IOException {
    // Given a file whose second line opens a quote that is never closed
    Path file = file("quote.yml", "id: acme\nname: \"ACME\nconnector: rest\n");

    // When it is read
    YamlNode node = YamlFiles.read(file, problems);

    // Then nothing is returned and exactly one problem names the file with a line
    assertThat(node).isNull();
    assertThat(problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.file()).isEqualTo(file);
              assertThat(p.line()).isPositive();
              assertThat(p.message()).startsWith("not valid YAML").contains("end of stream");
            });
  }

  @Test
  void duplicateKeyIsAProblemAtTheSecondKey() throws IOException {
    // Given a file that gives 'id' twice
    Path file =
        file(
            "dup.yml",
            """
            id: acme
            name: ACME
            id: other
            """);

    // When it is read
    YamlFiles.read(file, problems);

    // Then one problem points at the second 'id' and names the first one's line
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
                  .containsExactly(file, 3, 1, "id");
              assertThat(p.message()).contains("duplicate key").contains("line 1");
            });
  }

  @Test
  void scalarTextIsWhatWasWritten() throws IOException {
    // Given values that YAML 1.1 would read as an octal number and a boolean
    Path file = file("ids.yml", "id: 0042\nname: no\n");

    // When the file is read
    YamlNode.MapNode root = (YamlNode.MapNode) YamlFiles.read(file, problems);

    // Then their text is exactly what ops wrote
    assertThat(((YamlNode.ScalarNode) root.get("id")).text()).isEqualTo("0042");
    assertThat(((YamlNode.ScalarNode) root.get("name")).text()).isEqualTo("no");
  }

  @Test
  void everyValueKnowsItsLineColumnAndPath() throws IOException {
    // Given a routing file with two rules
    Path file =
        file(
            "routing.yml",
            """
            rules:
              - name: panels
                when: { product.model: "FP-*" }
                queue: fire-panels-l2
              - name: default
                queue: triage
            """);

    // When it is read
    YamlNode.MapNode root = (YamlNode.MapNode) YamlFiles.read(file, problems);

    // Then the second rule's queue stands on line 6, column 12, at path rules[1].queue
    YamlNode.ListNode rules = (YamlNode.ListNode) root.get("rules");
    YamlNode.MapNode second = (YamlNode.MapNode) rules.items().get(1);
    YamlNode queue = second.get("queue");
    assertThat(problems).isEmpty();
    assertThat(queue)
        .extracting(YamlNode::file, YamlNode::line, YamlNode::column, YamlNode::path)
        .containsExactly(file, 6, 12, "rules[1].queue");
    assertThat(second)
        .extracting(YamlNode::line, YamlNode::column, YamlNode::path)
        .containsExactly(5, 5, "rules[1]");
    YamlNode.MapNode when =
        (YamlNode.MapNode) ((YamlNode.MapNode) rules.items().get(0)).get("when");
    assertThat(when.entries().get("product.model").key())
        .extracting(YamlNode::line, YamlNode::column, YamlNode::path)
        .containsExactly(3, 13, "rules[0].when.product.model");
  }

  @Test
  void emptyFileIsAProblemNamingTheFile() throws IOException {
    // Given a file with only a comment
    Path file = file("empty.yml", "# nothing here yet\n");

    // When it is read
    YamlNode node = YamlFiles.read(file, problems);

    // Then one problem says the file is empty
    assertThat(node).isNull();
    assertThat(problems)
        .singleElement()
        .isEqualTo(new ConfigProblem(file, 0, 0, null, "the file is empty"));
  }

  @Test
  void missingFileIsAProblemNamingTheFile() {
    // Given a path where no file is
    Path file = dir.resolve("absent.yml");

    // When it is read
    YamlNode node = YamlFiles.read(file, problems);

    // Then one problem without a line says it cannot be read
    assertThat(node).isNull();
    assertThat(problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.file()).isEqualTo(file);
              assertThat(p.line()).isZero();
              assertThat(p.message()).startsWith("cannot read");
            });
  }

  @Test
  void customTagIsAProblemAtItsValue() throws IOException {
    // Given a value with a tag the gateway gives no meaning to
    Path file = file("tagged.yml", "id: !custom acme\nconnector: rest\n");

    // When it is read
    YamlFiles.read(file, problems);

    // Then the tag is reported where it stands
    assertThat(problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p)
                  .extracting(ConfigProblem::line, ConfigProblem::field)
                  .containsExactly(1, "id");
              assertThat(p.message()).contains("custom YAML tag !custom");
            });
  }
}
