package io.deskbridge.mapping;

import io.deskbridge.ticket.Ticket;
import java.util.LinkedHashMap;
import java.util.Map;

/** A ticket's canonical fields by the names mappings use, as text. */
final class CanonicalValues {

  private CanonicalValues() {}

  static Map<String, String> of(Ticket t) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("subject", t.subject());
    values.put("description", t.description());
    values.put("status", t.status() == null ? null : t.status().name());
    values.put("priority", t.priority() == null ? null : t.priority().name());
    values.put("category", t.category());
    values.put("product.model", t.product().model());
    values.put("product.serialNumber", t.product().serialNumber());
    values.put("product.firmware", t.product().firmware());
    values.put("site.name", t.site().name());
    values.put("site.address", t.site().address());
    values.put("requester.name", t.requester().name());
    values.put("requester.email", t.requester().email());
    values.put("requester.phone", t.requester().phone());
    t.attributes()
        .forEach((name, value) -> values.put(CanonicalField.ATTRIBUTE_PREFIX + name, value));
    return values;
  }
}
