package io.deskbridge.routing;

import io.deskbridge.ticket.TicketDraft;
import java.util.List;

/** The ordered rules in force; the first that matches decides. */
public record RoutingRules(List<RoutingRule> rules) {

  public RoutingRules {
    rules = List.copyOf(rules);
    if (rules.isEmpty() || !rules.get(rules.size() - 1).isDefault()) {
      throw new IllegalArgumentException("routing rules must end with a rule without conditions");
    }
  }

  public RoutingDecision decide(String partnerId, TicketDraft draft) {
    for (RoutingRule rule : rules) {
      if (rule.matches(partnerId, draft)) {
        return new RoutingDecision(
            rule.name(),
            rule.queue(),
            rule.priority() != null ? rule.priority() : draft.priority(),
            rule.responseTarget());
      }
    }
    throw new IllegalStateException("the last routing rule matches every ticket");
  }
}
