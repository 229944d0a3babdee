package io.deskbridge.routing;

import io.deskbridge.config.ConfigFields;
import io.deskbridge.config.ConfigProblem;
import io.deskbridge.config.YamlFiles;
import io.deskbridge.config.YamlNode;
import io.deskbridge.connector.SettingType;
import io.deskbridge.ticket.Priority;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code mappings/routing.yml} and checks it against the queues and partners that exist:
 * every problem with file, line and field, including a list that does not end with a default rule.
 */
public final class RoutingFileReader {

  private static final List<String> KEYS = List.of("rules");
  private static final List<String> RULE_KEYS =
      List.of("name", "when", "queue", "priority", "responseTarget");

  public Optional<RoutingRules> read(
      Path file,
      Collection<String> queues,
      Collection<String> partners,
      List<ConfigProblem> problems) {
    if (!Files.exists(file)) {
      problems.add(
          ConfigProblem.inFile(
              file, "missing: routing rules choose the queue of every new ticket"));
      return Optional.empty();
    }
    int before = problems.size();
    ConfigFields fields = new ConfigFields(problems);
    YamlNode.MapNode root = fields.map(YamlFiles.read(file, problems), "routing.yml");
    if (root == null) {
      return Optional.empty();
    }
    fields.onlyKeys(root, KEYS);
    List<YamlNode> items = fields.list(root.get("rules"), "rules");
    if (root.get("rules") == null) {
      fields.requiredText(root, "rules");
    }
    List<RoutingRule> rules = new ArrayList<>();
    List<YamlNode.MapNode> ruleNodes = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (YamlNode item : items) {
      YamlNode.MapNode rule = fields.map(item, "a rule");
      if (rule != null) {
        rule(rule, queues, partners, names, fields)
            .ifPresent(
                r -> {
                  rules.add(r);
                  ruleNodes.add(rule);
                });
      }
    }
    checkDefaultLast(root, items, rules, ruleNodes, fields);
    if (problems.size() > before) {
      return Optional.empty();
    }
    return Optional.of(new RoutingRules(rules));
  }

  private Optional<RoutingRule> rule(
      YamlNode.MapNode rule,
      Collection<String> queues,
      Collection<String> partners,
      Set<String> names,
      ConfigFields fields) {
    fields.onlyKeys(rule, RULE_KEYS);
    String name = fields.requiredText(rule, "name");
    if (name != null && !names.add(name)) {
      fields.add(rule.get("name").problem("rule '" + name + "' is declared twice"));
    }
    String queue = fields.requiredText(rule, "queue");
    // null queues: manufacturer.yml could not be read, and its own problem says so
    if (queue != null && queues != null && !queues.contains(queue)) {
      fields.add(
          rule.get("queue")
              .problem(
                  "no queue '"
                      + queue
                      + "' in manufacturer.yml"
                      + ConfigFields.didYouMean(queue, queues)
                      + "; queues: "
                      + String.join(", ", queues)));
    }
    Priority priority = fields.enumValue(rule, "priority", Priority.class);
    Duration target = null;
    String targetText = fields.text(rule, "responseTarget");
    if (targetText != null) {
      target = SettingType.parseDuration(targetText);
      if (target == null || target.isNegative() || target.isZero()) {
        fields.add(
            rule.get("responseTarget")
                .problem(
                    "'" + targetText + "' is not a positive duration (write PT1H, 4h or 30m)"));
      }
    }
    List<RoutingCondition> conditions = conditions(rule, partners, fields);
    return Optional.of(new RoutingRule(name, conditions, queue, priority, target, rule.line()));
  }

  private List<RoutingCondition> conditions(
      YamlNode.MapNode rule, Collection<String> partners, ConfigFields fields) {
    List<RoutingCondition> conditions = new ArrayList<>();
    YamlNode.MapNode when = fields.map(rule.get("when"), "when");
    if (when == null) {
      return conditions;
    }
    if (when.entries().isEmpty()) {
      fields.add(when.problem("an empty 'when' is unclear: leave it out for the default rule"));
    }
    when.entries()
        .forEach(
            (key, entry) -> {
              Optional<RoutingField> field = RoutingField.byKey(key);
              if (field.isEmpty()) {
                fields.add(
                    entry
                        .key()
                        .problem(
                            "cannot route on '"
                                + key
                                + "'"
                                + ConfigFields.didYouMean(key, RoutingField.keys())
                                + "; fields: "
                                + String.join(", ", RoutingField.keys())));
                return;
              }
              List<String> patterns = fields.texts(entry.value(), key);
              if (patterns.isEmpty()) {
                fields.add(entry.value().problem("needs at least one value to match"));
              }
              checkValues(field.get(), patterns, entry.value(), partners, fields);
              conditions.add(RoutingCondition.of(field.get(), patterns));
            });
    return conditions;
  }

  private void checkValues(
      RoutingField field,
      List<String> patterns,
      YamlNode at,
      Collection<String> partners,
      ConfigFields fields) {
    for (String pattern : patterns) {
      if (field == RoutingField.PRIORITY && !pattern.contains("*")) {
        boolean known =
            java.util.Arrays.stream(Priority.values())
                .anyMatch(p -> p.name().equalsIgnoreCase(pattern));
        if (!known) {
          fields.add(
              at.problem("'" + pattern + "' is not a priority (CRITICAL, HIGH, NORMAL, LOW)"));
        }
      }
      if (field == RoutingField.PARTNER && !pattern.contains("*") && !partners.contains(pattern)) {
        fields.add(
            at.problem(
                "no partner '" + pattern + "'" + ConfigFields.didYouMean(pattern, partners)));
      }
    }
  }

  private void checkDefaultLast(
      YamlNode.MapNode root,
      List<YamlNode> items,
      List<RoutingRule> rules,
      List<YamlNode.MapNode> ruleNodes,
      ConfigFields fields) {
    if (items.isEmpty()) {
      fields.add(root.problem("rules: needs at least one rule, and the last one without 'when'"));
      return;
    }
    for (int i = 0; i < rules.size() - 1; i++) {
      // A rule whose written conditions were all refused has its problems already; it is no
      // default rule, so only a rule without 'when' is reported here.
      if (rules.get(i).isDefault() && ruleNodes.get(i).get("when") == null) {
        YamlNode at = ruleNodes.get(i);
        fields.add(
            at.problem(
                "rule '"
                    + rules.get(i).name()
                    + "' has no conditions, so the rules after it never apply"));
      }
    }
    YamlNode last = items.get(items.size() - 1);
    if (rules.size() == items.size() && !rules.get(rules.size() - 1).isDefault()) {
      fields.add(
          last.problem(
              "the last rule must have no 'when' so that every ticket lands in a queue; add a default"
                  + " rule at the end"));
    }
  }
}
