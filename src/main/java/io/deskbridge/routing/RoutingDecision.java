package io.deskbridge.routing;

import io.deskbridge.ticket.Priority;
import java.time.Duration;

/**
 * Where a new ticket goes: the rule that matched, its queue, the priority and the response target.
 */
public record RoutingDecision(
    String rule, String queue, Priority priority, Duration responseTarget) {}
