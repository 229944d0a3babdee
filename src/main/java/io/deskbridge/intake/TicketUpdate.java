package io.deskbridge.intake;

import io.deskbridge.queue.QueueDirectory;
import io.deskbridge.ticket.EventJournal;
import io.deskbridge.ticket.EventType;
import io.deskbridge.ticket.Side;
import io.deskbridge.ticket.Status;
import io.deskbridge.ticket.Ticket;
import io.deskbridge.ticket.TicketPatch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a patch does to one ticket, worked out before anything is written: the ticket as it is to be
 * stored and the history entries that say what changed, or nothing when the patch changes nothing.
 */
record TicketUpdate(Ticket changed, List<EventJournal.NewEvent> events) {

  private static final TicketUpdate NOTHING = new TicketUpdate(null, List.of());

  boolean changesNothing() {
    return changed == null;
  }

  /**
   * Checks the patch against what the origin may change and works out its effect.
   *
   * @throws ChangeRejectedException when the origin may not change a field or names no queue
   */
  static TicketUpdate of(
      Side origin,
      String sourceKey,
      Ticket ticket,
      TicketPatch patch,
      QueueDirectory queues,
      Instant now) {
    if (!origin.isManufacturer() && patch.touchesManufacturerFields()) {
      throw new ChangeRejectedException(
          ChangeRejectedException.Reason.FORBIDDEN,
          patch.queue() != null ? "queue" : "assignee",
          "queue and assignee are set by the manufacturer");
    }
    if (patch.queue() != null && queues.find(patch.queue()).isEmpty()) {
      throw new ChangeRejectedException(
          ChangeRejectedException.Reason.INVALID, "queue", "no queue '" + patch.queue() + "'");
    }
    Status status = patch.status() != null ? patch.status() : ticket.status();
    Map<String, Object> fields = new LinkedHashMap<>();
    Map<String, Object> assignment = new LinkedHashMap<>();
    diff(fields, "priority", ticket.priority(), patch.priority());
    diff(fields, "subject", ticket.subject(), patch.subject());
    diff(fields, "category", ticket.category(), patch.category());
    diff(assignment, "queue", ticket.queue(), patch.queue());
    diff(assignment, "assignee", ticket.assignee(), patch.assignee());
    Map<String, String> attributes = new LinkedHashMap<>(ticket.attributes());
    patch
        .attributes()
        .forEach(
            (name, value) -> {
              String before = attributes.get(name);
              if (!Objects.equals(before, value)) {
                fields.put("attributes." + name, change(before, value));
                if (value == null || value.isEmpty()) {
                  attributes.remove(name);
                } else {
                  attributes.put(name, value);
                }
              }
            });
    boolean statusChanged = status != ticket.status();
    if (!statusChanged && fields.isEmpty() && assignment.isEmpty()) {
      return NOTHING;
    }
    Ticket changed =
        ticket.withFields(
            patch.subject() != null ? patch.subject() : ticket.subject(),
            status,
            patch.priority() != null ? patch.priority() : ticket.priority(),
            patch.category() != null ? patch.category() : ticket.category(),
            patch.queue() != null ? patch.queue() : ticket.queue(),
            patch.assignee() != null ? patch.assignee() : ticket.assignee(),
            attributes);
    List<EventJournal.NewEvent> events = new ArrayList<>();
    if (statusChanged) {
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("from", ticket.status().name());
      data.put("to", status.name());
      events.add(
          new EventJournal.NewEvent(
              ticket.id(), EventType.STATUS_CHANGED, origin, sourceKey, now, data));
    }
    if (!fields.isEmpty()) {
      events.add(
          new EventJournal.NewEvent(
              ticket.id(), EventType.FIELDS_CHANGED, origin, sourceKey, now, fields));
    }
    if (!assignment.isEmpty()) {
      events.add(
          new EventJournal.NewEvent(
              ticket.id(), EventType.ASSIGNED, origin, sourceKey, now, assignment));
    }
    return new TicketUpdate(Intake.withTimings(changed, status, now, false), events);
  }

  private static void diff(Map<String, Object> into, String field, Object before, Object after) {
    if (after != null && !after.equals(before)) {
      into.put(field, change(before, after));
    }
  }

  private static Map<String, Object> change(Object before, Object after) {
    Map<String, Object> change = new LinkedHashMap<>();
    change.put("from", before == null ? null : before.toString());
    change.put("to", after == null ? null : after.toString());
    return change;
  }
}
