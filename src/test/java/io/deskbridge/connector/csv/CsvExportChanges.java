package io.deskbridge.connector.csv;

import io.deskbridge.connector.OutboundChange;
import io.deskbridge.ticket.Contact;
import io.deskbridge.ticket.EventType;
import io.deskbridge.ticket.Priority;
import io.deskbridge.ticket.Product;
import io.deskbridge.ticket.Side;
import io.deskbridge.ticket.Site;
import io.deskbridge.ticket.Status;
import io.deskbridge.ticket.Ticket;
import io.deskbridge.ticket.TicketEvent;
import io.deskbridge.ticket.TicketRef;
import java.time.Instant;
import java.util.Map;

/** Outbound changes as the dispatcher hands them over, built as the connector contract does. */
final class CsvExportChanges {

  static final Instant AT = Instant.parse("2026-01-31T08:00:00Z");

  private CsvExportChanges() {}

  /** A change of ticket DB-000001 (the partner's P-1) whose outbound record is {@code record}. */
  static OutboundChange change(long changeId, EventType type, Map<String, Object> record) {
    Ticket ticket =
        new Ticket(
            1,
            new TicketRef("DB-000001"),
            "nordsec",
            "P-1",
            "Panel in fault",
            "Earth fault on loop 2",
            Status.IN_PROGRESS,
            Priority.HIGH,
            "fault",
            new Product("FP-2000", "SN-1", "3.2.1"),
            new Site("Riverside Mall", "12 River Road"),
            new Contact("Jane Doe", "jane@partner.example", null),
            null,
            null,
            null,
            null,
            Map.of(),
            AT,
            AT,
            null,
            null,
            2);
    TicketEvent event =
        new TicketEvent(changeId, 1, type, Side.MANUFACTURER, "api:1", AT, Map.of());
    return new OutboundChange(changeId, "nordsec", event, ticket.forPartner(), null, "P-1", record);
  }

  /** A status change whose record carries the status word. */
  static OutboundChange status(long changeId, String status) {
    return change(
        changeId,
        EventType.STATUS_CHANGED,
        Map.of(
            "ref", "DB-000001", "externalId", "P-1", "event", "STATUS_CHANGED", "status", status));
  }
}
