package io.deskbridge.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.deskbridge.config.ConfigProblem;
import io.deskbridge.ticket.Priority;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoutingFileReaderTest {

  private static final List<String> QUEUES = List.of("triage", "fire-panels-l2", "intrusion");
  private static final List<String> PARTNERS = List.of("acme-fire", "nordsec");

  @TempDir Path dir;

  private final List<ConfigProblem> problems = new ArrayList<>();

  private Path file(String text) throws IOException {
    return Files.writeString(dir.resolve("routing.yml"), text, StandardCharsets.UTF_8);
  }

  private Optional<RoutingRules> read(Path file) {
    return new RoutingFileReader().read(file, QUEUES, PARTNERS, problems);
  }

  private ConfigProblem onlyProblem() {
    assertThat(problems).hasSize(1);
    return problems.get(0);
  }

  @Test
  void validFileGivesTheRulesInOrderWithTheirSettings() throws IOException {
    // Given two rules, the first with priority and response target
    Path file =
        file(
            """
            rules:
              - name: panels
                when: { product.model: "FP-*", priority: critical }
                queue: fire-panels-l2
                priority: HIGH
                responseTarget: 4h
              - name: default
                queue: triage
            """);

    // When it is read
    RoutingRules rules = read(file).orElseThrow();

    // Then both rules are there with what they decide and the line they start on
    assertThat(problems).isEmpty();
    assertThat(rules.rules())
        .extracting(
            RoutingRule::name,
            RoutingRule::queue,
            RoutingRule::priority,
            RoutingRule::responseTarget,
            RoutingRule::line)
        .containsExactly(
            tuple("panels", "fire-panels-l2", Priority.HIGH, Duration.ofHours(4), 2),
            tuple("default", "triage", null, null, 7));
  }

  @Test
  void missingFileIsAProblemNamingIt() {
    // Given no routing.yml
    Path file = dir.resolve("routing.yml");

    // When it is read
    Optional<RoutingRules> rules = read(file);

    // Then one problem without a line names the file
    assertThat(rules).isEmpty();
    assertThat(onlyProblem())
        .satisfies(
            p -> {
              assertThat(p.file()).isEqualTo(file);
              assertThat(p.line()).isZero();
              assertThat(p.message()).startsWith("missing");
            });
  }

  @Test
  void listWithoutAFinalDefaultRuleIsAProblemAtTheLastRule() throws IOException {
    // Given two rules that both have conditions; the last starts on line 5
    Path file =
        file(
            """
            rules:
              - name: panels
                when: { product.model: "FP-*" }
                queue: fire-panels-l2
              - name: keypads
                when: { product.model: "KP-*" }
                queue: intrusion
            """);

    // When it is read
    Optional<RoutingRules> rules = read(file);

    // Then the last rule is at fault, asking for a default rule at the end
    assertThat(rules).isEmpty();
    ConfigProblem problem = onlyProblem();
    assertThat(problem)
        .extracting(
            ConfigProblem::file, ConfigProblem::line, ConfigProblem::column, ConfigProblem::field)
        .containsExactly(file, 5, 5, "rules[1]");
    assertThat(problem.message()).contains("last rule must have no 'when'").contains("default");
  }

  @Test
  void defaultRuleBeforeOtherRulesIsAProblemSayingTheyNeverApply() throws IOException {
    // Given a rule without conditions on line 2, followed by more rules
    Path file =
        file(
            """
            rules:
              - name: catch-all
                queue: triage
              - name: panels
                when: { product.model: "FP-*" }
                queue: fire-panels-l2
              - name: default
                queue: triage
            """);

    // When it is read
    Optional<RoutingRules> rules = read(file);

    // Then that rule is at fault: the rules after it never apply
    assertThat(rules).isEmpty();
    ConfigProblem problem = onlyProblem();
    assertThat(problem)
        .extracting(ConfigProblem::line, ConfigProblem::column, ConfigProblem::field)
        .containsExactly(2, 5, "rules[0]");
    assertThat(problem.message()).contains("'catch-all'").contains("never apply");
  }

  @Test
  void emptyRuleListIsAProblem() throws IOException {
    // Given a file with an empty list of rules
    Path file = file("rules: []\n");

    // When it is read
    Optional<RoutingRules> rules = read(file);

    // Then it is refused for needing at least one rule
    assertThat(rules).isEmpty();
    assertThat(onlyProblem().message()).contains("at least one rule");
  }

  @Test
  void unknownQueueIsAProblemAtItsLineWithASuggestion() throws IOException {
    // Given a rule on line 3 naming queue 'triag'
    Path file =
        file(
            """
            rules:
              - name: default
                queue: triag
            """);

    // When it is read
    Optional<RoutingRules> rules = read(file);

    // Then the queue's line is at fault, suggesting 'triage' and listing the queues
    assertThat(rules).isEmpty();
    ConfigProblem problem = onlyProblem();
    assertThat(problem)
        .extracting(
            ConfigProblem::file, ConfigProblem::line, ConfigProblem::column, ConfigProblem::field)
        .containsExactly(file, 3, 12, "rules[0].queue");
    assertThat(problem.message())
        .contains("no queue 'triag'")
        .contains("did you mean 'triage'?")
        .contains("triage, fire-panels-l2, intrusion");
  }

  @Test
  void missingQueueIsRequired() throws IOException {
    // Given a default rule without a queue
    Path file = file("rules:\n  - name: default\n");

    // When it is read
    read(file);

    // Then the queue is reported as required for that rule
    assertThat(onlyProblem())
        .extracting(ConfigProblem::line, ConfigProblem::field, ConfigProblem::message)
        .containsExactly(2, "rules[0].queue", "is required");
  }

  @Test
  void unknownFieldInWhenIsAProblemAtTheKeyWithASuggestion() throws IOException {
    // Given a last rule whose condition misspells product.model on line 4
    Path file =
        file(
            """
            rules:
              - name: default
                when:
                  product.modle: "FP-*"
                queue: triage
            """);

    // When it is read
    Optional<RoutingRules> rules = read(file);

    // Then the key is at fault, suggesting product.model and listing the fields
    assertThat(rules).isEmpty();
    ConfigProblem problem = onlyProblem();
    assertThat(problem)
        .extracting(
            ConfigProblem::file, ConfigProblem::line, ConfigProblem::column, ConfigProblem::field)
        .containsExactly(file, 4, 7, "rules[0].when.product.modle");
    assertThat(problem.message())
        .contains("cannot route on 'product.modle'")
        .contains("did you mean 'product.model'?")
        .contains("text");
  }

  @Test
  void unknownFieldInWhenOfAMiddleRuleIsTheOnlyProblem() throws IOException {
    // Given a rule with a misspelt condition, followed by a default rule
    Path file =
        file(
            """
            rules:
              - name: panels
                when:
                  product.modle: "FP-*"
                queue: fire-panels-l2
              - name: default
                queue: triage
            """);

    // When it is read
    read(file);

    // Then the misspelling is the one problem; the rule is not called a default rule
    assertThat(onlyProblem().field()).isEqualTo("rules[0].when.product.modle");
  }

  @Test
  void conditionWithoutAValueIsOneProblemAskingForAValue() throws IOException {
    // Given a condition on line 4 that names a field but gives no value
    Path file =
        file(
            """
            rules:
              - name: panels
                when:
                  product.model:
                queue: fire-panels-l2
              - name: default
                queue: triage
            """);

    // When it is read
    read(file);

    // Then one problem asks for a value to match
    ConfigProblem problem = onlyProblem();
    assertThat(problem)
        .extracting(ConfigProblem::line, ConfigProblem::field)
        .containsExactly(4, "rules[0].when.product.model");
    assertThat(problem.message()).contains("at least one value");
  }

  @Test
  void priorityThatIsNoPriorityIsAProblemAtItsLine() throws IOException {
    // Given a rule on line 4 that sets priority URGENT
    Path file =
        file(
            """
            rules:
              - name: default
                queue: triage
                priority: URGENT
            """);

    // When it is read
    Optional<RoutingRules> rules = read(file);

    // Then the priority's line is at fault, listing the priorities
    assertThat(rules).isEmpty();
    ConfigProblem problem = onlyProblem();
    assertThat(problem)
        .extracting(ConfigProblem::line, ConfigProblem::column, ConfigProblem::field)
        .containsExactly(4, 15, "rules[0].priority");
    assertThat(problem.message()).contains("'URGENT'").contains("CRITICAL, HIGH, NORMAL, LOW");
  }

  @Test
  void priorityConditionThatIsNoPriorityIsAProblem() throws IOException {
    // Given a condition on line 4 asking for priority 'urgent'
    Path file =
        file(
            """
            rules:
              - name: urgent
                when:
                  priority: urgent
                queue: fire-panels-l2
              - name: default
                queue: triage
            """);

    // When it is read
    read(file);

    // Then the condition's value is at fault
    ConfigProblem problem = onlyProblem();
    assertThat(problem)
        .extracting(ConfigProblem::line, ConfigProblem::field)
        .containsExactly(4, "rules[0].when.priority");
    assertThat(problem.message()).contains("'urgent' is not a priority");
  }

  @Test
  void responseTargetThatIsNoDurationIsAProblemAtItsLine() throws IOException {
    // Given a rule on line 4 whose response target is 'soon'
    Path file =
        file(
            """
            rules:
              - name: default
                queue: triage
                responseTarget: soon
            """);

    // When it is read
    Optional<RoutingRules> rules = read(file);

    // Then the target's line is at fault, with how to write one
    assertThat(rules).isEmpty();
    ConfigProblem problem = onlyProblem();
    assertThat(problem)
        .extracting(ConfigProblem::line, ConfigProblem::column, ConfigProblem::field)
        .containsExactly(4, 21, "rules[0].responseTarget");
    assertThat(problem.message()).contains("'soon'").contains("PT1H");
  }

  @Test
  void zeroResponseTargetIsRefused() throws IOException {
    // Given a response target of zero minutes
    Path file = file("rules:\n  - name: default\n    queue: triage\n    responseTarget: 0m\n");

    // When it is read
    read(file);

    // Then it is refused as not positive
    assertThat(onlyProblem().message()).contains("'0m' is not a positive duration");
  }

  @Test
  void unknownPartnerInWhenIsAProblemWithASuggestion() throws IOException {
    // Given a condition on line 4 naming partner 'acme-fier'
    Path file =
        file(
            """
            rules:
              - name: acme
                when:
                  partner: acme-fier
                queue: fire-panels-l2
              - name: default
                queue: triage
            """);

    // When it is read
    Optional<RoutingRules> rules = read(file);

    // Then the value is at fault, suggesting 'acme-fire'
    assertThat(rules).isEmpty();
    ConfigProblem problem = onlyProblem();
    assertThat(problem)
        .extracting(ConfigProblem::line, ConfigProblem::column, ConfigProblem::field)
        .containsExactly(4, 16, "rules[0].when.partner");
    assertThat(problem.message())
        .contains("no partner 'acme-fier'")
        .contains("did you mean 'acme-fire'?");
  }

  @Test
  void partnerGlobInWhenNeedsNoExactPartner() throws IOException {
    // Given a condition on every partner whose id starts with 'acme'
    Path file =
        file(
            """
            rules:
              - name: acme
                when: { partner: "acme*" }
                queue: fire-panels-l2
              - name: default
                queue: triage
            """);

    // When it is read
    Optional<RoutingRules> rules = read(file);

    // Then it is accepted
    assertThat(problems).isEmpty();
    assertThat(rules).isPresent();
  }

  @Test
  void duplicateRuleNameIsAProblemAtTheSecondName() throws IOException {
    // Given two rules named 'panels', the second on line 5
    Path file =
        file(
            """
            rules:
              - name: panels
                when: { product.model: "FP-*" }
                queue: fire-panels-l2
              - name: panels
                when: { product.model: "KP-*" }
                queue: intrusion
              - name: default
                queue: triage
            """);

    // When it is read
    read(file);

    // Then the second name is at fault
    ConfigProblem problem = onlyProblem();
    assertThat(problem)
        .extracting(ConfigProblem::line, ConfigProblem::column, ConfigProblem::field)
        .containsExactly(5, 11, "rules[1].name");
    assertThat(problem.message()).contains("'panels'").contains("twice");
  }

  @Test
  void everyProblemOfTheFileIsReportedNotOnlyTheFirst() throws IOException {
    // Given a file with an unknown queue, a bad priority and a misspelt key in three rules
    Path file =
        file(
            """
            rules:
              - name: panels
                when: { product.model: "FP-*" }
                queue: fire-panel-l2
              - name: keypads
                when: { product.model: "KP-*" }
                queue: intrusion
                priority: URGENT
              - name: default
                queu: triage
            """);

    // When it is read
    read(file);

    // Then each is reported at its own line
    assertThat(problems)
        .extracting(ConfigProblem::line, ConfigProblem::field)
        .contains(
            tuple(4, "rules[0].queue"), tuple(8, "rules[1].priority"), tuple(10, "rules[2].queu"));
  }
}
