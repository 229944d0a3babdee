package io.deskbridge.connector.email;

import java.util.ArrayList;
import java.util.List;

/** The header fields of a message in their order, decoded, looked up by name in any case. */
public record MailHeaders(List<Field> fields) {

  /** One header field: its name as written and its decoded value, unfolded. */
  public record Field(String name, String value) {}

  public static final MailHeaders NONE = new MailHeaders(List.of());

  public MailHeaders {
    fields = List.copyOf(fields);
  }

  /** The first value of the field, or null. */
  public String first(String name) {
    for (Field field : fields) {
      if (field.name().equalsIgnoreCase(name)) {
        return field.value();
      }
    }
    return null;
  }

  /** Every value of the field, in order. */
  public List<String> all(String name) {
    List<String> values = new ArrayList<>();
    for (Field field : fields) {
      if (field.name().equalsIgnoreCase(name)) {
        values.add(field.value());
      }
    }
    return values;
  }

  public boolean has(String name) {
    return first(name) != null;
  }
}
