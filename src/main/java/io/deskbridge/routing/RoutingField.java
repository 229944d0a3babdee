package io.deskbridge.routing;

import io.deskbridge.ticket.TicketDraft;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/** A canonical field a routing condition can test, by the name used in {@code when:}. */
public enum RoutingField {
  PARTNER("partner", (partner, draft) -> partner),
  PRODUCT_MODEL("product.model", (partner, draft) -> draft.product().model()),
  PRODUCT_SERIAL("product.serialNumber", (partner, draft) -> draft.product().serialNumber()),
  PRODUCT_FIRMWARE("product.firmware", (partner, draft) -> draft.product().firmware()),
  CATEGORY("category", (partner, draft) -> draft.category()),
  PRIORITY("priority", (partner, draft) -> draft.priority().name()),
  SITE_NAME("site.name", (partner, draft) -> draft.site().name()),
  SITE_ADDRESS("site.address", (partner, draft) -> draft.site().address()),
  /** Subject and description together; a pattern matches anywhere in them. */
  TEXT(
      "text",
      (partner, draft) ->
          (draft.subject() == null ? "" : draft.subject())
              + "\n"
              + (draft.description() == null ? "" : draft.description()));

  private final String key;
  private final BiFunction<String, TicketDraft, String> value;

  RoutingField(String key, BiFunction<String, TicketDraft, String> value) {
    this.key = key;
    this.value = value;
  }

  public String key() {
    return key;
  }

  String valueOf(String partnerId, TicketDraft draft) {
    return value.apply(partnerId, draft);
  }

  public static Optional<RoutingField> byKey(String key) {
    return Arrays.stream(values()).filter(f -> f.key.equals(key)).findFirst();
  }

  public static List<String> keys() {
    return Arrays.stream(values()).map(RoutingField::key).toList();
  }
}
