package io.deskbridge.mapping;

import io.deskbridge.ticket.Comment;
import io.deskbridge.ticket.EventType;
import io.deskbridge.ticket.Ticket;
import io.deskbridge.ticket.TicketEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The canonical-to-partner half of a mapping: what may leave toward the partner (its {@link
 * Allowlist}), under which names and in which words, and which status changes its workflow can
 * take.
 */
public final class OutboundMapping {

  private static final OutboundMapping DEFAULTS =
      new OutboundMapping(null, Allowlist.everythingPublic(), List.of(), Workflow.ANY);

  private final Path file;
  private final Allowlist allowlist;
  private final Map<String, OutboundRule> rules = new LinkedHashMap<>();
  private final Workflow workflow;

  /**
   * Where each field goes in the partner's record, split at its dots once: every change sends every
   * allowed field, and splitting each time costs a substring and a hash per name.
   */
  private final Map<String, String[]> targets = new HashMap<>();

  public OutboundMapping(
      Path file, Allowlist allowlist, List<OutboundRule> rules, Workflow workflow) {
    this.file = file;
    this.allowlist = allowlist;
    rules.forEach(rule -> this.rules.put(rule.field(), rule));
    this.workflow = workflow;
    for (CanonicalField field : CanonicalField.values()) {
      if (field != CanonicalField.ATTRIBUTE) {
        targets.put(field.key(), segments(field.key()));
      }
    }
    rules.forEach(rule -> targets.put(rule.field(), segments(rule.to())));
  }

  /** What partners without a mapping get: every public field in canonical words. */
  public static OutboundMapping defaults() {
    return DEFAULTS;
  }

  public Allowlist allowlist() {
    return allowlist;
  }

  public Workflow workflow() {
    return workflow;
  }

  public Map<String, OutboundRule> rules() {
    return rules;
  }

  /**
   * What one change looks like to the partner.
   *
   * <p>Another field whose value has no word in the partner's table is left out of the record.
   *
   * @throws MappingRejectedException when the partner cannot take it: its workflow has no such
   *     transition, the status it enters needs a field the ticket lacks, or the new status has no
   *     word in the partner's table
   */
  public PartnerView view(Ticket ticket, TicketEvent event, Comment comment) {
    String filtered = filteredReason(event, comment);
    if (filtered != null) {
      return PartnerView.filtered(filtered);
    }
    if (event.type() == EventType.STATUS_CHANGED) {
      checkWorkflow(ticket, (String) event.data().get("from"), (String) event.data().get("to"));
    }
    Ticket visible = allowlist.filter(ticket);
    Comment visibleComment = comment == null ? null : visibleComment(comment);
    return PartnerView.send(visible, visibleComment, record(visible, visibleComment, event));
  }

  /** The ticket as it stands, in the partner's names and words, with only what may leave. */
  public Map<String, Object> currentRecord(Ticket ticket) {
    return record(allowlist.filter(ticket), null, null);
  }

  /** Why a change does not go to the partner at all, or null when it does. */
  private String filteredReason(TicketEvent event, Comment comment) {
    return switch (event.type()) {
      case COMMENTED -> {
        if (comment == null || !comment.isPublic()) {
          yield "internal comments never leave the gateway";
        }
        yield allowlist.allowsPublicComments() ? null : "publicComments is not in the allowlist";
      }
      case STATUS_CHANGED -> allowlist.allows("status") ? null : "status is not in the allowlist";
      case FIELDS_CHANGED -> {
        boolean any = event.data().keySet().stream().anyMatch(allowlist::allows);
        yield any ? null : "none of the changed fields is in the allowlist";
      }
      case ROUTED, ASSIGNED -> "routing and assignment are the manufacturer's";
      case CREATED -> null;
    };
  }

  private Comment visibleComment(Comment comment) {
    if (allowlist.allowsAttachments() || comment.attachments().isEmpty()) {
      return comment;
    }
    return new Comment(
        comment.id(),
        comment.ticketId(),
        comment.authorSide(),
        comment.authorName(),
        comment.authorEmail(),
        comment.visibility(),
        comment.text(),
        comment.html(),
        comment.externalId(),
        comment.messageId(),
        comment.createdAt(),
        List.of());
  }

