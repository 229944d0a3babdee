package io.deskbridge.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.deskbridge.config.ConfigProblem;
import io.deskbridge.ticket.Priority;
import io.deskbridge.ticket.Product;
import io.deskbridge.ticket.Site;
import io.deskbridge.ticket.TicketDraft;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the rules of a routing.yml decide for tickets, read through {@link RoutingFileReader}. */
class RoutingRulesTest {

  private static final String ROUTING =
      """
      rules:
        - name: fire-panel-down
          when:
            product.model: "fp-*"
            priority: CRITICAL
          queue: fire-panels-l2
          responseTarget: PT1H
        - name: fire-panels
          when:
            product.model: "FP-*"
          queue: fire-panels-l2
          responseTarget: PT8H
        - name: intrusion
          when:
            product.model: ["IP-*", "KP-*"]
          queue: intrusion
        - name: nordsec-sites
          when:
            partner: nordsec
            site.name: "*"
          queue: intrusion
        - name: alarm-words
          when:
            text: ["fire alarm", "пожар"]
          queue: fire-panels-l2
          priority: HIGH
          responseTarget: PT4H
        - name: default
          queue: triage
          responseTarget: P1D
      """;

  @TempDir Path dir;

  private RoutingRules rules;

  @BeforeEach
  void readRules() throws IOException {
    Path file = Files.writeString(dir.resolve("routing.yml"), ROUTING, StandardCharsets.UTF_8);
    List<ConfigProblem> problems = new ArrayList<>();
    rules =
        new RoutingFileReader()
            .read(
                file,
                List.of("triage", "fire-panels-l2", "intrusion"),
                List.of("acme-fire", "nordsec"),
                problems)
            .orElseThrow(() -> new AssertionError("routing.yml refused: " + problems));
  }

  private static TicketDraft ticket(Priority priority, String model) {
    return ticket(priority, model, null, "Panel does not start", null);
  }

  private static TicketDraft ticket(
      Priority priority, String model, String siteName, String subject, String description) {
    return new TicketDraft(
        "EXT-1",
        subject,
        description,
        priority,
        null,
        new Product(model, null, null),
        new Site(siteName, null),
        null,
        null);
  }

  @Test
  void firstMatchingRuleWins() {
    // Given a critical ticket about a fire panel, which both fire rules match
    TicketDraft draft = ticket(Priority.CRITICAL, "FP-2000");

    // When it is routed
    RoutingDecision decision = rules.decide("acme-fire", draft);

    // Then the first of them decides
    assertThat(decision.rule()).isEqualTo("fire-panel-down");
  }

  @Test
  void everyConditionOfARuleMustHold() {
    // Given a fire panel ticket that is not critical
    TicketDraft draft = ticket(Priority.NORMAL, "FP-2000");

    // When it is routed
    RoutingDecision decision = rules.decide("acme-fire", draft);

    // Then the critical rule is skipped and the next fire rule decides
    assertThat(decision.rule()).isEqualTo("fire-panels");
  }

  @Test
  void globMatchesWithoutRegardToCase() {
    // Given the lower-case glob fp-* of the first rule and a model written in capitals
    TicketDraft upper = ticket(Priority.CRITICAL, "FP-2000");
    TicketDraft lower = ticket(Priority.NORMAL, "fp-100");

    // When they are routed
    // Then fp-* matches FP-2000, and FP-* matches fp-100
    assertThat(rules.decide("acme-fire", upper).rule()).isEqualTo("fire-panel-down");
    assertThat(rules.decide("acme-fire", lower).rule()).isEqualTo("fire-panels");
  }

  @Test
  void globMatchesTheWholeValueNotAPartOfIt() {
    // Given a model that only contains FP- in the middle
    TicketDraft draft = ticket(Priority.NORMAL, "XFP-1");

    // When it is routed
    RoutingDecision decision = rules.decide("acme-fire", draft);

    // Then no fire rule matches and the default decides
    assertThat(decision.rule()).isEqualTo("default");
  }

  @Test
  void listOfPatternsMeansAnyOfThem() {
    // Given a keypad, an intrusion panel and a fire panel
    // When they are routed
    // Then either pattern of the list matches, and nothing else does
    assertThat(rules.decide("acme-fire", ticket(Priority.NORMAL, "KP-10")).queue())
        .isEqualTo("intrusion");
    assertThat(rules.decide("acme-fire", ticket(Priority.NORMAL, "ip-3")).queue())
        .isEqualTo("intrusion");
    assertThat(rules.decide("acme-fire", ticket(Priority.NORMAL, "DP-1")).rule())
        .isEqualTo("default");
  }

  @Test
  void textMatchesAnywhereInTheSubject() {
    // Given a ticket whose subject mentions a fire alarm mid-sentence, in other case
    TicketDraft draft =
        ticket(Priority.NORMAL, null, null, "Since Monday the FIRE ALARM sounds at night", null);

    // When it is routed
    RoutingDecision decision = rules.decide("acme-fire", draft);

    // Then the text rule decides
    assertThat(decision.rule()).isEqualTo("alarm-words");
  }

