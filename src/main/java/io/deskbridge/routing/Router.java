package io.deskbridge.routing;

import io.deskbridge.ticket.TicketDraft;
import java.util.concurrent.atomic.AtomicReference;

/** Routes new tickets by the rules in force; a reload swaps the whole rule set at once. */
public class Router {

  private final AtomicReference<RoutingRules> rules;

  public Router(RoutingRules initial) {
    this.rules = new AtomicReference<>(initial);
  }

  public RoutingDecision route(String partnerId, TicketDraft draft) {
    return rules.get().decide(partnerId, draft);
  }

  public RoutingRules rules() {
    return rules.get();
  }

  public void replace(RoutingRules next) {
    rules.set(next);
  }
}
