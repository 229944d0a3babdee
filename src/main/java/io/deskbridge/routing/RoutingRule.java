package io.deskbridge.routing;

import io.deskbridge.ticket.Priority;
import io.deskbridge.ticket.TicketDraft;
import java.time.Duration;
import java.util.List;

/**
 * One rule of routing.yml: conditions that must all hold, and what the rule decides when they do.
 */
public record RoutingRule(
    String name,
    List<RoutingCondition> conditions,
    String queue,
    Priority priority,
    Duration responseTarget,
    int line) {

  public RoutingRule {
    conditions = List.copyOf(conditions);
  }

  public boolean isDefault() {
    return conditions.isEmpty();
  }

  public boolean matches(String partnerId, TicketDraft draft) {
    return conditions.stream().allMatch(c -> c.holds(partnerId, draft));
  }
}
