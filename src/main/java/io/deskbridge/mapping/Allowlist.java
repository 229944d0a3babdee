package io.deskbridge.mapping;

import io.deskbridge.ticket.Contact;
import io.deskbridge.ticket.Product;
import io.deskbridge.ticket.Site;
import io.deskbridge.ticket.Ticket;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What may leave the gateway toward one partner at all. A group name ({@code product}, {@code
 * site}, {@code requester}, {@code attributes}) allows each of its fields; {@code publicComments}
 * and {@code attachments} allow the manufacturer's public comments and files. Internal comments
 * never leave, whatever the list says.
 */
public final class Allowlist {

  public static final String PUBLIC_COMMENTS = "publicComments";
  public static final String ATTACHMENTS = "attachments";

  /** Every item a list may name. */
  public static final List<String> ITEMS =
      List.of(
          "status",
          "priority",
          "subject",
          "description",
          "category",
          "product",
          "product.model",
          "product.serialNumber",
          "product.firmware",
          "site",
          "site.name",
          "site.address",
          "requester",
          "requester.name",
          "requester.email",
          "requester.phone",
          "attributes",
          "attributes.<name>",
          PUBLIC_COMMENTS,
          ATTACHMENTS);

  private final Set<String> items;

  /**
   * The decision for every canonical field name, made once: they are asked for each field of each
   * change that leaves, and deciding by group needs a substring (and its hash) every time.
   */
  private final Map<String, Boolean> byField = new HashMap<>();

  private final boolean allAttributes;
  private final Set<String> attributeNames = new HashSet<>();

  public Allowlist(Set<String> items) {
    this.items = Set.copyOf(items);
    for (CanonicalField field : CanonicalField.values()) {
      if (field != CanonicalField.ATTRIBUTE) {
        byField.put(field.key(), decide(field.key()));
      }
    }
    allAttributes = this.items.contains("attributes");
    for (String item : this.items) {
      if (item.startsWith(CanonicalField.ATTRIBUTE_PREFIX)) {
        attributeNames.add(item.substring(CanonicalField.ATTRIBUTE_PREFIX.length()));
      }
    }
  }

  public Set<String> items() {
    return items;
  }

  /** What partners without a mapping get: every public field, public comments and attachments. */
  public static Allowlist everythingPublic() {
    return new Allowlist(
        Set.of(
            "status",
            "priority",
            "subject",
            "description",
            "category",
            "product",
            "site",
            "requester",
            "attributes",
            PUBLIC_COMMENTS,
            ATTACHMENTS));
  }

  /** Whether an item name is one a list may hold. */
  public static boolean isKnownItem(String item) {
    return ITEMS.contains(item)
        || (item.startsWith(CanonicalField.ATTRIBUTE_PREFIX)
            && item.length() > CanonicalField.ATTRIBUTE_PREFIX.length());
  }

  /** Whether a canonical field may leave, by its own name or its group's. */
  public boolean allows(String field) {
    Boolean decided = byField.get(field);
    if (decided != null) {
      return decided;
    }
    if (field.startsWith(CanonicalField.ATTRIBUTE_PREFIX)) {
      return allAttributes || items.contains(field);
    }
    return decide(field);
  }

  /** Whether the custom attribute of this name (without {@code attributes.}) may leave. */
  public boolean allowsAttribute(String name) {
    return allAttributes || attributeNames.contains(name);
  }

  private boolean decide(String field) {
    if (items.contains(field)) {
      return true;
    }
    int dot = field.indexOf('.');
    return dot > 0 && items.contains(field.substring(0, dot));
  }

  public boolean allowsPublicComments() {
    return items.contains(PUBLIC_COMMENTS);
  }

  public boolean allowsAttachments() {
    return items.contains(ATTACHMENTS);
  }

  /** The ticket with every field this list does not allow taken out. */
  public Ticket filter(Ticket t) {
    Map<String, String> attributes;
    if (allAttributes) {
      attributes = t.attributes();
    } else {
      attributes = new LinkedHashMap<>();
      for (Map.Entry<String, String> attribute : t.attributes().entrySet()) {
        if (attributeNames.contains(attribute.getKey())) {
          attributes.put(attribute.getKey(), attribute.getValue());
        }
      }
    }
    return new Ticket(
        t.id(),
        t.ref(),
        t.partnerId(),
        t.externalId(),
        allows("subject") ? t.subject() : null,
        allows("description") ? t.description() : null,
        allows("status") ? t.status() : null,
        allows("priority") ? t.priority() : null,
        allows("category") ? t.category() : null,
        new Product(
            allows("product.model") ? t.product().model() : null,
            allows("product.serialNumber") ? t.product().serialNumber() : null,
            allows("product.firmware") ? t.product().firmware() : null),
        new Site(
            allows("site.name") ? t.site().name() : null,
            allows("site.address") ? t.site().address() : null),
        new Contact(
            allows("requester.name") ? t.requester().name() : null,
            allows("requester.email") ? t.requester().email() : null,
            allows("requester.phone") ? t.requester().phone() : null),
        // The manufacturer's own organisation: no item allows it, whoever calls this.
        null,
        null,
        null,
        null,
        attributes,
        t.createdAt(),
        t.updatedAt(),
        t.firstResponseAt(),
        t.resolvedAt(),
        t.version());
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Allowlist that && items.equals(that.items);
  }

  @Override
  public int hashCode() {
    return items.hashCode();
  }

  @Override
  public String toString() {
    return "Allowlist[items=" + items + "]";
  }
}
