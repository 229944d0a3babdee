package io.deskbridge.mapping;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The partner-to-canonical half of a mapping: its field rules in an order where every
 * {@code @field} a rule reads is filled before it. Applying it collects every problem of a record,
 * not only the first, and applies nothing when there is one.
 */
public final class InboundMapping {

  private final Path file;
  private final List<FieldRule> ticketRules;
  private final List<FieldRule> commentRules;
  private final CommentSelector commentWhen;
  // By rule position: the attribute each rule fills, or null, worked out once instead of per
  // record.
  private final String[] ticketAttributes;
  private final String[] commentAttributes;

  public InboundMapping(
      Path file,
      List<FieldRule> ticketRules,
      List<FieldRule> commentRules,
      CommentSelector commentWhen) {
    this.file = file;
    this.commentWhen = commentWhen;
    this.ticketRules = List.copyOf(ticketRules);
    this.commentRules = List.copyOf(commentRules);
    this.ticketAttributes = attributeNames(this.ticketRules);
    this.commentAttributes = attributeNames(this.commentRules);
  }

  private static String[] attributeNames(List<FieldRule> rules) {
    return rules.stream().map(FieldRule::attributeName).toArray(String[]::new);
  }

  public List<FieldRule> ticketRules() {
    return ticketRules;
  }

  public List<FieldRule> commentRules() {
    return commentRules;
  }

  /**
   * Whether a record adds a comment rather than opening or changing a ticket, by the mapping's
   * {@code commentWhen}; false when it has none.
   */
  public boolean isComment(Map<String, ?> record) {
    return commentWhen != null && commentWhen.selects(record);
  }

  /** The ticket fields of a record. */
  public MappedValues ticket(Map<String, ?> record) {
    return apply(ticketRules, ticketAttributes, record, true);
  }

  /**
   * The ticket fields a record carries, for an update: required fields and defaults apply only to
   * fields whose source is present, so a partial record changes only what it names.
   */
  public MappedValues ticketUpdate(Map<String, ?> record) {
    return apply(ticketRules, ticketAttributes, record, false);
  }

  /** The comment fields of a record. */
  public MappedValues comment(Map<String, ?> record) {
    return apply(commentRules, commentAttributes, record, true);
  }

  private MappedValues apply(
      List<FieldRule> rules, String[] attributeNames, Map<String, ?> record, boolean complete) {
    // Handed to the MappedValues without a copy: nothing else holds them once this returns.
    Map<String, String> values = MappedValues.ownedMap();
    Map<String, String> attributes = MappedValues.ownedMap();
    List<String> problems = null;
    String firstField = null;
    for (int i = 0; i < rules.size(); i++) {
      FieldRule rule = rules.get(i);
      try {
        String value = value(rule, record, values, complete);
        if (value != null) {
          values.put(rule.target(), value);
          if (attributeNames[i] != null) {
            attributes.put(attributeNames[i], value);
          }
        }
      } catch (ValueRejected rejected) {
        if (problems == null) {
          problems = new ArrayList<>();
          firstField = rule.target();
        }
        problems.add(
            file + ":" + rule.line() + ": " + rule.target() + ": " + rejected.getMessage());
      }
    }
    if (problems != null) {
      throw new MappingRejectedException(problems, firstField);
    }
    return new MappedValues(values, attributes);
  }

  private static String value(
      FieldRule rule, Map<String, ?> record, Map<String, String> mapped, boolean complete)
      throws ValueRejected {
    boolean present = true;
    Object value;
    if (rule.constant() != null) {
      value = rule.constant();
    } else {
      value = gather(rule, record, mapped);
      present = value != null;
      // Indexed: the list's iterator is an allocation per rule and record.
      List<Transform> transforms = rule.transforms();
      for (int i = 0; i < transforms.size(); i++) {
        value = transforms.get(i).apply(value);
      }
    }
    String text =
        value instanceof List<?> list
            ? Transforms.joined(list, rule.join() == null ? ", " : rule.join())
            : (String) value;
    if (text != null && text.isEmpty()) {
      text = null;
    }
    if (text != null && rule.table() != null) {
      String canonical = rule.table().toCanonical(text);
      if (canonical == null) {
        switch (rule.unmapped()) {
          case PARK ->
              throw new ValueRejected(
                  "value '"
                      + text
                      + "' is not in table "
                      + rule.table().name()
                      + " (it has: "
                      + String.join(", ", rule.table().partnerWords())
                      + ")");
          case DEFAULT -> canonical = rule.defaultValue();
          case KEEP -> canonical = text;
        }
      }
      text = canonical;
    }
    if (!complete && !present && rule.constant() == null) {
      return null;
    }
    if (text == null) {
      text = rule.defaultValue();
    }
    if (text == null && rule.required()) {
      throw new ValueRejected("is required, but " + describeSources(rule) + " gave no value");
    }
    if (text != null && rule.field().isEnumerated()) {
      text = enumName(rule, text);
    }
    return text;
  }

  private static Object gather(FieldRule rule, Map<String, ?> record, Map<String, String> mapped)
      throws ValueRejected {
    int count = rule.sources().size() + rule.references().size();
    if (count == 1) {
      return rule.sources().isEmpty()
          ? mapped.get(rule.references().get(0))
          : read(rule.sources().get(0), record);
    }
    List<String> parts = new ArrayList<>(count);
    for (RecordPath source : rule.sources()) {
      Object part = read(source, record);
      if (part instanceof List<?> list) {
        for (Object item : list) {
          parts.add((String) item);
        }
      } else if (part != null) {
        parts.add((String) part);
      }
    }
    for (String reference : rule.references()) {
      String part = mapped.get(reference);
      if (part != null) {
        parts.add(part);
      }
    }
    return Transforms.joined(parts, rule.join() == null ? " " : rule.join());
  }

  /** The value at a path as text, or a list of texts; an object where text belongs is refused. */
  private static Object read(RecordPath path, Map<String, ?> record) throws ValueRejected {
    Object raw = path.read(record);
    if (raw == null || raw instanceof String) {
      return raw;
    }
    if (raw instanceof Number || raw instanceof Boolean) {
      return raw.toString();
    }
    if (raw instanceof List<?> list) {
      List<String> texts = new ArrayList<>(list.size());
      for (Object item : list) {
        if (item instanceof Map<?, ?> || item instanceof List<?>) {
          throw new ValueRejected("'" + path + "' is a list of objects, not of values");
        }
        texts.add(item == null ? null : item.toString());
      }
      return texts;
    }
    throw new ValueRejected("'" + path + "' is an object, not a value; name a field inside it");
  }

  private static String enumName(FieldRule rule, String text) throws ValueRejected {
    String stripped = text.strip();
    for (String allowed : rule.field().allowedValues()) {
      if (allowed.equalsIgnoreCase(stripped)) {
        return allowed;
      }
    }
    throw new ValueRejected(
        "value '"
            + text
            + "' is not one of "
            + String.join(", ", rule.field().allowedValues())
            + (rule.table() == null ? "; map it with a table" : ""));
  }

  private static String describeSources(FieldRule rule) {
    List<String> names = new ArrayList<>();
    rule.sources().forEach(s -> names.add("'" + s + "'"));
    rule.references().forEach(r -> names.add("@" + r));
    return String.join(" and ", names);
  }
}
