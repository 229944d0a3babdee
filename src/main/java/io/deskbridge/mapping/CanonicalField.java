package io.deskbridge.mapping;

import io.deskbridge.ticket.Priority;
import io.deskbridge.ticket.Status;
import io.deskbridge.ticket.Visibility;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The canonical fields a mapping can fill or send, by the name ops write, with the values each
 * takes. {@code attributes.<name>} names a custom attribute; {@code comment.*} the fields of a
 * comment.
 */
public enum CanonicalField {
  EXTERNAL_ID("externalId"),
  SUBJECT("subject"),
  DESCRIPTION("description"),
  STATUS("status", Status.class),
  PRIORITY("priority", Priority.class),
  CATEGORY("category"),
  PRODUCT_MODEL("product.model"),
  PRODUCT_SERIAL("product.serialNumber"),
  PRODUCT_FIRMWARE("product.firmware"),
  SITE_NAME("site.name"),
  SITE_ADDRESS("site.address"),
  REQUESTER_NAME("requester.name"),
  REQUESTER_EMAIL("requester.email"),
  REQUESTER_PHONE("requester.phone"),
  COMMENT_TEXT("comment.text"),
  COMMENT_HTML("comment.html"),
  COMMENT_AUTHOR_NAME("comment.authorName"),
  COMMENT_AUTHOR_EMAIL("comment.authorEmail"),
  COMMENT_EXTERNAL_ID("comment.externalId"),
  COMMENT_VISIBILITY("comment.visibility", Visibility.class),
  /** Stands for every {@code attributes.<name>}. */
  ATTRIBUTE("attributes.*");

  public static final String ATTRIBUTE_PREFIX = "attributes.";

  private final String key;
  private final Class<? extends Enum<?>> values;
  private final List<String> allowed;

  CanonicalField(String key) {
    this(key, null);
  }

  CanonicalField(String key, Class<? extends Enum<?>> values) {
    this.key = key;
    this.values = values;
    this.allowed =
        values == null
            ? List.of()
            : Arrays.stream(values.getEnumConstants()).map(Enum::name).toList();
  }

  public String key() {
    return key;
  }

  /** Whether the field takes only the names of an enum (status, priority, visibility). */
  public boolean isEnumerated() {
    return values != null;
  }

  /** The names the field takes, or an empty list when it takes any text. */
  public List<String> allowedValues() {
    return allowed;
  }

  public boolean isComment() {
    return key.startsWith("comment.");
  }

  /** The field a name stands for; {@code attributes.x} is {@link #ATTRIBUTE}. */
  public static Optional<CanonicalField> byKey(String key) {
    if (key.startsWith(ATTRIBUTE_PREFIX) && key.length() > ATTRIBUTE_PREFIX.length()) {
      return Optional.of(ATTRIBUTE);
    }
    return Arrays.stream(values()).filter(f -> f != ATTRIBUTE && f.key.equals(key)).findFirst();
  }

  /** Every name a mapping may use, for suggestions. */
  public static List<String> keys() {
    List<String> keys = new ArrayList<>();
    for (CanonicalField field : values()) {
      keys.add(field == ATTRIBUTE ? "attributes.<name>" : field.key);
    }
    return keys;
  }
}