  @Test
  void textMatchesCyrillicAnywhereInTheDescription() {
    // Given a ticket whose description contains пожар inside the word пожарная
    TicketDraft draft =
        ticket(Priority.NORMAL, null, null, "Объект 12", "Сработала пожарная сигнализация");

    // When it is routed
    RoutingDecision decision = rules.decide("acme-fire", draft);

    // Then the text rule decides
    assertThat(decision.rule()).isEqualTo("alarm-words");
  }

  @Test
  void textMatchesCyrillicWithoutRegardToCase() {
    // Given a subject written in capitals: ПОЖАР
    TicketDraft draft = ticket(Priority.NORMAL, null, null, "ПОЖАР НА ОБЪЕКТЕ", null);

    // When it is routed
    RoutingDecision decision = rules.decide("acme-fire", draft);

    // Then the lower-case pattern пожар matches it
    assertThat(decision.rule()).isEqualTo("alarm-words");
  }

  @Test
  void rulePriorityOverridesTheTicketsPriority() {
    // Given a low-priority ticket that mentions a fire alarm
    TicketDraft draft = ticket(Priority.LOW, null, null, "fire alarm panel beeps", null);

    // When it is routed
    RoutingDecision decision = rules.decide("acme-fire", draft);

    // Then the rule's priority HIGH replaces LOW
    assertThat(decision.priority()).isEqualTo(Priority.HIGH);
  }

  @Test
  void ruleWithoutPriorityKeepsTheTicketsPriority() {
    // Given a low-priority ticket that only the default rule matches
    TicketDraft draft = ticket(Priority.LOW, "DP-1");

    // When it is routed
    RoutingDecision decision = rules.decide("acme-fire", draft);

    // Then its priority stays LOW
    assertThat(decision.priority()).isEqualTo(Priority.LOW);
  }

  @Test
  void responseTargetOfTheRuleIsCarriedInTheDecision() {
    // Given a critical fire panel ticket
    TicketDraft draft = ticket(Priority.CRITICAL, "FP-2000");

    // When it is routed
    RoutingDecision decision = rules.decide("acme-fire", draft);

    // Then the decision carries the queue and the one-hour target of its rule
    assertThat(decision)
        .isEqualTo(
            new RoutingDecision(
                "fire-panel-down", "fire-panels-l2", Priority.CRITICAL, Duration.ofHours(1)));
  }

  @Test
  void defaultRuleCatchesEveryOtherTicket() {
    // Given a ticket with nothing any rule looks for
    TicketDraft draft = new TicketDraft(null, null, null, null, null, null, null, null, null);

    // When it is routed
    RoutingDecision decision = rules.decide("acme-fire", draft);

    // Then the default rule sends it to triage with its one-day target
    assertThat(decision)
        .isEqualTo(new RoutingDecision("default", "triage", Priority.NORMAL, Duration.ofDays(1)));
  }

  @Test
  void conditionOnAMissingFieldDoesNotMatchEvenWithAStar() {
    // Given a NordSec ticket without a site name, and one with a site name
    TicketDraft withoutSite = ticket(Priority.NORMAL, null, null, "Keypad", null);
    TicketDraft withSite = ticket(Priority.NORMAL, null, "Warehouse 4", "Keypad", null);

    // When they are routed
    // Then site.name: "*" matches only the ticket that has one
    assertThat(rules.decide("nordsec", withoutSite).rule()).isEqualTo("default");
    assertThat(rules.decide("nordsec", withSite).rule()).isEqualTo("nordsec-sites");
  }

  @Test
  void conditionOnAMissingProductModelDoesNotMatch() {
    // Given a critical ticket whose product model is unknown
    TicketDraft draft = ticket(Priority.CRITICAL, null);

    // When it is routed
    RoutingDecision decision = rules.decide("acme-fire", draft);

    // Then no product rule matches and the default decides
    assertThat(decision.rule()).isEqualTo("default");
  }

  @Test
  void partnerConditionMatchesOnlyThatPartner() {
    // Given a ticket with a site name
    TicketDraft draft = ticket(Priority.NORMAL, null, "Warehouse 4", "Keypad", null);

    // When ACME and NordSec send it
    // Then only NordSec's goes by the NordSec rule
    assertThat(rules.decide("acme-fire", draft).rule()).isEqualTo("default");
    assertThat(rules.decide("nordsec", draft).rule()).isEqualTo("nordsec-sites");
  }

  @Test
  void routerUsesReplacedRulesForTheNextTicket() {
    // Given a router with the rules above and a fire panel ticket
    Router router = new Router(rules);
    TicketDraft draft = ticket(Priority.NORMAL, "FP-2000");
    RoutingRules everythingToTriage =
        new RoutingRules(List.of(new RoutingRule("only", List.of(), "triage", null, null, 1)));

    // When the rules are replaced
    String before = router.route("acme-fire", draft).queue();
    router.replace(everythingToTriage);

    // Then the next ticket is routed by the new rules
    assertThat(before).isEqualTo("fire-panels-l2");
    assertThat(router.route("acme-fire", draft).queue()).isEqualTo("triage");
  }
}
