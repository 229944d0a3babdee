package io.deskbridge.web;

import io.deskbridge.mapping.MappedValues;
import io.deskbridge.mapping.Mapping;
import io.deskbridge.mapping.MappingRejectedException;
import io.deskbridge.mapping.OutboundMapping;
import io.deskbridge.routing.RoutingDecision;
import io.deskbridge.routing.RoutingRules;
import io.deskbridge.ticket.Status;
import io.deskbridge.ticket.Ticket;
import io.deskbridge.ticket.TicketDraft;
import io.deskbridge.ticket.TicketRef;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A dry run of a mapping on a sample record: the canonical values and ticket it gives, the routing
 * rule and queue it would land in, what each side would be sent, and every problem. Nothing is
 * stored.
 */
public final class MappingPreview {

  /** The outcome of a dry run; on problems only {@code problems} is filled. */
  public record Result(
      String mapping,
      String partner,
      String kind,
      Map<String, String> canonical,
      TicketDraft ticket,
      Map<String, Object> routing,
      Map<String, Object> sent,
      List<String> problems) {}

  private MappingPreview() {}

  /**
   * Runs a mapping on a record.
   *
   * @param kind {@code ticket} for a ticket record, {@code comment} for a comment record
   */
  public static Result run(
      Mapping mapping,
      String partnerId,
      String kind,
      Map<String, Object> record,
      RoutingRules rules) {
    try {
      if ("comment".equals(kind)) {
        MappedValues values = mapping.inbound().comment(record);
        Map<String, Object> sent = new LinkedHashMap<>();
        sent.put("manufacturer", values.toComment());
        return new Result(
            mapping.name(), partnerId, kind, values.values(), null, null, sent, List.of());
      }
      MappedValues values = mapping.inbound().ticket(record);
      TicketDraft draft = values.toDraft();
      RoutingDecision decision = rules.decide(partnerId, draft);
      Map<String, Object> routing = new LinkedHashMap<>();
      routing.put("rule", decision.rule());
      routing.put("queue", decision.queue());
      routing.put("priority", decision.priority());
      routing.put(
          "responseTarget",
          decision.responseTarget() == null ? null : decision.responseTarget().toString());
      Ticket ticket = asCreated(partnerId, draft, decision);
      Map<String, Object> sent = new LinkedHashMap<>();
      // The built-in queues take the canonical ticket as routing placed it.
      Map<String, Object> manufacturer =
          new LinkedHashMap<>(OutboundMapping.defaults().currentRecord(ticket));
      manufacturer.put("status", Status.NEW.name());
      manufacturer.put("queue", decision.queue());
      manufacturer.put("routingRule", decision.rule());
      sent.put("manufacturer", manufacturer);
      sent.put("partner", mapping.outbound().currentRecord(ticket.forPartner()));
      return new Result(
          mapping.name(), partnerId, kind, values.values(), draft, routing, sent, List.of());
    } catch (MappingRejectedException e) {
      return new Result(mapping.name(), partnerId, kind, null, null, null, null, e.reasons());
    }
  }

  private static Ticket asCreated(String partnerId, TicketDraft draft, RoutingDecision decision) {
    Instant now = Instant.now();
    return new Ticket(
        0,
        new TicketRef("DB-000000"),
        partnerId,
        draft.externalId(),
        draft.subject(),
        draft.description(),
        Status.NEW,
        decision.priority(),
        draft.category(),
        draft.product(),
        draft.site(),
        draft.requester(),
        decision.queue(),
        null,
        decision.rule(),
        decision.responseTarget(),
        draft.attributes(),
        now,
        now,
        null,
        null,
        0);
  }
}
