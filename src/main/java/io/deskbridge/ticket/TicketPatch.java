package io.deskbridge.ticket;

import java.util.Map;

/**
 * A change to a ticket's fields; a null member leaves that field as it is. Queue and assignee
 * belong to the manufacturer's side and are refused from partners by the intake.
 */
public record TicketPatch(
    Status status,
    Priority priority,
    String subject,
    String category,
    String queue,
    String assignee,
    Map<String, String> attributes) {

  public TicketPatch {
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
  }

  public static TicketPatch status(Status status) {
    return new TicketPatch(status, null, null, null, null, null, null);
  }

  public boolean isEmpty() {
    return status == null
        && priority == null
        && subject == null
        && category == null
        && queue == null
        && assignee == null
        && attributes.isEmpty();
  }

  public boolean touchesManufacturerFields() {
    return queue != null || assignee != null;
  }
}
