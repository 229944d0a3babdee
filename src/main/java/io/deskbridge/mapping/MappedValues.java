package io.deskbridge.mapping;

import io.deskbridge.ticket.CommentDraft;
import io.deskbridge.ticket.Contact;
import io.deskbridge.ticket.Priority;
import io.deskbridge.ticket.Product;
import io.deskbridge.ticket.Site;
import io.deskbridge.ticket.Status;
import io.deskbridge.ticket.TicketDraft;
import io.deskbridge.ticket.TicketPatch;
import io.deskbridge.ticket.Visibility;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The canonical values an inbound mapping produced from one record, by canonical field name. */
public record MappedValues(Map<String, String> values, Map<String, String> attributes) {

  public MappedValues {
    values = readOnly(values);
    attributes = readOnly(attributes);
  }

  /** Values whose custom attributes are those of their {@code attributes.} names. */
  public MappedValues(Map<String, String> values) {
    this(values, attributesAmong(values));
  }

  private static Map<String, String> readOnly(Map<String, String> map) {
    return map instanceof Owned
        ? Collections.unmodifiableMap(map)
        : Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }

  private static Map<String, String> attributesAmong(Map<String, String> values) {
    Map<String, String> attributes = new LinkedHashMap<>();
    values.forEach(
        (key, value) -> {
          if (key.startsWith(CanonicalField.ATTRIBUTE_PREFIX) && value != null) {
            attributes.put(key.substring(CanonicalField.ATTRIBUTE_PREFIX.length()), value);
          }
        });
    return attributes;
  }

  /**
   * A map for this package to fill and then hand to the constructor, which takes it without a copy
   * (a second map of every value for each record mapped); it iterates as that copy did.
   */
  static Map<String, String> ownedMap() {
    return new Owned();
  }

  /** Only {@link #ownedMap()} makes these, so no one outside the package keeps one to change. */
  private static final class Owned extends HashMap<String, String> {
    private static final long serialVersionUID = 1L;
  }

  public String get(String field) {
    return values.get(field);
  }

  public boolean has(String field) {
    return values.get(field) != null;
  }

  /** A new ticket from these values. */
  public TicketDraft toDraft() {
    return new TicketDraft(
        get("externalId"),
        get("subject"),
        get("description"),
        has("priority") ? Priority.valueOf(get("priority")) : null,
        get("category"),
        new Product(get("product.model"), get("product.serialNumber"), get("product.firmware")),
        new Site(get("site.name"), get("site.address")),
        new Contact(get("requester.name"), get("requester.email"), get("requester.phone")),
        attributes());
  }

  /** A change of the fields these values carry; the others stay as they are. */
  public TicketPatch toPatch() {
    return new TicketPatch(
        has("status") ? Status.valueOf(get("status")) : null,
        has("priority") ? Priority.valueOf(get("priority")) : null,
        get("subject"),
        get("category"),
        null,
        null,
        attributes());
  }

  /** A comment from these values. */
  public CommentDraft toComment() {
    return new CommentDraft(
        get("comment.authorName"),
        get("comment.authorEmail"),
        has("comment.visibility") ? Visibility.valueOf(get("comment.visibility")) : null,
        get("comment.text"),
        get("comment.html"),
        get("comment.externalId"),
        null,
        List.of());
  }
}
