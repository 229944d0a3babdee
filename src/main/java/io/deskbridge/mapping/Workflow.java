package io.deskbridge.mapping;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The status transitions a partner's system allows, in the partner's own status words, and the
 * canonical fields a ticket needs before it may enter a status (a resolution code before "solved").
 * No transitions declared means the partner takes any.
 */
public record Workflow(
    Map<String, Set<String>> transitions, Map<String, List<String>> requires, int line) {

  public static final Workflow ANY = new Workflow(Map.of(), Map.of(), 0);

  public Workflow {
    transitions = Map.copyOf(transitions);
    requires = Map.copyOf(requires);
  }

  /** Whether the partner's system can go from one of its statuses to another. */
  public boolean allows(String from, String to) {
    if (transitions.isEmpty() || from == null || from.equals(to)) {
      return true;
    }
    Set<String> next = transitions.get(from);
    return next != null && next.contains(to);
  }
}