  private void checkWorkflow(Ticket ticket, String fromStatus, String toStatus) {
    String from = partnerWord("status", fromStatus);
    String to = partnerWord("status", toStatus);
    OutboundRule statusRule = rules.get("status");
    if (statusRule != null && statusRule.table() != null && to == null) {
      throw rejected(
          statusRule.line(),
          "status",
          "status " + toStatus + " has no word in table " + statusRule.table().name());
    }
    if (!workflow.allows(from, to)) {
      throw rejected(
          workflow.line(),
          "status",
          "the partner's workflow has no transition '" + from + "' -> '" + to + "'");
    }
    List<String> missing = new ArrayList<>();
    List<String> required = workflow.requires().getOrDefault(to, List.of());
    Map<String, String> values = required.isEmpty() ? Map.of() : CanonicalValues.of(ticket);
    for (String field : required) {
      String value = values.get(field);
      if (value == null || value.isBlank()) {
        missing.add(field);
      }
    }
    if (!missing.isEmpty()) {
      throw rejected(
          workflow.line(),
          "status",
          "entering '"
              + to
              + "' needs "
              + String.join(", ", missing)
              + ", which the ticket does not have");
    }
  }

  private MappingRejectedException rejected(int line, String field, String reason) {
    return new MappingRejectedException(
        List.of(file + ":" + line + ": " + field + ": " + reason), field);
  }

  /**
   * The partner's word for a canonical value of a field, through the field's table if it has one.
   */
  public String partnerWord(String field, String canonical) {
    OutboundRule rule = rules.get(field);
    if (canonical == null || rule == null || rule.table() == null) {
      return canonical;
    }
    return rule.table().toPartner(canonical);
  }

  private Map<String, Object> record(Ticket visible, Comment comment, TicketEvent event) {
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("ref", visible.ref().value());
    if (visible.externalId() != null) {
      record.put("externalId", visible.externalId());
    }
    if (event != null) {
      record.put("event", event.type().name());
    }
    CanonicalValues.of(visible)
        .forEach(
            (field, value) -> {
              if (value != null && allowlist.allows(field)) {
                put(record, field, value);
              }
            });
    if (comment != null) {
      put(record, "comment.text", comment.text());
      put(record, "comment.html", comment.html());
      put(record, "comment.authorName", comment.authorName());
      put(record, "comment.authorEmail", comment.authorEmail());
    }
    return record;
  }

  private void put(Map<String, Object> record, String field, String value) {
    if (value == null) {
      return;
    }
    OutboundRule rule = rules.get(field);
    Object out = value;
    if (rule != null) {
      if (rule.table() != null) {
        out = rule.table().toPartner(value);
        if (out == null) {
          return;
        }
      }
      try {
        for (Transform transform : rule.transforms()) {
          out = transform.apply(out);
        }
      } catch (ValueRejected e) {
        throw rejected(rule.line(), field, e.getMessage());
      }
    }
    String[] target = targets.get(field);
    if (target == null) {
      putPath(record, rule == null ? field : rule.to(), out);
    } else {
      putPath(record, target, out);
    }
  }

  private static String[] segments(String path) {
    return path.split("\\.", -1);
  }

  @SuppressWarnings("unchecked")
  private static void putPath(Map<String, Object> record, String[] segments, Object value) {
    Map<String, Object> current = record;
    int last = segments.length - 1;
    for (int i = 0; i < last; i++) {
      Object next = current.get(segments[i]);
      if (!(next instanceof Map)) {
        next = new LinkedHashMap<String, Object>();
        current.put(segments[i], next);
      }
      current = (Map<String, Object>) next;
    }
    current.put(segments[last], value);
  }

  @SuppressWarnings("unchecked")
  static void putPath(Map<String, Object> record, String path, Object value) {
    Map<String, Object> current = record;
    int start = 0;
    for (int dot = path.indexOf('.'); dot >= 0; dot = path.indexOf('.', start)) {
      String name = path.substring(start, dot);
      Object next = current.get(name);
      if (!(next instanceof Map)) {
        next = new LinkedHashMap<String, Object>();
        current.put(name, next);
      }
      current = (Map<String, Object>) next;
      start = dot + 1;
    }
    current.put(path.substring(start), value);
  }
}
