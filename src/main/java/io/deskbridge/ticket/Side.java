package io.deskbridge.ticket;

import java.util.Objects;

/**
 * One party of a ticket: the manufacturer, or one partner by its id. Every change has an origin
 * side and is delivered to every other side of the ticket, never back to its origin.
 */
public record Side(String id) {

  /** The id the manufacturer's side is known by; partner ids may not take it. */
  public static final String MANUFACTURER_ID = "manufacturer";

  public static final Side MANUFACTURER = new Side(MANUFACTURER_ID);

  public Side {
    Objects.requireNonNull(id, "side id");
    if (id.isBlank()) {
      throw new IllegalArgumentException("side id must not be blank");
    }
  }

  public static Side partner(String partnerId) {
    if (MANUFACTURER_ID.equals(partnerId)) {
      throw new IllegalArgumentException("'" + MANUFACTURER_ID + "' is not a partner id");
    }
    return new Side(partnerId);
  }

  public boolean isManufacturer() {
    return MANUFACTURER_ID.equals(id);
  }

  @Override
  public String toString() {
    return id;
  }
}
